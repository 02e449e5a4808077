// Real-file tests on ../shared/corpus/chimeraforge. Every expected number is computed here from the raw files by a
// different route (Qt's directory iterator, hashing and string splitting), never taken from BenchLens's output.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/stats/analysis.h"
#include "tests/support/test_paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>

using namespace benchlens;

namespace {
std::shared_ptr<const Dataset> corpus()
{
    static std::shared_ptr<const Dataset> ds = [] {
        auto result = ingestFolder(test::corpusDir());
        EXPECT_TRUE(result.ok()) << "the shared corpus is missing at " << test::corpusDir();
        return result.ok() ? result.value() : std::make_shared<const Dataset>();
    }();
    return ds;
}

QString corpusPath(const QString& rel)
{
    return QString::fromStdString(test::corpusDir()) + QLatin1Char('/') + rel;
}

// Values of one column of a simple CSV (no commas inside the cells that matter), quotes stripped.
std::vector<double> column(
    const QString& rel, const QString& name, const QString& filterColumn = {}, const QString& filterValue = {})
{
    QFile f(corpusPath(rel));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << rel.toStdString();
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const auto cells = [](QString line) {
        line.remove(QLatin1Char('"'));
        line.remove(QLatin1Char('\r'));
        return line.split(QLatin1Char(','));
    };
    const QStringList header = cells(lines.first());
    const auto col = header.indexOf(name);
    const auto filter = filterColumn.isEmpty() ? -1 : header.indexOf(filterColumn);
    std::vector<double> out;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList c = cells(lines[i]);
        if (filter >= 0 && c.value(filter) != filterValue)
            continue;
        out.push_back(c.value(col).toDouble()); // QString::toDouble is locale-independent (C locale)
    }
    return out;
}

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (const double x : v)
        s += x;
    return s / static_cast<double>(v.size());
}

const MetricStats* statsFor(
    const Dataset& ds, const Analysis& an, const std::string& variant, const std::string& metric)
{
    const auto v = ds.findVariant(variant);
    const auto m = ds.findMetric(metric);
    if (!v || !m)
        return nullptr;
    return an.find(v->value, m->value);
}
} // namespace

TEST(Corpus, InventoryMatchesTheFolder)
{
    const auto ds = corpus();
    std::map<QString, uint64_t> byType;
    uint64_t files = 0;
    uint64_t bytes = 0;
    QDirIterator it(QString::fromStdString(test::corpusDir()), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        ++files;
        bytes += static_cast<uint64_t>(fi.size());
        const QString ext = fi.suffix().toLower();
        const QString type = ext == QLatin1String("csv") ? QStringLiteral("csv")
            : ext == QLatin1String("json")               ? QStringLiteral("json")
            : ext == QLatin1String("md")                 ? QStringLiteral("md")
            : ext == QLatin1String("txt")                ? QStringLiteral("txt")
                                                         : QStringLiteral("other");
        ++byType[type];
    }
    EXPECT_EQ(files, 109u);
    EXPECT_EQ(ds->inventory.files, files);
    EXPECT_EQ(ds->inventory.bytes, bytes);
    EXPECT_EQ(ds->inventory.byType[static_cast<int>(FileType::Csv)], byType[QStringLiteral("csv")]);
    EXPECT_EQ(ds->inventory.byType[static_cast<int>(FileType::Json)], byType[QStringLiteral("json")]);
    EXPECT_EQ(ds->inventory.byType[static_cast<int>(FileType::Markdown)], byType[QStringLiteral("md")]);
    EXPECT_EQ(ds->inventory.byType[static_cast<int>(FileType::Text)], byType[QStringLiteral("txt")]);
    EXPECT_EQ(ds->inventory.byType[static_cast<int>(FileType::Other)], byType[QStringLiteral("other")]);
    // The numbers the issue states, as a second check of the independent count.
    EXPECT_EQ(byType[QStringLiteral("csv")], 29u);
    EXPECT_EQ(byType[QStringLiteral("json")], 44u);
    EXPECT_EQ(byType[QStringLiteral("md")], 31u);
    EXPECT_EQ(byType[QStringLiteral("txt")], 3u);
    EXPECT_EQ(byType[QStringLiteral("other")], 2u);
}

