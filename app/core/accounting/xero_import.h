#pragma once
// Reads Xero's sales invoice CSV export (and files made from Xero's invoice import template) into
// invoices a business can bring into Kete. Pure logic: no widgets, no network, no store.
//
// The export has one row per invoice LINE, the invoice's own fields repeated on each. Rows are
// merged by InvoiceNumber; a row that cannot be read, or that repeats an invoice with different
// invoice details, is refused with a message for the person importing, never silently merged.
// Every data row ends up in exactly one place: an invoice's `lines`, `problems` or `skipped`.
#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace kete::app {

struct XeroInvoice {
  QString contactName, email;                          // trimmed
  QString number, reference;                           // InvoiceNumber, Reference
  QDate issued, due;                                   // InvoiceDate, DueDate (DD/MM/YYYY; also YYYY-MM-DD)
  qint64 totalCents = 0, paidCents = 0, dueCents = 0;  // Total, InvoiceAmountPaid, InvoiceAmountDue
  QString currency;                                    // upper-case; "NZD" when the column is absent or empty
  QString status;                                      // "paid" | "due" | "void"
  QStringList lineDescriptions;                        // Description of each line, in file order (parallel to `lines`)
  QList<int> lines;  // 1-based physical line numbers (first line of each record) that made this invoice
};

struct XeroProblem {
  int line = 0;  // 0 = the whole file
  QString invoiceNumber;
  QString message;  // for the person importing: where, what, and what to fix
};

struct XeroParseResult {
  QList<XeroInvoice> invoices;  // in order of first appearance
  QList<XeroProblem> problems;  // rows refused (malformed values, missing values, conflicting repeats), by line
  QList<XeroProblem> skipped;   // rows deliberately left out (drafts, credit notes, overpayments), by line
  // False only when the file itself is unusable (not CSV text, required columns missing); then
  // `problems` holds a line-0 entry saying why.
  bool ok() const;
};

XeroParseResult parseXeroInvoices(const QByteArray& csv);

// Money "1,234.50" / "-12.5" / "12" -> cents, exactly (no floating point). False on anything else,
// including more than two decimal places and a decimal comma ("12,50").
bool parseMoneyCents(const QString& text, qint64* cents);

}  // namespace kete::app
