// The item models pages list the offline cache through, over a real cache file: a table that
// reads page by page in SQL order and narrows by client, folder and words; a folder tree; and
// the documents page using both under Xvfb. Qt's model tester checks the tree's structure (it
// fetches more rows itself, so the table's paging is checked here by hand).
#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>
#include <random>

#include "models/folder_tree_model.h"
#include "models/record_table_model.h"
#include "store/local_store.h"
#include "widgets/document_browser.h"

using namespace kete::app;

namespace {
constexpr int kDocuments = 1234;
const QStringList kFolders{"2026", "2026/GST", "20261", "Tax/2026", ""};

QList<RecordTableModel::Column> titleAndFolder() {
  auto field = [](const char* name) {
    return [name](const QJsonObject& r, int role) -> QVariant {
      return role == Qt::DisplayRole ? r.value("data").toObject().value(QLatin1String(name)).toVariant() : QVariant();
    };
  };
  return {{"Title", "title", field("title")}, {"Folder", "folder", field("folder")}, {"Client", {}, field("tenant_id")}};
}

QStringList column(const QAbstractItemModel& model, int c) {
  QStringList out;
  for (int row = 0; row < model.rowCount(); ++row) out << model.index(row, c).data().toString();
  return out;
}

int fetchAll(QAbstractItemModel& model) {
  while (model.canFetchMore({})) model.fetchMore({});
  return model.rowCount();
}
}  // namespace

