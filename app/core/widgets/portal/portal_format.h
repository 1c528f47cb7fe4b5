#pragma once
// How the client pages say money, dates and states, the same way on every page and in both apps.
#include <QDate>
#include <QJsonObject>
#include <QString>

namespace kete::app::portal {

inline QJsonObject dataOf(const QJsonObject& record) { return record.value("data").toObject(); }
inline QString text(const QJsonObject& record, const char* field) {
  return dataOf(record).value(QLatin1String(field)).toString();
}

// 184000, "NZD" -> "$1,840.00 NZD" (in the person's locale's digits).
QString money(qint64 cents, const QString& currency);
// "2026-12-20" -> "20 Dec 2026"; empty when not a date.
QString date(const QString& isoDate);
// An RFC 3339 time -> local "27/11/2026 9:30 am" style; empty when not a time.
QString when(const QString& rfc3339);

enum class InvoiceState { Paid, Overdue, Due, Void };
InvoiceState invoiceState(const QJsonObject& invoiceData, const QDate& today = QDate::currentDate());
QString invoiceStateText(InvoiceState state);
// What is still owed: amount_due_cents when the accounting system said so, else the total unless paid.
qint64 outstandingCents(const QJsonObject& invoiceData);

}  // namespace kete::app::portal
