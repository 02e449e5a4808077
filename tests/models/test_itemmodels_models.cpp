// Item models and proxies over the sample folder, each checked by QAbstractItemModelTester (Fatal) attached
// before the data is set, and compared with counts taken from the Dataset or the folder by another route.
#include "models/itemmodels/diagnostics_model.h"
#include "models/itemmodels/inventory_model.h"
#include "models/itemmodels/sample_filter_proxy.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/table_text.h"
#include "models/itemmodels/variants_model.h"
#include "tests/support/loaded_folder.h"
#include "tests/support/test_paths.h"

#include <QAbstractItemModelTester>
#include <QAbstractTableModel>
#include <QDirIterator>

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace benchlens;
using test::countFiles;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// A fixed table of strings with a header row (Qt Core, where QStandardItemModel is Qt Gui): what tableText reads.
class StringTable : public QAbstractTableModel
{
public:
    StringTable(QStringList header, std::vector<QStringList> rows)
        : m_header(std::move(header))
        , m_rows(std::move(rows))
    { }
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_header.size());
    }
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role != Qt::DisplayRole || !index.isValid())
            return {};
        return m_rows[size_t(index.row())][index.column()];
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
            return {};
        return m_header[section];
    }

private:
    QStringList m_header;
    std::vector<QStringList> m_rows;
};

const test::Loaded& sample()
{
    static const test::Loaded loaded = test::loadFolder(test::sampleDir());
    return loaded;
}

} // namespace

