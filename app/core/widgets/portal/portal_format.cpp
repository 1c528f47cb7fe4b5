#include "widgets/portal/portal_format.h"

#include <QDateTime>
#include <QLocale>

namespace kete::app::portal {

QString money(qint64 cents, const QString& currency) {
  const QLocale locale;
  const qint64 whole = cents / 100;
  const qint64 part = (cents < 0 ? -cents : cents) % 100;
  const QString sign = cents < 0 ? QStringLiteral("-") : QString();
  const QString amount = QStringLiteral("%1$%2%3%4")
                             .arg(sign, locale.toString(whole < 0 ? -whole : whole), locale.decimalPoint())
                             .arg(part, 2, 10, QLatin1Char('0'));
  return currency.isEmpty() ? amount : amount + QLatin1Char(' ') + currency;
}

QString date(const QString& isoDate) {
  const QDate d = QDate::fromString(isoDate, Qt::ISODate);
  return d.isValid() ? QLocale().toString(d, QStringLiteral("d MMM yyyy")) : QString();
}

QString when(const QString& rfc3339) {
  const QDateTime t = QDateTime::fromString(rfc3339, Qt::ISODateWithMs);
  return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

qint64 outstandingCents(const QJsonObject& d) {
  if (d.value("status").toString() == QLatin1String("paid") || d.value("status").toString() == QLatin1String("void"))
    return 0;
  if (d.contains("amount_due_cents")) return d.value("amount_due_cents").toInteger();
  return d.value("amount_cents").toInteger() - d.value("amount_paid_cents").toInteger();
}

InvoiceState invoiceState(const QJsonObject& d, const QDate& today) {
  const QString status = d.value("status").toString();
  if (status == QLatin1String("void")) return InvoiceState::Void;
  if (status == QLatin1String("paid") || outstandingCents(d) <= 0) return InvoiceState::Paid;
  const QDate due = QDate::fromString(d.value("due").toString(), Qt::ISODate);
  return due.isValid() && due < today ? InvoiceState::Overdue : InvoiceState::Due;
}

QString invoiceStateText(InvoiceState state) {
  switch (state) {
    case InvoiceState::Paid: return QObject::tr("Paid");
    case InvoiceState::Overdue: return QObject::tr("Overdue");
    case InvoiceState::Due: return QObject::tr("Due");
    case InvoiceState::Void: return QObject::tr("Cancelled");
  }
  return {};
}

}  // namespace kete::app::portal