TEST(Corpus, ByteIdenticalDuplicatesAreListedAndCountedOnce)
{
    const auto ds = corpus();
    // Independent: SHA-1 of every file through Qt, grouped.
    std::map<QByteArray, std::vector<QString>> byHash;
    const QDir root(QString::fromStdString(test::corpusDir()));
    QDirIterator it(root.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        byHash[QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1)].push_back(root.relativeFilePath(path));
    }
    std::set<std::pair<std::string, std::string>> expected;
    for (auto& [hash, paths] : byHash) {
        std::sort(paths.begin(), paths.end());
        for (size_t i = 1; i < paths.size(); ++i)
            expected.emplace(paths[0].toStdString(), paths[i].toStdString());
    }
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& [a, b] : ds->inventory.duplicates)
        got.emplace(ds->file(a).path, ds->file(b).path);
    EXPECT_EQ(got, expected);
    EXPECT_EQ(got.size(), 5u);
    EXPECT_EQ(std::count_if(got.begin(), got.end(),
                  [](const auto& p) {
                      return p.first.rfind("csv_data/", 0) == 0 && p.second.rfind("reports/llama3/", 0) == 0;
                  }),
        3);
    for (const auto& f : ds->files) {
        if (f.duplicateOf) {
            EXPECT_EQ(f.observations, 0u) << f.path;
        }
    }
}

TEST(Corpus, CsvAndJsonOfOneRunCountOnce)
{
    const auto ds = corpus();
    const Analysis an = analyze(*ds);
    const auto expected
        = column(QStringLiteral("reports/gemma3/gemma3_1b-it-qat_baseline.csv"), QStringLiteral("tokens_s"));
    ASSERT_EQ(expected.size(), 5u);
    const auto* s = statsFor(*ds, an, "gemma3:1b-it-qat", "throughput_tok_s");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->summary.n, 5u); // not 10: the JSON beside it holds the same five samples
    EXPECT_NEAR(s->summary.mean, mean(expected), 1e-9);
    EXPECT_NEAR(s->summary.mean, 182.87, 0.005);
    const VariantIndex v = ds->findVariant("gemma3:1b-it-qat").value();
    std::set<std::string> files;
    for (const FileIndex f : ds->variant(v).files)
        files.insert(ds->file(f).path);
    EXPECT_TRUE(files.count("reports/gemma3/gemma3_1b-it-qat_baseline.csv"));
    EXPECT_TRUE(files.count("reports/gemma3/gemma3_1b-it-qat_baseline.json"));
}

TEST(Corpus, QuantBenchThroughputPerModel)
{
    const auto ds = corpus();
    const Analysis an = analyze(*ds);
    for (const char* tag : {"q4_0", "q5_K_M", "q8_0"}) {
        const QString model = QStringLiteral("llama3.1:8b-instruct-") + QLatin1String(tag);
        const auto expected = column(QStringLiteral("csv_data/ollama_quant_bench.csv"), QStringLiteral("tokens_s"),
            QStringLiteral("model"), model);
        ASSERT_EQ(expected.size(), 5u);
        const std::string variant = model.toStdString() + " quantization=" + tag;
        const auto* s = statsFor(*ds, an, variant, "throughput_tok_s");
        ASSERT_NE(s, nullptr) << variant;
        EXPECT_EQ(s->summary.n, 5u) << variant; // the byte-identical copy in reports/llama3 is not counted again
        EXPECT_NEAR(s->summary.mean, mean(expected), 1e-9) << variant;
    }
    const auto* q8 = statsFor(*ds, an, "llama3.1:8b-instruct-q8_0 quantization=q8_0", "throughput_tok_s");
    ASSERT_NE(q8, nullptr);
    EXPECT_NEAR(q8->summary.mean, 46.57, 0.005);
}