class ItemModels : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  LocalStore m_store;
  QHash<QString, int> m_perFolder;  // how many documents each folder holds (itself only)

  RecordQuery documents() const {
    RecordQuery q;
    q.collection = "documents";
    q.orderField = "title";
    return q;
  }

 private slots:
  void initTestCase() {
    QString error;
    QVERIFY2(m_store.open(m_dir.path() + "/cache.db", &error), qPrintable(error));
    // Made in shuffled order, so that any order the model shows comes from the query.
    QList<int> order(kDocuments);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    for (int i : order) {
      const QString folder = kFolders[i % kFolders.size()];
      ++m_perFolder[folder];
      QVERIFY(!m_store.create("documents", {{"title", QString("Doc %1").arg(i, 4, 10, QChar('0'))},
                                            {"folder", folder},
                                            {"tenant_id", i % 2 ? "tenant-b" : "tenant-a"}})
                   .isEmpty());
    }
    QVERIFY(!m_store.create("messages", {{"body", "Doc 0001 is not a document"}}).isEmpty());
  }

  void tableReadsPageByPageInOrder() {
    RecordTableModel model(titleAndFolder());
    model.setQuery(documents(), &m_store);
    QCOMPARE(model.rowCount(), 500);  // the first page only
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QString("Folder"));
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(fetchAll(model), kDocuments);  // only documents, every one once
    QStringList titles = column(model, 0);
    QCOMPARE(titles.first(), QString("Doc 0000"));
    QCOMPARE(titles.last(), QString("Doc 1233"));
    QStringList sorted = titles;
    sorted.sort();
    QCOMPARE(titles, sorted);
    QCOMPARE(model.index(7, 0).data(RecordTableModel::RecordIdRole).toString(), model.record(7).value("id").toString());
    QCOMPARE(model.rowOf(model.record(900).value("id").toString()), 900);

    // Sorting is the query's: descending starts again from the top of the other end.
    model.sort(0, Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(model.index(0, 0).data().toString(), QString("Doc 1233"));
    model.sort(2, Qt::AscendingOrder);  // a column without a sort field changes nothing
    QCOMPARE(model.index(0, 0).data().toString(), QString("Doc 1233"));

    // A reload after a sync keeps the rows that were shown.
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 1000);
    model.reload(&m_store);
    QCOMPARE(model.rowCount(), 1000);
    model.reload(nullptr);  // signed out
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
  }

  void tableNarrowsByClientFolderAndWords() {
    RecordTableModel model(titleAndFolder());
    RecordQuery q = documents();
    q.tenantId = "tenant-a";
    model.setQuery(q, &m_store);
    QCOMPARE(fetchAll(model), kDocuments / 2);
    QVERIFY(!column(model, 2).contains("tenant-b"));

    // A folder holds the folders under it, and only those: "2026" has "2026/GST", not "20261".
    q = documents();
    q.pathField = "folder";
    q.path = "2026";
    model.setQuery(q, &m_store);
    QCOMPARE(fetchAll(model), m_perFolder["2026"] + m_perFolder["2026/GST"]);
    for (const QString& f : column(model, 1)) QVERIFY2(f == "2026" || f == "2026/GST", qPrintable(f));
    q.path = "Tax";
    model.setQuery(q, &m_store);
    QCOMPARE(fetchAll(model), m_perFolder["Tax/2026"]);
    q.path = "tax";  // folders are told apart by case, as the tree shows them
    model.setQuery(q, &m_store);
    QCOMPARE(model.rowCount(), 0);

    // Words, as prefixes, with the other filters; a person's quotes are not search syntax.
    q = documents();
    q.words = "  doc 004 ";
    model.setQuery(q, &m_store);
    QCOMPARE(column(model, 0), (QStringList{"Doc 0040", "Doc 0041", "Doc 0042", "Doc 0043", "Doc 0044", "Doc 0045",
                                            "Doc 0046", "Doc 0047", "Doc 0048", "Doc 0049"}));
    q.tenantId = "tenant-a";
    model.setQuery(q, &m_store);
    QCOMPARE(model.rowCount(), 5);
    q.words = "\"Doc 0042";
    model.setQuery(q, &m_store);
    QCOMPARE(column(model, 0), QStringList{"Doc 0042"});
  }

  void folderTreeFromTheCache() {
    FolderTreeModel model("All documents");
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    model.setPaths(m_store.distinctValues("documents", "folder"));
    const QModelIndex all = model.index(0, 0);
    QCOMPARE(all.data().toString(), QString("All documents"));
    QCOMPARE(all.data(FolderTreeModel::PathRole).toString(), QString());
    QStringList top;
    for (int i = 0; i < model.rowCount(all); ++i) top << model.index(i, 0, all).data().toString();
    QCOMPARE(top, (QStringList{"2026", "20261", "Tax"}));
    const QModelIndex gst = model.indexOf("2026/GST");
    QCOMPARE(gst.data().toString(), QString("GST"));
    QCOMPARE(gst.data(FolderTreeModel::PathRole).toString(), QString("2026/GST"));
    QCOMPARE(gst.parent().data(FolderTreeModel::PathRole).toString(), QString("2026"));
    QCOMPARE(model.indexOf("Tax/2026").parent(), model.indexOf("Tax"));
    QCOMPARE(model.indexOf("no such folder"), all);
    QCOMPARE(model.indexOf(""), all);
    // One client's folders only.
    QVERIFY(!m_store.create("documents", {{"title", "Lease"}, {"folder", "Property"}, {"tenant_id", "tenant-c"}}).isEmpty());
    model.setPaths(m_store.distinctValues("documents", "folder", "tenant-c"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
    QCOMPARE(model.indexOf("Property").data().toString(), QString("Property"));
    QCOMPARE(model.indexOf("2026"), model.index(0, 0));
  }

  // The documents page over the same cache: a page of rows at first, more as the person
  // scrolls, a folder narrows the list, search narrows it further.
  void documentsPageUsesTheModels() {
    DocumentBrowser browser;
    browser.resize(900, 600);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    browser.setSources(&m_store, nullptr);
    auto* list = browser.findChild<QTableView*>("documentList");
    auto* folders = browser.findChild<QTreeView*>("folders");
    QCOMPARE(list->model()->rowCount(), 500);
    QCOMPARE(list->model()->index(0, 0).data().toString(), QString("Doc 0000"));
    list->scrollToBottom();
    QTRY_VERIFY(list->model()->rowCount() > 500);  // the view asked for the next page

    folders->setCurrentIndex(static_cast<FolderTreeModel*>(folders->model())->indexOf("2026/GST"));
    QCOMPARE(browser.currentFolder(), QString("2026/GST"));
    QCOMPARE(fetchAll(*list->model()), m_perFolder["2026/GST"]);
    browser.findChild<QLineEdit*>("documentSearch")->setText("Doc 001");
    for (const QString& t : column(*list->model(), 0)) QVERIFY2(t.startsWith("Doc 001"), qPrintable(t));
    QVERIFY(list->model()->rowCount() > 0);

    // Selection survives a reload (a sync) when the document is still listed.
    list->selectRow(0);
    const QString chosen = browser.selectedDocument();
    QVERIFY(!chosen.isEmpty());
    browser.reload();
    QCOMPARE(browser.selectedDocument(), chosen);
    QCOMPARE(browser.currentFolder(), QString("2026/GST"));

    browser.setSources(nullptr, nullptr);  // signed out: nothing shown
    QCOMPARE(list->model()->rowCount(), 0);
  }
};

QTEST_MAIN(ItemModels)
#include "tst_item_models.moc"
