#include "accounting/xero_import.h"

#include <QHash>
#include <QObject>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QtNumeric>
#include <algorithm>
#include <array>
#include <optional>

namespace kete::app {
namespace {

// The columns read; the rest of the export (addresses, tax, tracking, Sent) is not needed.
namespace col {
enum : int {
  ContactName,
  EmailAddress,
  InvoiceNumber,
  Reference,
  InvoiceDate,
  DueDate,
  Total,
  InvoiceAmountPaid,
  InvoiceAmountDue,
  Description,
  Quantity,
  UnitAmount,
  Discount,
  LineAmount,
  Currency,
  Type,
  Status,
  Count
};
}  // namespace col

constexpr std::array<const char*, col::Count> kColumnNames{
    "ContactName", "EmailAddress",      "InvoiceNumber",    "Reference",   "InvoiceDate", "DueDate",
    "Total",       "InvoiceAmountPaid", "InvoiceAmountDue", "Description", "Quantity",    "UnitAmount",
    "Discount",    "LineAmount",        "Currency",         "Type",        "Status"};

constexpr std::array kRequired{col::ContactName, col::InvoiceNumber, col::InvoiceDate, col::DueDate};

// Fields of the invoice itself, repeated on each of its lines: they must agree across the lines.
// Reference and Type are invoice fields in Xero too, so a repeat that changes them is just as suspect.
constexpr std::array kInvoiceLevel{
    col::ContactName,       col::EmailAddress,     col::Reference, col::InvoiceDate, col::DueDate, col::Total,
    col::InvoiceAmountPaid, col::InvoiceAmountDue, col::Currency,  col::Type,        col::Status};

const QString kDefaultCurrency = QStringLiteral("NZD");

QString columnName(int c) { return QString::fromLatin1(kColumnNames[static_cast<size_t>(c)]); }

// ---- Text and CSV --------------------------------------------------------------------------------

struct CsvRecord {
  int line = 0;  // physical line the record starts on
  QStringList fields;
};

struct CsvTable {
  QList<CsvRecord> records;
  int unclosedQuoteLine = 0;  // the record starting here opens a quote that never closes
};

// Xero writes UTF-8 with a BOM. A file resaved by a spreadsheet in a legacy code page is refused
// rather than guessed at: contact names (macrons included) are what clients are matched by.
bool decodeText(const QByteArray& bytes, QString* text, QString* whyNot) {
  const auto encoding = QStringConverter::encodingForData(bytes).value_or(QStringConverter::Utf8);
  QStringDecoder decoder(encoding);
  *text = QString(decoder.decode(bytes));
  if (decoder.hasError()) {
    *whyNot = QObject::tr(
        "The file is not UTF-8 text, which is how Xero exports it; it may have been saved again by a "
        "spreadsheet. Export the invoices from Xero again, or save the file as \"CSV UTF-8\".");
    return false;
  }
  if (text->startsWith(QChar(0xFEFF))) text->remove(0, 1);
  if (text->contains(QChar(0))) {
    *whyNot = QObject::tr("This is not a CSV file. Choose the sales invoices CSV file exported from Xero.");
    return false;
  }
  return true;
}

// RFC 4180: fields separated by commas, records by CRLF or LF (a lone CR too); a field that starts
// with a double quote runs to the closing quote, "" inside it being one quote, commas and line
// breaks inside it being text. Line breaks inside a field become "\n" whatever the file used.
// Leniently, a quote in the middle of an unquoted field, or text after a closing quote, is kept as
// text: Xero never writes either, and refusing would not help anyone fix the file.
CsvTable readCsv(const QString& text) {
  CsvTable table;
  CsvRecord record{1, {}};
  QString field;
  bool inQuotes = false;
  bool atFieldStart = true;
  int line = 1;
  const qsizetype n = text.size();
  for (qsizetype i = 0; i < n; ++i) {
    const QChar c = text.at(i);
    const bool lineBreak = c == u'\n' || c == u'\r';
    if (lineBreak && c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n') ++i;  // CRLF is one break
    if (inQuotes) {
      if (c == u'"') {
        if (i + 1 < n && text.at(i + 1) == u'"') {
          field += u'"';
          ++i;
        } else {
          inQuotes = false;
        }
      } else if (lineBreak) {
        field += u'\n';
        ++line;
      } else {
        field += c;
      }
    } else if (c == u'"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
    } else if (c == u',') {
      record.fields << field;
      field.clear();
      atFieldStart = true;
    } else if (lineBreak) {
      record.fields << field;
      field.clear();
      table.records << record;
      record = CsvRecord{++line, {}};
      atFieldStart = true;
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  if (inQuotes) {
    table.unclosedQuoteLine = record.line;
  } else if (!record.fields.isEmpty() || !atFieldStart) {
    record.fields << field;  // the last record, when the file does not end with a line break
    table.records << record;
  }
  return table;
}

bool isBlank(const CsvRecord& record) {
  for (const QString& f : record.fields)
    if (!f.trimmed().isEmpty()) return false;
  return true;
}

// Header names are matched by name, whatever their order: trimmed, case-insensitive, without the
// `*` the import template puts on required columns.
QString headerKey(const QString& name) {
  QString key = name.trimmed();
  if (key.startsWith(u'*')) key = key.mid(1).trimmed();
  return key.toLower();
}

// "A", "A and B", "A, B and C".
QString listed(const QStringList& items) {
  if (items.size() <= 1) return items.value(0);
  return QObject::tr("%1 and %2").arg(items.mid(0, items.size() - 1).join(QStringLiteral(", ")), items.last());
}

// ---- Values ----------------------------------------------------------------------------------------

bool isAsciiDigit(QChar c) { return c >= u'0' && c <= u'9'; }

// An exact decimal ("1,234.5", "-12", "0.0625") as an integer scaled by 10^decimals. Thousands
// separators must group by three ("12,3" is a decimal comma in much of the world: refused, not read
// as 123). At most 13 digits before the point, so the result cannot overflow.
bool parseScaled(QStringView text, int decimals, qint64* out) {
  text = text.trimmed();
  const bool negative = text.startsWith(u'-');
  if (negative) text = text.mid(1);
  const qsizetype point = text.indexOf(u'.');
  const QStringView whole = point < 0 ? text : text.left(point);
  const QStringView fraction = point < 0 ? QStringView() : text.mid(point + 1);
  if (whole.isEmpty() || (point >= 0 && (fraction.isEmpty() || fraction.size() > decimals))) return false;

  qint64 value = 0;
  int digits = 0, group = 0;
  bool grouped = false;
  for (const QChar c : whole) {
    if (c == u',') {
      if (group == 0 || (grouped ? group != 3 : group > 3)) return false;
      grouped = true;
      group = 0;
    } else if (isAsciiDigit(c)) {
      if (++digits > 13) return false;
      ++group;
      value = value * 10 + c.digitValue();
    } else {
      return false;
    }
  }
  if (group == 0 || (grouped && group != 3)) return false;
  for (int i = 0; i < decimals; ++i) {
    if (i < fraction.size() && !isAsciiDigit(fraction[i])) return false;
    value = value * 10 + (i < fraction.size() ? fraction[i].digitValue() : 0);
  }
  *out = negative ? -value : value;
  return true;
}

// n / d rounded half away from zero (d > 0), as Xero rounds line amounts.
qint64 divideRounded(qint64 n, qint64 d) {
  qint64 q = n / d;
  const qint64 r = n % d;
  if (2 * (r < 0 ? -r : r) >= d) q += n < 0 ? -1 : 1;
  return q;
}

// DD/MM/YYYY (NZ organisations; a spreadsheet may drop the leading zeros) or YYYY-MM-DD.
QDate parseDate(const QString& text) {
  static const QRegularExpression dmy(QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$"));
  static const QRegularExpression iso(QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})$"));
  if (const auto m = dmy.match(text); m.hasMatch())
    return QDate(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
  if (const auto m = iso.match(text); m.hasMatch())
    return QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
  return {};
}

// Xero's statuses as the export shows them, and as its API names them.
enum class Status { Due, Paid, Void, Draft, Deleted, Unknown };

Status statusOf(const QString& text) {
  const QString s = text.simplified().toLower();
  if (s.isEmpty() || s == u"awaiting payment" || s == u"awaiting approval" || s == u"authorised" || s == u"submitted")
    return Status::Due;
  if (s == u"paid") return Status::Paid;
  if (s == u"voided" || s == u"void") return Status::Void;
  if (s == u"draft") return Status::Draft;
  if (s == u"deleted") return Status::Deleted;
  return Status::Unknown;
}

QString moneyFault(int column, const QString& value) {
  static const QRegularExpression tooPrecise(QStringLiteral("^-?[\\d,]*\\.\\d{3,}$"));
  if (tooPrecise.match(value).hasMatch())
    return QObject::tr("%1 \"%2\" has more than two decimal places").arg(columnName(column), value);
  return QObject::tr("%1 \"%2\" is not an amount of money (like 1,234.50)").arg(columnName(column), value);
}

// ---- Rows ------------------------------------------------------------------------------------------

struct Row {
  int line = 0;
  std::array<QString, col::Count> value;  // trimmed; empty when the column is absent
  QString number;
  QString skip;        // why the row is deliberately left out (whole sentence), when it is
  QStringList faults;  // why the row cannot be read, each naming the column and the value
  QDate issued, due;
  std::optional<qint64> total, paid, amountDue;
  qint64 lineCents = 0;  // the line's amount, used only when the file has no Total
};

QString who(const Row& row) { return row.number.isEmpty() ? QObject::tr("this line") : row.number; }

// Credit notes, overpayments, drafts and deleted invoices are not for clients' portals.
QString skipReason(const Row& row) {
  const QString type = row.value[col::Type];
  const QString t = type.simplified().toLower();
  if (t == u"sales credit note")
    return QObject::tr("%1 is a credit note, not an invoice (Type \"%2\"); credit notes are not imported.")
        .arg(who(row), type);
  if (t == u"sales overpayment")
    return QObject::tr("%1 is an overpayment, not an invoice (Type \"%2\"); overpayments are not imported.")
        .arg(who(row), type);
  if (!t.isEmpty() && t != u"sales invoice")
    return QObject::tr("%1 is not a sales invoice (Type \"%2\"); only sales invoices are imported.")
        .arg(who(row), type);
  switch (statusOf(row.value[col::Status])) {
    case Status::Draft:
      return QObject::tr(
                 "%1 is a draft in Xero, and drafts are not sent to clients, so it is not imported. "
                 "Approve it in Xero and export again to bring it in.")
          .arg(who(row));
    case Status::Deleted:
      return QObject::tr("%1 was deleted in Xero, so it is not imported.").arg(who(row));
    default:
      return {};
  }
}

// The line's amount: LineAmount when given, else Quantity x UnitAmount less Discount (a
// percentage), rounded to cents as Xero does. Quantities and unit prices may have 4 decimals.
void readLineAmount(Row& row) {
  if (!row.value[col::LineAmount].isEmpty()) {
    if (!parseMoneyCents(row.value[col::LineAmount], &row.lineCents))
      row.faults << moneyFault(col::LineAmount, row.value[col::LineAmount]);
    return;
  }
  const QString& qtyText = row.value[col::Quantity];
  const QString& unitText = row.value[col::UnitAmount];
  const QString& discountText = row.value[col::Discount];
  if (qtyText.isEmpty() && unitText.isEmpty()) return;  // a line of text only
  qint64 qty = 0, unit = 0, discount = 0;               // scaled by 10^4, 10^4 and 10^2 (percent)
  bool readable = true;
  if (qtyText.isEmpty() || unitText.isEmpty()) {
    const int missing = qtyText.isEmpty() ? col::Quantity : col::UnitAmount;
    row.faults << QObject::tr("%1 is empty, so the amount of this line cannot be worked out").arg(columnName(missing));
    readable = false;
  }
  if (!qtyText.isEmpty() && !parseScaled(qtyText, 4, &qty)) {
    row.faults << QObject::tr("Quantity \"%1\" is not a number (like 1.5)").arg(qtyText);
    readable = false;
  }
  if (!unitText.isEmpty() && !parseScaled(unitText, 4, &unit)) {
    row.faults << moneyFault(col::UnitAmount, unitText);
    readable = false;
  }
  if (!discountText.isEmpty() && (!parseScaled(discountText, 2, &discount) || discount < 0 || discount > 10000)) {
    row.faults << QObject::tr("Discount \"%1\" is not a percentage from 0 to 100").arg(discountText);
    readable = false;
  }
  if (!readable) return;
  // qty * unit is scaled by 10^8, times (100% - discount) by 10^4 more: 10^10 per cent.
  qint64 product = 0;
  if (qMulOverflow(qty, unit, &product) || qMulOverflow(product, qint64(10000) - discount, &product)) {
    row.faults
        << QObject::tr("the amount of this line (Quantity %1 x UnitAmount %2) is too large").arg(qtyText, unitText);
    return;
  }
  row.lineCents = divideRounded(product, qint64(10'000'000'000));
}

Row readRow(const CsvRecord& record, const std::array<int, col::Count>& index, qsizetype columnCount) {
  Row row;
  row.line = record.line;
  for (int c = 0; c < col::Count; ++c) {
    const int i = index[c];
    if (i >= 0 && i < record.fields.size()) row.value[c] = record.fields[i].trimmed();
  }
  row.number = row.value[col::InvoiceNumber];

  // Values beyond the header usually mean an unquoted comma shifted the row: nothing in it can be trusted.
  for (qsizetype i = columnCount; i < record.fields.size(); ++i) {
    if (record.fields[i].trimmed().isEmpty()) continue;
    row.faults << QObject::tr(
                      "this line has %1 values but the file has %2 columns (a value containing a comma "
                      "may be missing its quotes)")
                      .arg(record.fields.size())
                      .arg(columnCount);
    return row;
  }

  // Rows left out are not checked further: nobody needs to fix a draft's date to import the rest.
  row.skip = skipReason(row);
  if (!row.skip.isEmpty()) return row;

  for (const int c : kRequired)
    if (row.value[c].isEmpty()) row.faults << QObject::tr("%1 is empty").arg(columnName(c));

  const auto readDate = [&row](int c, QDate* date) {
    if (row.value[c].isEmpty()) return;
    *date = parseDate(row.value[c]);
    if (!date->isValid())
      row.faults << QObject::tr("%1 \"%2\" is not a date (DD/MM/YYYY)").arg(columnName(c), row.value[c]);
  };
  readDate(col::InvoiceDate, &row.issued);
  readDate(col::DueDate, &row.due);

  const auto readMoney = [&row](int c, std::optional<qint64>* amount) {
    if (row.value[c].isEmpty()) return;
    qint64 cents = 0;
    if (parseMoneyCents(row.value[c], &cents))
      *amount = cents;
    else
      row.faults << moneyFault(c, row.value[c]);
  };
  readMoney(col::Total, &row.total);
  readMoney(col::InvoiceAmountPaid, &row.paid);
  readMoney(col::InvoiceAmountDue, &row.amountDue);
  readLineAmount(row);

  static const QRegularExpression currencyCode(QStringLiteral("^[A-Za-z]{3}$"));
  if (!row.value[col::Currency].isEmpty() && !currencyCode.match(row.value[col::Currency]).hasMatch())
    row.faults
        << QObject::tr("Currency \"%1\" is not a three-letter currency code like NZD").arg(row.value[col::Currency]);

  if (statusOf(row.value[col::Status]) == Status::Unknown)
    row.faults << QObject::tr("Status \"%1\" is not an invoice status Kete knows (Awaiting Payment, Paid, Voided, ...)")
                      .arg(row.value[col::Status]);
  return row;
}

// A field's value for comparing repeats: "5/3/2026" and "05/03/2026" are the same date, "1,200" and
// "1200.00" the same amount, "nzd" and "NZD" (or nothing) the same currency.
QString comparable(const Row& row, int c) {
  const QString& v = row.value[c];
  switch (c) {
    case col::InvoiceDate:
    case col::DueDate:
      return parseDate(v).isValid() ? parseDate(v).toString(Qt::ISODate) : v;
    case col::Total:
    case col::InvoiceAmountPaid:
    case col::InvoiceAmountDue: {
      qint64 cents = 0;
      return parseMoneyCents(v, &cents) ? QString::number(cents) : v;
    }
    case col::Currency:
      return v.isEmpty() ? kDefaultCurrency : v.toUpper();
    case col::Type:
      return v.isEmpty() ? QStringLiteral("sales invoice") : v.simplified().toLower();
    case col::EmailAddress:
    case col::Status:
      return v.simplified().toLower();
    default:
      return v;
  }
}

// 'a different Total ("1150.00" here, "1092.50" on line 16) and DueDate (...)', or empty when they agree.
QString differences(const Row& first, const Row& later) {
  QStringList found;
  const auto shown = [](const QString& v) {
    return v.isEmpty() ? QObject::tr("empty") : QStringLiteral("\"%1\"").arg(v);
  };
  for (const int c : kInvoiceLevel)
    if (comparable(first, c) != comparable(later, c))
      found << QObject::tr("%1 (%2 here, %3 on line %4)")
                   .arg(columnName(c), shown(later.value[c]), shown(first.value[c]), QString::number(first.line));
  return found.isEmpty() ? QString() : QObject::tr("a different %1").arg(listed(found));
}

QString atLine(int line, const QString& text) { return QObject::tr("line %1: %2").arg(QString::number(line), text); }

XeroProblem problem(const Row& row, const QString& number, const QString& text) {
  return XeroProblem{row.line, number, atLine(row.line, text)};
}

// Fault(s) of a refused row, then what happened because of them.
XeroProblem refused(const Row& row, const QString& consequence) {
  return problem(row, row.number, QStringLiteral("%1. %2").arg(row.faults.join(QStringLiteral("; ")), consequence));
}

// A later row of an invoice whose invoice details differ from its first row's.
XeroProblem conflict(const Row& row, const Row& first, const QString& diff, const QString& consequence) {
  return problem(row, first.number,
                 QObject::tr("invoice %1 repeats with %2. %3 Every line of an invoice must carry the same invoice "
                             "details.")
                     .arg(first.number, diff, consequence));
}

// All the rows of one invoice number, in file order: one invoice, or none, and a reason for every row left out.
void settle(const QList<const Row*>& rows, XeroParseResult& out) {
  const Row& first = *rows.first();
  const QString& number = first.number;

  // The first row decides; a later one that says otherwise (a draft line, then an approved one) is a conflict.
  if (!first.skip.isEmpty()) {
    for (const Row* row : rows) {
      const QString diff = row == &first ? QString() : differences(first, *row);
      if (diff.isEmpty())
        out.skipped << XeroProblem{row->line, number, atLine(row->line, first.skip)};
      else
        out.problems << conflict(
            *row, first, diff,
            QObject::tr("This line was not imported, and neither was the invoice (see line %1).").arg(first.line));
    }
    return;
  }

  if (!first.faults.isEmpty()) {
    const QString notImported =
        QObject::tr("Invoice %1 was not imported; correct it in Xero or in the file and import again.").arg(number);
    out.problems << refused(first, notImported);
    for (const Row* row : rows.mid(1)) {
      out.problems << (row->faults.isEmpty()
                           ? problem(*row, number,
                                     QObject::tr("invoice %1 was not imported because its first line (line %2) has a "
                                                 "problem; this line was left out with it. Fix line %2 and import "
                                                 "again.")
                                         .arg(number, QString::number(first.line)))
                           : refused(*row, notImported));
    }
    return;
  }

  QList<const Row*> merged{&first};
  QList<XeroProblem> lineProblems;
  for (const Row* row : rows.mid(1)) {
    if (!row->faults.isEmpty()) {
      lineProblems << refused(*row, QObject::tr("This line of invoice %1 was not imported; correct it in Xero or "
                                                "in the file and import again.")
                                        .arg(number));
    } else if (const QString diff = differences(first, *row); !diff.isEmpty()) {
      lineProblems << conflict(
          *row, first, diff,
          QObject::tr("This line was not imported and the invoice keeps the details of line %1.").arg(first.line));
    } else {
      merged << row;
    }
  }
  out.problems << lineProblems;

  // Without a Total the total is the sum of the lines, and a line left out would make it wrong.
  const bool totalFromLines = !first.total;
  if (totalFromLines && merged.size() < rows.size()) {
    const int missingLine = lineProblems.first().line;
    for (const Row* row : merged)
      out.problems << problem(*row, number,
                              QObject::tr("invoice %1 was not imported: its total is worked out from its lines, "
                                          "and line %2 could not be used.")
                                  .arg(number, QString::number(missingLine)));
    return;
  }

  XeroInvoice invoice;
  invoice.contactName = first.value[col::ContactName];
  invoice.email = first.value[col::EmailAddress];
  invoice.number = number;
  invoice.reference = first.value[col::Reference];
  invoice.issued = first.issued;
  invoice.due = first.due;
  invoice.currency = comparable(first, col::Currency);
  const Status status = statusOf(first.value[col::Status]);
  invoice.status = status == Status::Paid   ? QStringLiteral("paid")
                   : status == Status::Void ? QStringLiteral("void")
                                            : QStringLiteral("due");
  for (const Row* row : merged) {
    invoice.lineDescriptions << row->value[col::Description];
    invoice.lines << row->line;
    if (totalFromLines) invoice.totalCents += row->lineCents;
  }
  if (!totalFromLines) invoice.totalCents = *first.total;

  // The file's figures when it has them; otherwise what the status implies. A voided invoice owes nothing.
  const qint64 total = invoice.totalCents;
  if (first.paid && first.amountDue) {
    invoice.paidCents = *first.paid;
    invoice.dueCents = *first.amountDue;
  } else if (first.paid) {
    invoice.paidCents = *first.paid;
    invoice.dueCents = status == Status::Void ? 0 : total - *first.paid;
  } else if (first.amountDue) {
    invoice.dueCents = *first.amountDue;
    invoice.paidCents = status == Status::Void ? 0 : total - *first.amountDue;
  } else {
    invoice.paidCents = status == Status::Paid ? total : 0;
    invoice.dueCents = status == Status::Due ? total : 0;
  }
  out.invoices << invoice;
}

}  // namespace

bool XeroParseResult::ok() const {
  for (const XeroProblem& p : problems)
    if (p.line == 0) return false;
  return true;
}

bool parseMoneyCents(const QString& text, qint64* cents) {
  qint64 value = 0;
  if (!parseScaled(text, 2, &value)) return false;
  if (cents) *cents = value;
  return true;
}

XeroParseResult parseXeroInvoices(const QByteArray& csv) {
  XeroParseResult result;
  const auto unusable = [&result](const QString& why) {
    result.problems << XeroProblem{0, {}, why};
    return result;
  };

  QString text, whyNot;
  if (!decodeText(csv, &text, &whyNot)) return unusable(whyNot);
  const CsvTable table = readCsv(text);

  qsizetype headerAt = 0;
  while (headerAt < table.records.size() && isBlank(table.records[headerAt])) ++headerAt;
  if (headerAt == table.records.size()) {
    if (table.unclosedQuoteLine)
      return unusable(QObject::tr("The file cannot be read: a double quote on line %1 is never closed.")
                          .arg(table.unclosedQuoteLine));
    return unusable(QObject::tr("The file is empty."));
  }

  const CsvRecord& header = table.records[headerAt];
  std::array<int, col::Count> index;
  index.fill(-1);
  QHash<QString, int> byName;
  for (int i = 0; i < header.fields.size(); ++i) {
    const QString key = headerKey(header.fields[i]);
    if (!byName.contains(key)) byName.insert(key, i);  // a name given twice: the first one counts
  }
  for (int c = 0; c < col::Count; ++c) index[c] = byName.value(headerKey(columnName(c)), -1);

  QStringList missing;
  for (const int c : kRequired)
    if (index[c] < 0) missing << columnName(c);
  if (!missing.isEmpty()) {
    QString why = (missing.size() == 1 ? QObject::tr("The file has no %1 column, so it cannot be imported as Xero "
                                                     "invoices.")
                                       : QObject::tr("The file has no %1 columns, so it cannot be imported as Xero "
                                                     "invoices."))
                      .arg(listed(missing)) +
                  QLatin1Char(' ') +
                  QObject::tr(
                      "Choose the sales invoices CSV file exported from Xero, or a file made from Xero's "
                      "invoice import template.");
    // A spreadsheet set up for another region may have saved it with semicolons or tabs.
    const QString firstCell = header.fields.value(0);
    if (header.fields.size() == 1 && (firstCell.contains(u';') || firstCell.contains(u'\t')))
      why += QLatin1Char(' ') + QObject::tr(
                                    "Its values are separated by %1, not commas: save it as CSV "
                                    "(comma-separated) and try again.")
                                    .arg(firstCell.contains(u';') ? QObject::tr("semicolons") : QObject::tr("tabs"));
    return unusable(why);
  }

  QList<Row> rows;
  for (qsizetype r = headerAt + 1; r < table.records.size(); ++r)
    if (!isBlank(table.records[r])) rows << readRow(table.records[r], index, header.fields.size());

  // Group the rows by invoice number, in order of first appearance. A row without a number
  // belongs to no invoice and is settled on its own.
  QList<QList<const Row*>> groups;
  QHash<QString, qsizetype> groupOf;
  for (const Row& row : rows) {
    if (row.number.isEmpty()) {
      if (!row.skip.isEmpty())
        result.skipped << XeroProblem{row.line, {}, atLine(row.line, row.skip)};
      else
        result.problems << refused(row, QObject::tr("This line was not imported; every line needs the number of its "
                                                    "invoice."));
      continue;
    }
    const auto found = groupOf.constFind(row.number);
    if (found != groupOf.constEnd()) {
      groups[*found] << &row;
    } else {
      groupOf.insert(row.number, groups.size());
      groups << QList<const Row*>{&row};
    }
  }
  for (const auto& group : groups) settle(group, result);

  if (table.unclosedQuoteLine)
    result.problems << XeroProblem{
        table.unclosedQuoteLine,
        {},
        atLine(table.unclosedQuoteLine, QObject::tr("a double quote opened here is never closed, so nothing from "
                                                    "this line to the end of the file could be read. Check that "
                                                    "the file is complete and was not edited by hand."))};

  const auto byLine = [](const XeroProblem& a, const XeroProblem& b) { return a.line < b.line; };
  std::stable_sort(result.problems.begin(), result.problems.end(), byLine);
  std::stable_sort(result.skipped.begin(), result.skipped.end(), byLine);
  return result;
}

}  // namespace kete::app