TEST(Corpus, PromptSuiteFailuresAreCountedAndExcluded)
{
    const auto ds = corpus();
    const QRegularExpression zeros(QStringLiteral(",0\\.000000,0\\.00,0\\.000000,0\\.000000,0\\.000000,0,0,0,"));
    QDirIterator it(corpusPath(QStringLiteral("reports/ollama")), {QStringLiteral("*_runs.csv")}, QDir::Files,
        QDirIterator::Subdirectories);
    size_t checkedFiles = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        uint32_t failed = 0;
        for (qsizetype i = 1; i < lines.size(); ++i)
            failed += lines[i].contains(zeros) ? 1 : 0;
        const std::string rel = QDir(QString::fromStdString(test::corpusDir())).relativeFilePath(path).toStdString();
        const auto file
            = std::find_if(ds->files.begin(), ds->files.end(), [&](const SourceFile& s) { return s.path == rel; });
        ASSERT_NE(file, ds->files.end()) << rel;
        EXPECT_EQ(file->failedObservations, failed) << rel;
        EXPECT_EQ(file->observations, static_cast<uint32_t>(lines.size() - 1) - failed) << rel;
        ++checkedFiles;
    }
    EXPECT_EQ(checkedFiles, 10u);
    // A failed call's zeros never reach the statistics: no throughput sample of the suite is 0.
    const uint32_t tput = ds->findMetric("throughput_tok_s").value().value;
    for (size_t i = 0; i < ds->samples.size(); ++i) {
        if (ds->samples.metric[i] == tput) {
            EXPECT_GT(ds->samples.value[i], 0) << ds->files[ds->samples.file[i]].path;
        }
    }
}

TEST(Corpus, TimestampedFolderIsOneRunAndItsSummaryIsCrossChecked)
{
    const auto ds = corpus();
    // reports/ollama/20251008-122955: the summary's mean_tokens_s against the mean of the runs CSV's tokens_s.
    const auto expected = column(QStringLiteral("reports/ollama/20251008-122955/llama3_q4_benchmark_fixed_runs.csv"),
        QStringLiteral("tokens_s"));
    const std::string summary = "reports/ollama/20251008-122955/llama3_q4_benchmark_fixed_summary.json";
    bool found = false;
    for (const auto& r : ds->reported) {
        if (ds->files[r.file].path != summary || ds->metrics[r.metric].id != "throughput_tok_s")
            continue;
        found = true;
        EXPECT_EQ(r.statistic, Statistic::Mean);
        EXPECT_NEAR(r.value, 79.26766964867332, 1e-9); // as written in the file
        ASSERT_TRUE(r.computed.has_value());
        EXPECT_TRUE(r.computedFromSameRun);
        EXPECT_NEAR(*r.computed, mean(expected), 1e-9);
        EXPECT_EQ(ds->run(ds->files[r.file].run).id, "reports/ollama/20251008-122955");
    }
    EXPECT_TRUE(found);
}

TEST(Corpus, ModelLinkedFromSiblingJsonAndParameterSweepDimensions)
{
    const auto ds = corpus();
    const Analysis an = analyze(*ds);
    // gemma3_1b-it-qat_param_tuning.csv has no model column: the model comes from the sibling baseline JSON.
    const auto expected = column(QStringLiteral("reports/gemma3/gemma3_1b-it-qat_param_tuning.csv"),
        QStringLiteral("tokens_s"), QStringLiteral("config_name"), QStringLiteral("g80_c2048_t0.4"));
    ASSERT_EQ(expected.size(), 1u);
    const auto* s = statsFor(*ds, an, "gemma3:1b-it-qat num_ctx=2048 num_gpu=80 temperature=0.4", "throughput_tok_s");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->summary.n, 1u);
    EXPECT_NEAR(s->summary.mean, expected[0], 1e-9);
}

TEST(Corpus, Utf16CsvIsAnErrorWithAClearMessage)
{
    const auto ds = corpus();
    bool found = false;
    for (const auto& d : ds->diagnostics) {
        if (d.file == "reports/profiling/ncu_summary.csv") {
            found = true;
            EXPECT_EQ(d.severity, Severity::Error);
            EXPECT_NE(d.message.find("UTF-16"), std::string::npos);
        }
    }
    EXPECT_TRUE(found);
}

TEST(Corpus, OnlySuccessfulTestIsNotTheAverageOfAllRuns)
{
    // baseline_test_results_1759098967.json: one successful test of five (14.1 tok/s). The old agent called it
    // "the average across all runs"; BenchLens counts four failures and one sample.
    const auto ds = corpus();
    const auto file = std::find_if(ds->files.begin(), ds->files.end(),
        [](const SourceFile& f) { return f.path == "csv_data/baseline_test_results_1759098967.json"; });
    ASSERT_NE(file, ds->files.end());
    EXPECT_EQ(file->observations, 1u);
    EXPECT_EQ(file->failedObservations, 4u);
}
