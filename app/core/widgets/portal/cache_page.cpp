#include "widgets/portal/cache_page.h"

#include "store/local_store.h"
#include "sync/sync_engine.h"
#include "widgets/app_window.h"

namespace kete::app {

CachePage::CachePage(AppWindow& window, QWidget* parent) : QWidget(parent), m_window(window) {
  // Lists here are one company's worth: reloading them all is cheaper than tracking what changed.
  connect(&window, &AppWindow::cacheChanged, this, [this] { reload(); });
}

void CachePage::setTenant(const QString& tenantId) {
  m_tenant = tenantId;
  reload();
}

LocalStore* CachePage::store() const { return m_window.store(); }

bool CachePage::staffMode() const { return m_window.user().value("tenant").toObject().value("kind").toString() == "internal"; }

QJsonObject CachePage::withTenant(QJsonObject data) const {
  if (!m_tenant.isEmpty()) data.insert(QStringLiteral("tenant_id"), m_tenant);
  return data;
}

void CachePage::syncSoon() const {
  if (m_window.sync()) m_window.sync()->syncNow();
}

}  // namespace kete::app
