// The Qt-free building blocks the server and the apps share.
#include <QtTest>

#include "kete/email_address.h"
#include "kete/error_code.h"
#include "kete/file_types.h"
#include "kete/uuid.h"

class SharedBasics : public QObject {
  Q_OBJECT
 private slots:
  void errorCodesMapToTheContract_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");
    QTest::newRow("bad_request") << "bad_request" << 400;
    QTest::newRow("unauthorized") << "unauthorized" << 401;
    QTest::newRow("forbidden") << "forbidden" << 403;
    QTest::newRow("not_found") << "not_found" << 404;
    QTest::newRow("conflict") << "conflict" << 409;
    QTest::newRow("payload_too_large") << "payload_too_large" << 413;
    QTest::newRow("unsupported_media_type") << "unsupported_media_type" << 415;
    QTest::newRow("rate_limited") << "rate_limited" << 429;
    QTest::newRow("internal") << "internal" << 500;
  }
  void errorCodesMapToTheContract() {
    QFETCH(QString, name);
    QFETCH(int, status);
    auto code = kete::error_code_from_string(name.toStdString());
    QVERIFY(code.has_value());
    QCOMPARE(kete::http_status(*code), status);
    QCOMPARE(QString::fromStdString(std::string(kete::to_string(*code))), name);
  }
  // What the server calls a stored file and what the apps refuse to open, from the first bytes.
  void fileTypes_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("mime");
    QTest::addColumn<bool>("program");
    QTest::newRow("pdf") << QByteArray("%PDF-1.7\n") << "application/pdf" << false;
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n") << "image/png" << false;
    QTest::newRow("docx") << QByteArray("PK\x03\x04....word/document.xml") << "application/vnd.openxmlformats-officedocument.wordprocessingml.document" << false;
    QTest::newRow("text") << QByteArray("Kia ora, here are the figures.") << "text/plain; charset=utf-8" << false;
    QTest::newRow("html is text") << QByteArray("<html><script>") << "text/plain; charset=utf-8" << false;
    QTest::newRow("windows program") << QByteArray("MZ\x90\0", 4) << "application/vnd.microsoft.portable-executable" << true;
    QTest::newRow("linux program") << QByteArray("\x7F" "ELF\x02\x01") << "application/x-executable" << true;
    QTest::newRow("macos program") << QByteArray("\xCF\xFA\xED\xFE") << "application/x-mach-binary" << true;
    QTest::newRow("shortcut") << QByteArray("L\0\0\0\x01\x14\x02\0", 8) << "application/x-ms-shortcut" << true;
    QTest::newRow("script") << QByteArray("#!/bin/sh\n") << "text/x-script" << true;
    QTest::newRow("unknown") << QByteArray("\x01\x02\x03") << "application/octet-stream" << false;
    QTest::newRow("empty") << QByteArray() << "application/octet-stream" << false;
  }
  void fileTypes() {
    QFETCH(QByteArray, head);
    QFETCH(QString, mime);
    QFETCH(bool, program);
    const std::string sniffed = kete::sniff_mime(std::string_view(head.constData(), std::size_t(head.size())));
    QCOMPARE(QString::fromStdString(sniffed), mime);
    QCOMPARE(kete::is_program_type(sniffed), program);
  }
  void programTypesOfOtherSystems() {
    for (const char* other : {"application/x-msdownload", " Application/X-MS-DOS-Executable ", "application/x-sh"})
      QVERIFY2(kete::is_program_type(other), other);
    QVERIFY(!kete::is_program_type("application/pdf"));
    QVERIFY(!kete::is_program_type(""));
  }

  void unknownErrorCodeIsRefused() { QVERIFY(!kete::error_code_from_string("teapot")); }

  void uuids_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("canonical") << "0f8fad5b-d9cb-469f-a165-70867728950e" << true;
    QTest::newRow("upper case") << "0F8FAD5B-D9CB-469F-A165-70867728950E" << false;
    QTest::newRow("no dashes") << "0f8fad5bd9cb469fa16570867728950e" << false;
    QTest::newRow("too short") << "0f8fad5b-d9cb-469f-a165-70867728950" << false;
    QTest::newRow("path") << "../../../../etc/passwd-aaaaaaaaaaaaaa" << false;
    QTest::newRow("empty") << "" << false;
  }
  void uuids() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(kete::is_canonical_uuid(text.toStdString()), valid);
  }

  void emails_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("mixed case") << "Aroha@HarbourLane.co.nz" << "aroha@harbourlane.co.nz";
    QTest::newRow("no at") << "aroha.harbourlane.co.nz" << "";
    QTest::newRow("two ats") << "a@b@c.nz" << "";
    QTest::newRow("space") << "aroha @harbourlane.co.nz" << "";
    QTest::newRow("no domain dot") << "aroha@localhost" << "";
    QTest::newRow("header injection") << "a@b.nz\r\nBcc: x@y.nz" << "";
  }
  void emails() {
    QFETCH(QString, text);
    QFETCH(QString, normalized);
    auto got = kete::normalize_email(text.toStdString());
    QCOMPARE(got ? QString::fromStdString(*got) : QString(), normalized);
  }
};

QTEST_APPLESS_MAIN(SharedBasics)
#include "tst_shared_basics.moc"
