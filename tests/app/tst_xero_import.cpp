// parseXeroInvoices against a realistic Xero sales invoice export (data/xero-sales-invoices.csv: BOM,
// CRLF, 44 columns) and small inline files: merging lines into invoices, refusing what cannot be
// read or does not agree, leaving out drafts and credit notes, exact money, columns by name.
#include <QtTest>

#include "accounting/xero_import.h"

using kete::app::parseMoneyCents;
using kete::app::parseXeroInvoices;
using kete::app::XeroInvoice;
using kete::app::XeroParseResult;
using kete::app::XeroProblem;

namespace {

QByteArray readFile(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  return f.readAll();
}

// A small file from its lines, LF-separated unless told otherwise.
QByteArray csv(const QStringList& lines, const QString& eol = QStringLiteral("\n")) {
  return (lines.join(eol) + eol).toUtf8();
}

QString quoted(const QString& value) {
  if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')) return value;
  return u'"' + QString(value).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
}

// A table (header first) written with its columns in the given order.
QByteArray withColumns(const QList<QStringList>& table, const QList<int>& order) {
  QStringList lines;
  for (const QStringList& row : table) {
    QStringList fields;
    for (const int c : order) fields << quoted(row[c]);
    lines << fields.join(u',');
  }
  return csv(lines);
}

// Every field of an invoice in one line, to compare two results as a whole.
QString digest(const XeroInvoice& i) {
  QStringList lines;
  for (const int l : i.lines) lines << QString::number(l);
  return QStringList{i.contactName,
                     i.email,
                     i.number,
                     i.reference,
                     i.issued.toString(Qt::ISODate),
                     i.due.toString(Qt::ISODate),
                     QString::number(i.totalCents),
                     QString::number(i.paidCents),
                     QString::number(i.dueCents),
                     i.currency,
                     i.status,
                     i.lineDescriptions.join(u'|'),
                     lines.join(u' ')}
      .join(QStringLiteral(" / "));
}

QStringList digests(const XeroParseResult& r) {
  QStringList out;
  for (const XeroInvoice& i : r.invoices) out << digest(i);
  return out;
}

QList<int> linesOf(const QList<XeroProblem>& problems) {
  QList<int> lines;
  for (const XeroProblem& p : problems) lines << p.line;
  return lines;
}

QStringList messagesOf(const QList<XeroProblem>& problems) {
  QStringList messages;
  for (const XeroProblem& p : problems) messages << p.message;
  return messages;
}

QStringList numbersOf(const XeroParseResult& r) {
  QStringList numbers;
  for (const XeroInvoice& i : r.invoices) numbers << i.number;
  return numbers;
}

const QString kSmallHeader =
    QStringLiteral("ContactName,EmailAddress,InvoiceNumber,InvoiceDate,DueDate,Total,Description,LineAmount,Status");

}  // namespace

class TestXeroImport : public QObject {
  Q_OBJECT

