#pragma once
// A page of the client portal (and of the staff app's Clients area) that reads the offline
// cache: it shows at once and offline, and reloads whenever a sync or an upload changed the cache.
// In the client app it shows everything the contact may see; staff set the client they work on.
#include <QJsonObject>
#include <QWidget>

namespace kete::app {

class AppWindow;
class LocalStore;

class CachePage : public QWidget {
  Q_OBJECT
 public:
  explicit CachePage(AppWindow& window, QWidget* parent = nullptr);
  // Staff: the client whose records are shown and to whom new records go. Empty: the client app.
  void setTenant(const QString& tenantId);
  const QString& tenant() const { return m_tenant; }
  virtual void reload() = 0;

 protected:
  LocalStore* store() const;
  bool staffMode() const;  // the signed-in person works for the business
  // Data for a new record: the client staff work on (the server fills in a client's own).
  QJsonObject withTenant(QJsonObject data) const;
  void syncSoon() const;  // sends what was just queued

  AppWindow& m_window;
  QString m_tenant;
};

}  // namespace kete::app
