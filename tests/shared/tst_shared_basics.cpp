// The Qt-free building blocks the server and the apps share.
#include <QtTest>

#include "kete/email_address.h"
#include "kete/error_code.h"
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