 private slots:
  // The sample export: every row lands in exactly one place, with the values Xero exported.
  void sampleExport() {
    const QString path = QFINDTESTDATA("data/xero-sales-invoices.csv");
    QVERIFY2(!path.isEmpty(), "data/xero-sales-invoices.csv not found");
    const QByteArray bytes = readFile(path);
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));  // the sample really is BOM + CRLF, as Xero writes it
    QVERIFY(bytes.contains("\r\n"));
    const XeroParseResult r = parseXeroInvoices(bytes);
    QVERIFY(r.ok());

    QCOMPARE(numbersOf(r), (QStringList{"INV-0101", "INV-0102", "INV-0103", "INV-0106", "INV-0107"}));

    const XeroInvoice& a = r.invoices[0];
    QCOMPARE(a.contactName, QStringLiteral("Kōwhai Plumbing Ltd"));
    QCOMPARE(a.email, QStringLiteral("accounts@kowhaiplumbing.co.nz"));
    QCOMPARE(a.reference, QStringLiteral("March retainer"));
    QCOMPARE(a.issued, QDate(2026, 3, 3));
    QCOMPARE(a.due, QDate(2026, 3, 20));
    QCOMPARE(a.totalCents, 81075);
    QCOMPARE(a.paidCents, 0);
    QCOMPARE(a.dueCents, 81075);
    QCOMPARE(a.currency, QStringLiteral("NZD"));
    QCOMPARE(a.status, QStringLiteral("due"));
    QCOMPARE(a.lineDescriptions,
             (QStringList{"Monthly bookkeeping – March 2026", "GST return, period ending 28 February 2026",
                          "Payroll filing (3 employees)"}));
    QCOMPARE(a.lines, (QList<int>{2, 3, 4}));

    const XeroInvoice& b = r.invoices[1];
    QCOMPARE(b.contactName, QStringLiteral("Tui & Rata Design Ltd"));
    QCOMPARE(b.email, QStringLiteral("hello@tuirata.co.nz"));
    QCOMPARE(b.issued, QDate(2026, 3, 5));
    QCOMPARE(b.totalCents, 172500);  // "1,725.00", quoted for its thousands separator
    QCOMPARE(b.paidCents, 172500);
    QCOMPARE(b.dueCents, 0);
    QCOMPARE(b.status, QStringLiteral("paid"));
    QCOMPARE(b.lineDescriptions, (QStringList{"Year-end accounts \"FY2026\" and tax return",
                                              "Advice: company restructure\nincl. shareholder agreement review"}));
    QCOMPARE(b.lines, (QList<int>{5, 6}));  // the second record spans lines 6 and 7

    const XeroInvoice& c = r.invoices[2];
    QCOMPARE(c.contactName, QStringLiteral("Kōwhai Plumbing Ltd"));
    QCOMPARE(c.issued, QDate(2026, 3, 10));
    QCOMPARE(c.due, QDate(2026, 4, 20));
    QCOMPARE(c.totalCents, 7475);
    QCOMPARE(c.dueCents, 7475);
    QCOMPARE(c.lines, (QList<int>{8}));

    // Line 15 (LineAmount "12,3x") is refused; the invoice keeps its Total and its other line.
    const XeroInvoice& d = r.invoices[3];
    QCOMPARE(d.totalCents, 60065);
    QCOMPARE(d.lineDescriptions, (QStringList{"Catch-up bookkeeping, January–February 2026"}));
    QCOMPARE(d.lines, (QList<int>{14}));

    // Part paid; the conflicting repeat on line 20 is not merged and the first values stand.
    const XeroInvoice& e = r.invoices[4];
    QCOMPARE(e.contactName, QStringLiteral("Tui & Rata Design Ltd"));
    QCOMPARE(e.totalCents, 109250);
    QCOMPARE(e.paidCents, 50000);
    QCOMPARE(e.dueCents, 59250);
    QCOMPARE(e.status, QStringLiteral("due"));
    QCOMPARE(e.lineDescriptions, (QStringList{"Quarterly management report", "Cash-flow forecast, April–June"}));
    QCOMPARE(e.lines, (QList<int>{16, 17}));

    QCOMPARE(linesOf(r.problems), (QList<int>{12, 13, 15, 20}));
    QCOMPARE(r.problems[0].invoiceNumber, QStringLiteral("INV-0105"));
    QVERIFY2(r.problems[0].message.startsWith(
                 QStringLiteral("line 12: InvoiceDate \"31/13/2026\" is not a date (DD/MM/YYYY).")),
             qPrintable(r.problems[0].message));
    QVERIFY(r.problems[0].message.contains(QStringLiteral("Invoice INV-0105 was not imported")));
    QCOMPARE(r.problems[1].invoiceNumber, QStringLiteral("INV-0105"));
    QVERIFY2(r.problems[1].message.startsWith(QStringLiteral("line 13: invoice INV-0105 was not imported because its "
                                                             "first line (line 12) has a problem")),
             qPrintable(r.problems[1].message));
    QCOMPARE(r.problems[2].invoiceNumber, QStringLiteral("INV-0106"));
    QVERIFY2(r.problems[2].message.startsWith(QStringLiteral("line 15: LineAmount \"12,3x\" is not an amount")),
             qPrintable(r.problems[2].message));
    QVERIFY(r.problems[2].message.contains(QStringLiteral("This line of invoice INV-0106 was not imported")));
    QCOMPARE(r.problems[3].invoiceNumber, QStringLiteral("INV-0107"));
    QVERIFY2(r.problems[3].message.startsWith(QStringLiteral(
                 "line 20: invoice INV-0107 repeats with a different Total (\"1150.00\" here, \"1092.50\" on line 16) "
                 "and InvoiceAmountDue (\"650.00\" here, \"592.50\" on line 16).")),
             qPrintable(r.problems[3].message));

    QCOMPARE(linesOf(r.skipped), (QList<int>{9, 10, 11, 19}));
    QCOMPARE(r.skipped[0].invoiceNumber, QStringLiteral("INV-0104"));
    QVERIFY2(r.skipped[0].message.startsWith(QStringLiteral("line 9: INV-0104 is a draft in Xero")),
             qPrintable(r.skipped[0].message));
    QVERIFY(r.skipped[0].message.contains(QStringLiteral("drafts are not sent to clients")));
    QCOMPARE(r.skipped[1].invoiceNumber, QStringLiteral("INV-0104"));
    QCOMPARE(r.skipped[2].invoiceNumber, QStringLiteral("CN-0007"));
    QVERIFY2(r.skipped[2].message.startsWith(QStringLiteral("line 11: CN-0007 is a credit note")),
             qPrintable(r.skipped[2].message));
    QVERIFY(r.skipped[3].invoiceNumber.isEmpty());
    QVERIFY2(r.skipped[3].message.startsWith(QStringLiteral("line 19: this line is an overpayment")),
             qPrintable(r.skipped[3].message));

    // 17 data rows (line 18 is empty): each is in exactly one place.
    qsizetype accounted = r.problems.size() + r.skipped.size();
    for (const XeroInvoice& i : r.invoices) accounted += i.lines.size();
    QCOMPARE(accounted, 17);
  }

  void moneyParsing_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("cents");
    QTest::newRow("whole") << "12" << true << qint64(1200);
    QTest::newRow("zero") << "0" << true << qint64(0);
    QTest::newRow("one decimal") << "-12.5" << true << qint64(-1250);
    QTest::newRow("thousands") << "1,234.50" << true << qint64(123450);
    QTest::newRow("millions") << "1,234,567.89" << true << qint64(123456789);
    QTest::newRow("no separator") << "1234567.89" << true << qint64(123456789);
    QTest::newRow("not a binary fraction") << "0.29" << true << qint64(29);  // 0.29 * 100 is 28.999... in double
    QTest::newRow("cent") << "-0.01" << true << qint64(-1);
    QTest::newRow("surrounding spaces") << " 7.05 " << true << qint64(705);
    QTest::newRow("big") << "9,999,999,999,999.99" << true << qint64(999999999999999);
    QTest::newRow("three decimals") << "12.345" << false << qint64(0);
    QTest::newRow("garbage") << "12,3x" << false << qint64(0);
    QTest::newRow("decimal comma") << "12,50" << false << qint64(0);
    QTest::newRow("bad grouping") << "1,23.00" << false << qint64(0);
    QTest::newRow("long first group") << "1234,567" << false << qint64(0);
    QTest::newRow("trailing comma") << "12," << false << qint64(0);
    QTest::newRow("two points") << "1.2.3" << false << qint64(0);
    QTest::newRow("no decimals after point") << "12." << false << qint64(0);
    QTest::newRow("no digits before point") << ".5" << false << qint64(0);
    QTest::newRow("empty") << "" << false << qint64(0);
    QTest::newRow("minus only") << "-" << false << qint64(0);
    QTest::newRow("double minus") << "--1" << false << qint64(0);
    QTest::newRow("plus") << "+5" << false << qint64(0);
    QTest::newRow("dollar sign") << "$12" << false << qint64(0);
    QTest::newRow("exponent") << "1e3" << false << qint64(0);
    QTest::newRow("inner space") << "1 000" << false << qint64(0);
    QTest::newRow("accounting negative") << "(12.50)" << false << qint64(0);
    QTest::newRow("too many digits") << "99999999999999999999" << false << qint64(0);
    QTest::newRow("non-ASCII digits") << QStringLiteral("١٢") << false << qint64(0);
  }

  void moneyParsing() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, cents);
    qint64 parsed = -777;
    QCOMPARE(parseMoneyCents(text, &parsed), ok);
    if (ok)
      QCOMPARE(parsed, cents);
    else
      QCOMPARE(parsed, qint64(-777));  // untouched on failure
  }

  // The same table with its columns shuffled gives the same invoices and the same problems.
  void columnOrderDoesNotMatter() {
    const QList<QStringList> table{
        {"InvoiceNumber", "ContactName", "EmailAddress", "InvoiceDate", "DueDate", "Total", "Description", "LineAmount",
         "Currency", "Status", "Type"},
        {"INV-1", "Aroha Cafe", "aroha@example.co.nz", "01/04/2026", "20/04/2026", "230.00", "Espresso machine service",
         "150.00", "NZD", "Awaiting Payment", "Sales invoice"},
        {"INV-1", "Aroha Cafe", "aroha@example.co.nz", "01/04/2026", "20/04/2026", "230.00", "Parts, seals and gaskets",
         "50.00", "NZD", "Awaiting Payment", "Sales invoice"},
        {"INV-2", "Moana Surf School", "", "02/04/2026", "16/04/2026", "57.50", "Call-out", "50.00", "nzd", "Paid",
         "Sales invoice"},
        {"INV-3", "Moana Surf School", "", "02/04/2026", "16/04/2026", "1,2", "Call-out", "50.00", "NZD",
         "Awaiting Payment", "Sales invoice"},
    };
    QList<int> natural;
    for (int i = 0; i < table[0].size(); ++i) natural << i;
    const QList<int> shuffled{7, 2, 10, 0, 5, 9, 1, 4, 8, 6, 3};
    QCOMPARE(shuffled.size(), natural.size());

    const XeroParseResult first = parseXeroInvoices(withColumns(table, natural));
    // ...and header names in another case, with spaces around them, still match.
    QList<QStringList> renamed = table;
    renamed[0][0] = QStringLiteral(" invoicenumber ");
    renamed[0][5] = QStringLiteral("TOTAL");
    const XeroParseResult second = parseXeroInvoices(withColumns(renamed, shuffled));
    QVERIFY(first.ok());
    QCOMPARE(digests(first),
             (QStringList{"Aroha Cafe / aroha@example.co.nz / INV-1 /  / 2026-04-01 / 2026-04-20 / 23000 / 0 / "
                          "23000 / NZD / due / Espresso machine service|Parts, seals and gaskets / 2 3",
                          "Moana Surf School /  / INV-2 /  / 2026-04-02 / 2026-04-16 / 5750 / 5750 / 0 / NZD / "
                          "paid / Call-out / 4"}));
    QCOMPARE(linesOf(first.problems), QList<int>{5});
    QVERIFY(first.problems[0].message.startsWith(QStringLiteral("line 5: Total \"1,2\" is not an amount")));

    QCOMPARE(digests(second), digests(first));
    QCOMPARE(messagesOf(second.problems), messagesOf(first.problems));
    QCOMPARE(messagesOf(second.skipped), messagesOf(first.skipped));
  }

  // Xero's import template: `*` on required names, no LineAmount; an older one has no Total either,
  // so the total is the sum of Quantity x UnitAmount less Discount, rounded per line.
  void importTemplateWithoutTotal() {
    QString header = QStringLiteral(
        "*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,"
        "POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,Total,InventoryItemCode,*Description,"
        "*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,"
        "TrackingOption2,Currency,BrandingTheme");
    header.replace(QStringLiteral(",Total,"), QStringLiteral(","));
    QCOMPARE(header.count(u','), 27);  // 28 columns

    const auto row = [](const QString& number, const QString& reference, const QString& description, const QString& qty,
                        const QString& unit, const QString& discount, const QString& currency) {
      return QStringLiteral(
                 "Harakeke Gardens,info@harakeke.nz,,,,,,,,,%1,%2,2026-04-01,2026-04-30,,%3,%4,%5,%6,200,"
                 "15% GST on Income,,,,,,%7,")
          .arg(number, reference, description, qty, unit, discount, currency);
    };
    const XeroParseResult r = parseXeroInvoices(csv({
        header, row("INV-10", "Autumn", "Hedge trimming (hours)", "1.5", "85.00", "", ""),
        row("INV-10", "Autumn", "Green waste bags", "2", "19.99", "10", ""),  // 39.98 less 10% = 35.982
        row("INV-11", "", "Seedlings", "3", "0.3333", "", "aud"),             // 0.9999 -> 1.00
    }));
    QVERIFY(r.ok());
    QCOMPARE(r.problems.size(), 0);
    QCOMPARE(digests(r),
             (QStringList{"Harakeke Gardens / info@harakeke.nz / INV-10 / Autumn / 2026-04-01 / 2026-04-30 / 16348 / "
                          "0 / 16348 / NZD / due / Hedge trimming (hours)|Green waste bags / 2 3",
                          "Harakeke Gardens / info@harakeke.nz / INV-11 /  / 2026-04-01 / 2026-04-30 / 100 / 0 / "
                          "100 / AUD / due / Seedlings / 4"}));
  }

  // Without a Total, a line that cannot be read would make the total wrong: the whole invoice is refused.
  void totalFromLinesNeedsEveryLine() {
    const XeroParseResult r = parseXeroInvoices(csv({
        "ContactName,InvoiceNumber,InvoiceDate,DueDate,Description,Quantity,UnitAmount",
        "Harakeke Gardens,INV-12,01/04/2026,30/04/2026,Mowing,2,40.00",
        "Harakeke Gardens,INV-12,01/04/2026,30/04/2026,Edging,1,12.5x",
        "Harakeke Gardens,INV-12,01/04/2026,30/04/2026,Weeding,1,",
        "Harakeke Gardens,INV-13,01/04/2026,30/04/2026,Mowing,1,40",
    }));
    QVERIFY(r.ok());
    QCOMPARE(numbersOf(r), QStringList{"INV-13"});
    QCOMPARE(r.invoices[0].totalCents, 4000);
    QCOMPARE(linesOf(r.problems), (QList<int>{2, 3, 4}));
    QVERIFY(r.problems[0].message.contains(QStringLiteral("line 3 could not be used")));
    QVERIFY(r.problems[1].message.startsWith(QStringLiteral("line 3: UnitAmount \"12.5x\" is not an amount")));
    QVERIFY(r.problems[2].message.startsWith(
        QStringLiteral("line 4: UnitAmount is empty, so the amount of this line cannot be worked out")));
  }

  void missingRequiredColumn() {
    const XeroParseResult r = parseXeroInvoices(csv({
        "ContactName,InvoiceNumber,InvoiceDate,Total,Description",
        "Aroha Cafe,INV-1,01/04/2026,10.00,Coffee",
    }));
    QVERIFY(!r.ok());
    QCOMPARE(r.invoices.size(), 0);
    QCOMPARE(r.problems.size(), 1);
    QCOMPARE(r.problems[0].line, 0);
    QVERIFY2(r.problems[0].message.startsWith(QStringLiteral("The file has no DueDate column")),
             qPrintable(r.problems[0].message));

    const XeroParseResult two = parseXeroInvoices(csv({"ContactName,InvoiceDate,Total", "Aroha Cafe,01/04/2026,1"}));
    QVERIFY(!two.ok());
    QVERIFY2(two.problems[0].message.startsWith(QStringLiteral("The file has no InvoiceNumber and DueDate columns")),
             qPrintable(two.problems[0].message));

    // Saved by a spreadsheet set up for semicolons: say so.
    const XeroParseResult semi = parseXeroInvoices(
        csv({"ContactName;InvoiceNumber;InvoiceDate;DueDate", "Aroha Cafe;INV-1;01/04/2026;20/04/2026"}));
    QVERIFY(!semi.ok());
    QVERIFY(semi.problems[0].message.contains(QStringLiteral("separated by semicolons")));

    const XeroParseResult empty = parseXeroInvoices(QByteArray("\xEF\xBB\xBF\r\n\r\n"));
    QVERIFY(!empty.ok());
    QCOMPARE(empty.problems[0].message, QStringLiteral("The file is empty."));

    // Latin-1 "Kōwhai" is not UTF-8: refused rather than read as garbled names.
    const XeroParseResult latin = parseXeroInvoices(
        QByteArray("ContactName,InvoiceNumber,InvoiceDate,DueDate\nK\xF4whai,INV-1,01/04/2026,20/04/2026\n"));
    QVERIFY(!latin.ok());
    QVERIFY(latin.problems[0].message.contains(QStringLiteral("not UTF-8")));

    const XeroParseResult binary = parseXeroInvoices(QByteArray("%PDF-1.7\n\0\0\x01", 12));
    QVERIFY(!binary.ok());
    QVERIFY(binary.problems[0].message.startsWith(QStringLiteral("This is not a CSV file")));
  }

  void quotedFieldsPreserved() {
    const XeroParseResult r = parseXeroInvoices(csv({
        kSmallHeader,
        "Aroha Cafe,,INV-1,01/04/2026,20/04/2026,30.00,\"Hours, as agreed\",10.00,Awaiting Payment",
        "Aroha Cafe,,INV-1,01/04/2026,20/04/2026,30.00,\"The \"\"big\"\" clean\",10.00,Awaiting Payment",
        "Aroha Cafe,,INV-1,01/04/2026,20/04/2026,30.00,\"first line\r\nsecond line\",10.00,Awaiting Payment",
        "\"Moana, Surf School\",,INV-2,01/04/2026,20/04/2026,5.00,\"\",5.00,Awaiting Payment",
    }));
    QVERIFY(r.ok());
    QCOMPARE(r.problems.size(), 0);
    QCOMPARE(numbersOf(r), (QStringList{"INV-1", "INV-2"}));
    QCOMPARE(r.invoices[0].lineDescriptions,
             (QStringList{"Hours, as agreed", "The \"big\" clean", "first line\nsecond line"}));
    QCOMPARE(r.invoices[0].lines, (QList<int>{2, 3, 4}));
    QCOMPARE(r.invoices[1].contactName, QStringLiteral("Moana, Surf School"));
    QCOMPARE(r.invoices[1].lineDescriptions, QStringList{QString()});
    QCOMPARE(r.invoices[1].lines, QList<int>{6});  // after the record spanning lines 4-5
  }

  // A BOM before the first header name and CRLF endings read the same as plain LF; so does a
  // last line without a line break.
  void bomAndCrlf() {
    const QStringList lines{
        "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,Description",
        "Kōwhai Plumbing Ltd,INV-1,01/04/2026,20/04/2026,\"1,000.00\",\"Two\nlines\"",
        "",
        "Kōwhai Plumbing Ltd,INV-2,02/04/2026,20/04/2026,5.00,Parts",
    };
    const XeroParseResult plain = parseXeroInvoices(csv(lines));
    const XeroParseResult windows = parseXeroInvoices("\xEF\xBB\xBF" + csv(lines, QStringLiteral("\r\n")));
    const XeroParseResult unterminated =
        parseXeroInvoices("\xEF\xBB\xBF" + lines.join(QStringLiteral("\r\n")).toUtf8());
    QVERIFY(plain.ok());
    QVERIFY(windows.ok());
    QVERIFY(unterminated.ok());
    QCOMPARE(numbersOf(windows), (QStringList{"INV-1", "INV-2"}));
    QCOMPARE(windows.invoices[0].contactName, QStringLiteral("Kōwhai Plumbing Ltd"));
    QCOMPARE(windows.invoices[0].totalCents, 100000);
    QCOMPARE(windows.invoices[0].lineDescriptions, QStringList{"Two\nlines"});
    QCOMPARE(windows.invoices[1].lines, QList<int>{5});
    QCOMPARE(digests(windows), digests(plain));
    QCOMPARE(digests(unterminated), digests(plain));
    QCOMPARE(windows.problems.size() + plain.problems.size() + unterminated.problems.size(), 0);
  }

  void statusAndType() {
    const QString header = QStringLiteral("ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,Type,Status");
    const XeroParseResult r = parseXeroInvoices(csv({
        header, "A,INV-1,01/04/2026,20/04/2026,10.00,Sales invoice,Awaiting Payment",
        "A,INV-2,01/04/2026,20/04/2026,10.00,SALES INVOICE,Awaiting Approval",
        "A,INV-3,01/04/2026,20/04/2026,10.00,,Paid", "A,INV-4,01/04/2026,20/04/2026,10.00,Sales invoice,Voided",
        "A,INV-5,01/04/2026,20/04/2026,10.00,Sales invoice,", "A,INV-6,01/04/2026,20/04/2026,10.00,Sales invoice,DRAFT",
        "A,INV-7,01/04/2026,20/04/2026,10.00,Sales invoice,Deleted",
        "A,CN-1,01/04/2026,20/04/2026,10.00,sales credit note,Paid",
        "A,BILL-1,01/04/2026,20/04/2026,10.00,Purchase invoice,Awaiting Payment",
        "A,INV-8,01/04/2026,20/04/2026,10.00,Sales invoice,Pending",
        "A,INV-6,01/04/2026,20/04/2026,10.00,Sales invoice,Awaiting Payment",  // a repeat of the draft, approved
    }));
    QVERIFY(r.ok());
    QCOMPARE(numbersOf(r), (QStringList{"INV-1", "INV-2", "INV-3", "INV-4", "INV-5"}));
    QStringList statuses, money;
    for (const XeroInvoice& i : r.invoices) {
      statuses << i.status;
      money << QStringLiteral("%1/%2").arg(i.paidCents).arg(i.dueCents);
    }
    QCOMPARE(statuses, (QStringList{"due", "due", "paid", "void", "due"}));
    // No InvoiceAmountPaid/Due columns: what the status implies.
    QCOMPARE(money, (QStringList{"0/1000", "0/1000", "1000/0", "0/0", "0/1000"}));

    QCOMPARE(linesOf(r.skipped), (QList<int>{7, 8, 9, 10}));
    QVERIFY(r.skipped[0].message.contains(QStringLiteral("drafts are not sent to clients")));
    QVERIFY(r.skipped[1].message.contains(QStringLiteral("was deleted in Xero")));
    QVERIFY(r.skipped[2].message.contains(QStringLiteral("is a credit note")));
    QVERIFY(r.skipped[3].message.contains(QStringLiteral("is not a sales invoice (Type \"Purchase invoice\")")));
    QCOMPARE(linesOf(r.problems), (QList<int>{11, 12}));
    QVERIFY(r.problems[0].message.startsWith(QStringLiteral("line 11: Status \"Pending\" is not an invoice status")));
    QVERIFY2(
        r.problems[1].message.startsWith(QStringLiteral(
            "line 12: invoice INV-6 repeats with a different Status (\"Awaiting Payment\" here, \"DRAFT\" on line 7). "
            "This line was not imported, and neither was the invoice (see line 7).")),
        qPrintable(r.problems[1].message));
  }

  // Repeats of an invoice merge when they agree, even apart and written differently; the first
  // row refused takes the whole invoice with it; a disagreeing repeat is refused, not merged.
  void repeats() {
    const XeroParseResult r = parseXeroInvoices(csv({
        kSmallHeader,
        "Aroha Cafe,aroha@example.co.nz,INV-1,01/04/2026,20/04/2026,1200.00,Service,1000.00,Awaiting Payment",
        "Moana,,INV-2,01/04/2026,20/04/2026,12.345,Lessons,10.00,Awaiting Payment",
        "Aroha Cafe,AROHA@example.co.nz,INV-1,1/4/2026,2026-04-20,\"1,200\",Parts,43.48,awaiting payment",
        "Moana,,INV-2,01/04/2026,20/04/2026,11.50,Wetsuit hire,1.50,Awaiting Payment",
        "Moana,,INV-2,01/04/2026,20/04/2026,11.50,,1.50,Awaiting Payment",
        "Aroha Cafe,aroha@example.co.nz,INV-1,01/04/2026,21/04/2026,1200.00,Travel,,Awaiting Payment",
        "Aroha Cafe,aroha@example.co.nz,INV-1,01/04/2026,20/04/2026,1200.00,Extra,,Paid",
        "Aroha Cafe,aroha@example.co.nz,,01/04/2026,20/04/2026,1200.00,Orphan,,Awaiting Payment",
    }));
    QVERIFY(r.ok());
    QCOMPARE(numbersOf(r), QStringList{"INV-1"});
    QCOMPARE(r.invoices[0].lines, (QList<int>{2, 4}));
    QCOMPARE(r.invoices[0].totalCents, 120000);
    QCOMPARE(r.invoices[0].due, QDate(2026, 4, 20));
    QCOMPARE(r.invoices[0].lineDescriptions, (QStringList{"Service", "Parts"}));

    QCOMPARE(linesOf(r.problems), (QList<int>{3, 5, 6, 7, 8, 9}));
    QVERIFY(
        r.problems[0].message.startsWith(QStringLiteral("line 3: Total \"12.345\" has more than two decimal places")));
    QVERIFY(r.problems[1].message.contains(QStringLiteral("first line (line 3) has a problem")));
    QCOMPARE(r.problems[2].invoiceNumber, QStringLiteral("INV-2"));
    QVERIFY2(
        r.problems[3].message.startsWith(QStringLiteral(
            "line 7: invoice INV-1 repeats with a different DueDate (\"21/04/2026\" here, \"20/04/2026\" on line 2)")),
        qPrintable(r.problems[3].message));
    QVERIFY(r.problems[4].message.contains(QStringLiteral("a different Status (\"Paid\" here")));
    QVERIFY(r.problems[5].invoiceNumber.isEmpty());
    QVERIFY(r.problems[5].message.startsWith(QStringLiteral("line 9: InvoiceNumber is empty")));
  }

  // A quote that never closes loses the rest of the file, and says so; what came before stands.
  void unclosedQuote() {
    const XeroParseResult r = parseXeroInvoices(csv({
        kSmallHeader,
        "Aroha Cafe,,INV-1,01/04/2026,20/04/2026,10.00,Coffee,10.00,Paid",
        "Aroha Cafe,,INV-2,01/04/2026,20/04/2026,10.00,\"Tea,10.00,Paid",
        "Aroha Cafe,,INV-3,01/04/2026,20/04/2026,10.00,Cake,10.00,Paid",
    }));
    QVERIFY(r.ok());
    QCOMPARE(numbersOf(r), QStringList{"INV-1"});
    QCOMPARE(linesOf(r.problems), QList<int>{3});
    QVERIFY(r.problems[0].message.contains(QStringLiteral("never closed")));
  }

  // An unquoted comma shifts the values of a row: refused, not read into the wrong columns.
  void extraValues() {
    const XeroParseResult r = parseXeroInvoices(csv({
        kSmallHeader,
        "Aroha Cafe,,INV-1,01/04/2026,20/04/2026,10.00,Coffee, tea,10.00,Paid",
        "Aroha Cafe,,INV-2,01/04/2026,20/04/2026,10.00,Coffee,10.00,Paid,,",
    }));
    QVERIFY(r.ok());
    QCOMPARE(numbersOf(r), QStringList{"INV-2"});  // empty trailing values are harmless
    QCOMPARE(linesOf(r.problems), QList<int>{2});
    QVERIFY(
        r.problems[0].message.startsWith(QStringLiteral("line 2: this line has 10 values but the file has 9 columns")));
  }
};

QTEST_GUILESS_MAIN(TestXeroImport)
#include "tst_xero_import.moc"
