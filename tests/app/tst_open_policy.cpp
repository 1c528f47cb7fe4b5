// What the apps hand to the desktop to open: documents by a suffix of the apps' choosing, never a
// program or a script, whatever a record's type or title says (docs/security.md, finding 1).
#include <QtTest>

#include "files/open_policy.h"

using kete::app::decideOpen;
using kete::app::OpenDecision;
using Kind = OpenDecision::Kind;

Q_DECLARE_METATYPE(OpenDecision::Kind)

class OpenPolicy : public QObject {
  Q_OBJECT

 private slots:
  void decisions_data() {
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("mime");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("fileName");
    const QByteArray pdf = "%PDF-1.7\n", exe = "MZ\x90\0\x03";
    QTest::newRow("a PDF keeps its name") << "Q3 GST return.pdf" << "application/pdf" << pdf << Kind::Open << "Q3 GST return.pdf";
    QTest::newRow("a PDF without a suffix gets one") << "March statement" << "application/pdf" << pdf << Kind::Open
                                                     << "March statement.pdf";
    QTest::newRow("a PDF titled as a program opens as a PDF") << "setup.exe" << "application/pdf" << pdf << Kind::Open
                                                              << "setup.exe.pdf";
    QTest::newRow("jpeg keeps its spelling") << "site photo.jpeg" << "image/jpeg" << QByteArray("\xFF\xD8\xFF") << Kind::Open
                                             << "site photo.jpeg";
    QTest::newRow("text that is a Windows script opens as text") << "run.bat" << "text/plain; charset=utf-8"
                                                                 << QByteArray("@echo off") << Kind::Open << "run.bat.txt";
    QTest::newRow("csv opens as text, not as formulas") << "ledger.csv" << "text/plain; charset=utf-8" << QByteArray("=1+1,b")
                                                        << Kind::Open << "ledger.csv.txt";
    QTest::newRow("rtf opens as text") << "Letter.rtf" << "text/plain; charset=utf-8" << QByteArray("{\\rtf1") << Kind::Open
                                       << "Letter.rtf.txt";
    QTest::newRow("a Windows device name") << "CON.pdf" << "application/pdf" << pdf << Kind::Open << "_CON.pdf";
    QTest::newRow("a device name without a suffix") << "nul" << "application/pdf" << pdf << Kind::Open << "_nul.pdf";
    QTest::newRow("a trailing dot cannot restore .exe") << "invoice.exe." << "application/pdf" << pdf << Kind::Open
                                                        << "invoice.exe.pdf";
    QTest::newRow("folders and streams are flattened") << "..\\..\\a:b.pdf" << "application/pdf" << pdf << Kind::Open
                                                        << ".._.._a_b.pdf";
    // The finding: a program uploaded as "Q3 GST return.pdf" whose record was then made to say it
    // is an executable. Refused by its type, and by its bytes when the type says PDF.
    QTest::newRow("a forged executable type") << "Q3 GST return.pdf" << "application/x-ms-dos-executable" << exe
                                              << Kind::Refuse << "";
    QTest::newRow("the server's name for a Windows program") << "Q3 GST return.pdf"
                                                             << "application/vnd.microsoft.portable-executable" << exe
                                                             << Kind::Refuse << "";
    QTest::newRow("a program behind a PDF type") << "Q3 GST return.pdf" << "application/pdf" << exe << Kind::Refuse << "";
    QTest::newRow("a Linux program") << "report.txt" << "text/plain" << QByteArray("\x7F" "ELF\x02") << Kind::Refuse << "";
    QTest::newRow("a macOS program") << "report.pdf" << "application/pdf" << QByteArray("\xCF\xFA\xED\xFE") << Kind::Refuse << "";
    QTest::newRow("a shell script") << "notes.txt" << "text/plain; charset=utf-8" << QByteArray("#!/bin/sh\nrm -rf ~")
                                    << Kind::Refuse << "";
    QTest::newRow("a Windows shortcut") << "Shortcut.pdf" << "application/octet-stream" << QByteArray("L\0\0\0\x01\x14\x02\0", 8)
                                        << Kind::Refuse << "";
    QTest::newRow("an unknown type with a program's name") << "setup.exe" << "application/octet-stream" << QByteArray("\1\2")
                                                           << Kind::Refuse << "";
    QTest::newRow("an unknown type without a suffix") << "blob" << "application/octet-stream" << QByteArray("\1\2")
                                                      << Kind::Refuse << "";
    QTest::newRow("an old Word file asks first") << "Lease.doc" << "application/x-ole-storage"
                                                 << QByteArray("\xD0\xCF\x11\xE0") << Kind::Ask << "Lease.doc";
    QTest::newRow("an installer in OLE storage is refused by its name") << "Lease.msi" << "application/x-ole-storage"
                                                                       << QByteArray("\xD0\xCF\x11\xE0") << Kind::Refuse << "";
    QTest::newRow("a zip asks first") << "photos.zip" << "application/zip" << QByteArray("PK\3\4") << Kind::Ask << "photos.zip";
    QTest::newRow("a type is read without case or spaces") << "x" << " Application/PDF " << pdf << Kind::Open << "x.pdf";
  }

  void decisions() {
    QFETCH(QString, title);
    QFETCH(QString, mime);
    QFETCH(QByteArray, head);
    QFETCH(Kind, kind);
    QFETCH(QString, fileName);
    const auto decided = decideOpen(title, mime, head);
    QCOMPARE(decided.kind, kind);
    QCOMPARE(decided.fileName, fileName);
    // Before the file is here (no head), only a type or name already known to be a program is
    // refused; the bytes decide again once it has arrived.
    if (!kete::app::looksLikeProgram(head)) QCOMPARE(decideOpen(title, mime).kind, kind);
  }
};

QTEST_GUILESS_MAIN(OpenPolicy)
#include "tst_open_policy.moc"