TEST(InventoryModel, TreeHoldsEveryFileOfTheSampleFolder)
{
    ASSERT_TRUE(sample().dataset);
    InventoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDataset(sample().dataset);
    // Independent count: the visible (non-hidden) regular files under the folder.
    int onDisk = 0;
    QDirIterator it(q(test::sampleDir()), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++onDisk;
    }
    EXPECT_EQ(countFiles(model), onDisk);
    EXPECT_EQ(onDisk, 11);
    EXPECT_TRUE(model.typeCountsText().startsWith(QStringLiteral("11 files")));
    // Every file's row resolves back to it.
    const auto& files = sample().dataset->files;
    for (size_t i = 0; i < files.size(); ++i) {
        const QModelIndex idx = model.indexOfFile(static_cast<int>(i));
        ASSERT_TRUE(idx.isValid());
        EXPECT_EQ(idx.data(InventoryModel::PathRole).toString(), q(files[i].path));
        EXPECT_EQ(idx.siblingAtColumn(InventoryModel::SamplesColumn).data(InventoryModel::SortRole).toUInt(),
            files[i].observations);
    }
    // The text note is recognized as "not benchmark data".
    bool sawNote = false;
    for (size_t i = 0; i < files.size(); ++i) {
        if (files[i].path.ends_with(".txt")) {
            sawNote = true;
            EXPECT_EQ(model.indexOfFile(static_cast<int>(i)).siblingAtColumn(InventoryModel::StatusColumn).data(),
                QStringLiteral("not benchmark data"));
        }
    }
    EXPECT_TRUE(sawNote);
    model.setDataset(nullptr);
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(SamplesModel, OneRowPerSampleWithRolesAndConfigColumns)
{
    const Dataset& ds = *sample().dataset;
    SamplesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDataset(sample().dataset);
    ASSERT_EQ(model.rowCount(), static_cast<int>(ds.samples.size()));
    EXPECT_TRUE(model.configKeys().contains(QStringLiteral("num_gpu")));
    EXPECT_TRUE(model.configKeys().contains(QStringLiteral("num_ctx")));
    EXPECT_EQ(model.columnCount(), SamplesModel::ColumnCount + model.configKeys().size());
    for (const int row : {0, model.rowCount() / 2, model.rowCount() - 1}) {
        const auto r = static_cast<size_t>(row);
        const QModelIndex value = model.index(row, SamplesModel::ValueColumn);
        EXPECT_DOUBLE_EQ(value.data(SamplesModel::SortRole).toDouble(), ds.samples.value[r]);
        EXPECT_EQ(value.data(SamplesModel::VariantRole).toInt(), static_cast<int>(ds.samples.variant[r]));
        EXPECT_EQ(value.data(SamplesModel::FileRole).toInt(), static_cast<int>(ds.samples.file[r]));
        EXPECT_EQ(model.index(row, SamplesModel::FileColumn).data().toString(), q(ds.files[ds.samples.file[r]].path));
        EXPECT_FALSE(value.data(SamplesModel::LocatorRole).toString().isEmpty());
    }
}

TEST(SampleFilterProxy, FiltersByModelMetricConfigTextAndSelection)
{
    const Dataset& ds = *sample().dataset;
    SamplesModel model;
    SampleFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSamplesModel(&model);
    model.setDataset(sample().dataset);
    EXPECT_EQ(proxy.rowCount(), static_cast<int>(ds.samples.size()));

    // Expected counts by a loop over the columns.
    const auto count = [&](auto pred) {
        int n = 0;
        for (size_t s = 0; s < ds.samples.size(); ++s)
            n += pred(s) ? 1 : 0;
        return n;
    };
    const std::string model0 = "llama3.2:3b-instruct-q4_K_M";
    SampleFilter f;
    f.model = q(model0);
    proxy.setFilter(f);
    const int byModel = count([&](size_t s) { return ds.variants[ds.samples.variant[s]].model == model0; });
    EXPECT_GT(byModel, 0);
    EXPECT_EQ(proxy.rowCount(), byModel);

    f.metric = QStringLiteral("throughput_tok_s");
    proxy.setFilter(f);
    const uint32_t throughput = ds.findMetric("throughput_tok_s").value().value;
    EXPECT_EQ(proxy.rowCount(), count([&](size_t s) {
        return ds.variants[ds.samples.variant[s]].model == model0 && ds.samples.metric[s] == throughput;
    }));

    f.setConfig(QStringLiteral("num_gpu"), QStringLiteral("40"));
    proxy.setFilter(f);
    const auto hasGpu40 = [&](size_t s) {
        for (const auto& [k, v] : ds.variants[ds.samples.variant[s]].config) {
            if (k == "num_gpu" && v == "40")
                return true;
        }
        return false;
    };
    const int gpu40 = count([&](size_t s) {
        return ds.variants[ds.samples.variant[s]].model == model0 && ds.samples.metric[s] == uint32_t(throughput)
            && hasGpu40(s);
    });
    EXPECT_GT(gpu40, 0);
    EXPECT_EQ(proxy.rowCount(), gpu40);
    f = SampleFilter {};
    proxy.setFilter(f);

    // Selecting a variant: its sample count from the Analysis (another route than the columns).
    const auto& ms = sample().analysis->stats.front();
    size_t expected = 0;
    for (const auto& s : sample().analysis->stats) {
        if (s.variant == ms.variant)
            expected += s.samples.size();
    }
    f.variant = VariantIndex(ms.variant);
    proxy.setFilter(f);
    EXPECT_EQ(proxy.rowCount(), static_cast<int>(expected));
    f.variant.reset();
    proxy.setFilter(f);

    // Text matches file paths too.
    f.text = QStringLiteral("baseline");
    proxy.setFilter(f);
    EXPECT_EQ(proxy.rowCount(), count([&](size_t s) {
        return ds.files[ds.samples.file[s]].path.find("baseline") != std::string::npos
            || ds.variants[ds.samples.variant[s]].id.find("baseline") != std::string::npos
            || ds.metrics[ds.samples.metric[s]].id.find("baseline") != std::string::npos;
    }));
    f.text.clear();
    proxy.setFilter(f);

    // Sorting by value uses the raw double.
    proxy.sort(SamplesModel::ValueColumn, Qt::DescendingOrder);
    double previous = INFINITY;
    for (int r = 0; r < std::min(proxy.rowCount(), 200); ++r) {
        const double v = proxy.index(r, SamplesModel::ValueColumn).data(SamplesModel::SortRole).toDouble();
        EXPECT_LE(v, previous);
        previous = v;
    }
    // A new Dataset keeps the filters and re-applies them.
    f.model = q(model0);
    proxy.setFilter(f);
    model.setDataset(test::loadFolder(test::sampleDir()).dataset);
    EXPECT_EQ(proxy.rowCount(), byModel);
}

TEST(VariantsModel, VariantRowsWithOneChildPerMetric)
{
    const Dataset& ds = *sample().dataset;
    VariantsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDataset(sample().dataset, sample().analysis);
    ASSERT_EQ(model.rowCount(), static_cast<int>(ds.variants.size()));
    // Metrics per variant and the throughput mean, from the sample columns directly.
    std::map<uint32_t, std::set<uint32_t>> metrics;
    std::map<uint32_t, std::pair<double, int>> throughput;
    const uint32_t tput = ds.findMetric("throughput_tok_s").value().value;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        metrics[ds.samples.variant[s]].insert(ds.samples.metric[s]);
        if (ds.samples.metric[s] == tput) {
            throughput[ds.samples.variant[s]].first += ds.samples.value[s];
            ++throughput[ds.samples.variant[s]].second;
        }
    }
    int checkedMeans = 0;
    for (int v = 0; v < model.rowCount(); ++v) {
        const QModelIndex row = model.index(v, 0);
        EXPECT_EQ(row.data(VariantsModel::VariantRole).toInt(), v);
        EXPECT_EQ(row.data(VariantsModel::MetricRole).toInt(), -1);
        EXPECT_EQ(model.rowCount(row), static_cast<int>(metrics[static_cast<uint32_t>(v)].size()));
        EXPECT_EQ(row.siblingAtColumn(VariantsModel::FailedColumn).data(VariantsModel::SortRole).toUInt(),
            ds.variants[static_cast<size_t>(v)].failedObservations);
        for (int c = 0; c < model.rowCount(row); ++c) {
            const QModelIndex child = model.index(c, 0, row);
            if (child.data(VariantsModel::MetricRole).toUInt() != tput)
                continue;
            const auto& [sum, n] = throughput[static_cast<uint32_t>(v)];
            EXPECT_NEAR(child.siblingAtColumn(VariantsModel::MeanColumn).data(VariantsModel::SortRole).toDouble(),
                sum / n, 1e-9);
            EXPECT_EQ(child.siblingAtColumn(VariantsModel::NColumn).data(VariantsModel::SortRole).toInt(), n);
            ++checkedMeans;
        }
    }
    EXPECT_GT(checkedMeans, 10);

    // The variant filter proxy keeps variants with observations of the filtered model, and their metric rows.
    SamplesModel samples;
    SampleFilterProxy filter;
    filter.setSamplesModel(&samples);
    samples.setDataset(sample().dataset);
    VariantFilterProxy proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&model);
    proxy.setSampleFilter(&filter);
    proxy.setOnlyWithSamples(true);
    SampleFilter gemma;
    gemma.model = QStringLiteral("gemma3:4b-it-qat");
    filter.setFilter(gemma);
    int expected = 0;
    for (size_t v = 0; v < ds.variants.size(); ++v)
        expected += ds.variants[v].model == "gemma3:4b-it-qat" && !metrics[static_cast<uint32_t>(v)].empty();
    EXPECT_GT(expected, 0);
    EXPECT_EQ(proxy.rowCount(), expected);
}

TEST(DiagnosticsModel, EveryDiagnosticWithItsFile)
{
    const Dataset& ds = *sample().dataset;
    DiagnosticsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDataset(sample().dataset);
    ASSERT_EQ(model.rowCount(), static_cast<int>(ds.diagnostics.size()));
    ASSERT_GT(model.rowCount(), 0);
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex idx = model.index(r, DiagnosticsModel::MessageColumn);
        EXPECT_EQ(idx.data().toString(), q(ds.diagnostics[static_cast<size_t>(r)].message));
        const int file = idx.data(DiagnosticsModel::FileRole).toInt();
        if (file >= 0) {
            EXPECT_EQ(q(ds.files[static_cast<size_t>(file)].path), idx.data(DiagnosticsModel::PathRole).toString());
        }
    }
}

TEST(TableText, CsvQuotesAndMarkdownEscapes)
{
    const StringTable model({QStringLiteral("name"), QStringLiteral("value")},
        {{QStringLiteral("a,b"), QStringLiteral("say \"hi\"")}, {QStringLiteral("x|y"), QStringLiteral("2")}});
    EXPECT_EQ(tableText(model, TableFormat::Csv), QStringLiteral("name,value\n\"a,b\",\"say \"\"hi\"\"\"\nx|y,2\n"));
    EXPECT_EQ(tableText(model, TableFormat::Markdown, {1, 0}),
        QStringLiteral("| value | name |\n| --- | --- |\n| say \"hi\" | a,b |\n| 2 | x\\|y |\n"));
}
