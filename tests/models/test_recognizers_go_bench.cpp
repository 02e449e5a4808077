// `go test -bench` outputs in tests/data/public/go-bench/ (rule and holdout) against expected.json (computed by
// tests/data/public/expected.py): per benchmark the number of lines (samples) and the mean / min / max of each
// per-op column, with the -P suffix and the key=value parts of sub-benchmark names as dimensions.
#include "tests/models/public_expected.h"

#include <QFile>
#include <QTemporaryDir>

#include <algorithm>

using namespace benchlens;
using namespace benchlens::test;

namespace {

// The variant the recognizer should build for an expected group.
std::vector<std::pair<std::string, std::string>> dimsOf(const nlohmann::json& group)
{
    std::vector<std::pair<std::string, std::string>> dims;
    const std::string name = group.at("name").get<std::string>();
    std::string benchmark;
    size_t start = 0;
    while (true) {
        const size_t slash = name.find('/', start);
        const std::string part = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part.find('=') == std::string::npos || part.find('=') == 0)
            benchmark += (benchmark.empty() ? "" : "/") + part;
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    dims.emplace_back("benchmark", benchmark);
    if (group.contains("parameters")) {
        for (const auto& [k, v] : group.at("parameters").items()) {
            if (k != "GOMAXPROCS_suffix")
                dims.emplace_back(normalizeKey(k), text(v));
        }
    }
    return dims;
}

} // namespace

TEST(GoBenchPublic, EveryFileMatchesExpected)
{
    const auto files = publicFiles("go-bench/");
    ASSERT_EQ(files.size(), 6u);
    for (const auto& [path, expected] : files) {
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "go test -bench");
        const auto& groups = expected.at("groups");
        // expected.py groups lines by name only; the recognizer also keeps the -P suffix (GOMAXPROCS) in the
        // variant, so a log appended on machines with different core counts (backent-cli: -12, then -8) has a
        // variant per suffix. The test pools them: every expected group is the union of its suffix variants.
        size_t pooled = 0;
        for (const auto& group : groups) {
            SCOPED_TRACE(group.at("name").get<std::string>());
            std::vector<uint32_t> found;
            for (const uint32_t g : groupsWith(e, dimsOf(group))) {
                // groupsWith matches a prefix of the dimensions: keep the variants of exactly this name.
                // (The goos/goarch/pkg/cpu configuration lines are dimensions too; they are checked below.)
                const auto config = std::count_if(e.groups[g].begin(), e.groups[g].end(), [](const auto& d) {
                    return d.first == "goos" || d.first == "goarch" || d.first == "pkg" || d.first == "cpu";
                });
                if (e.groups[g].size() == dimsOf(group).size() + 1 + size_t(config)
                    && !dimOf(e, g, "gomaxprocs").empty())
                    found.push_back(g);
            }
            ASSERT_FALSE(found.empty());
            pooled += found.size();
            // The suffix expected.py kept (the last one seen) is one of the variants.
            EXPECT_FALSE(groupsWith(e, {{"gomaxprocs", text(group.at("parameters").at("GOMAXPROCS_suffix"))}}).empty());
            for (const auto& [metric, s] : group.at("samples").items()) {
                SCOPED_TRACE(metric);
                std::vector<double> values;
                for (const uint32_t g : found) {
                    const auto v = groupSamples(e, g, normalizeKey(metric));
                    values.insert(values.end(), v.begin(), v.end());
                }
                ASSERT_EQ(values.size(), s.at("n").get<size_t>());
                EXPECT_TRUE(close(meanOf(values), s.at("mean").get<double>()));
                EXPECT_TRUE(close(*std::min_element(values.begin(), values.end()), s.at("min").get<double>()));
                EXPECT_TRUE(close(*std::max_element(values.begin(), values.end()), s.at("max").get<double>()));
            }
        }
        EXPECT_EQ(pooled, e.groups.size());
        // b.N and the -P suffix are never metrics.
        for (const auto& m : e.metrics)
            EXPECT_TRUE(m.name == "time_per_iteration_ns" || m.name == "bytes_per_op" || m.name == "allocs_per_op"
                || m.name == "throughput_mb_s")
                << m.name;
        EXPECT_EQ(unitOf(e, "time_per_iteration_ns"), "ns");
    }
}

// benchstat's configuration lines ("goos: linux", "pkg: index/suffixarray", "cpu: ...") before the results are
// dimensions of every result after them; a .bench file is recognized by its content. Expected values are read from
// the raw file here.
TEST(GoBenchPublic, ConfigurationLinesAreDimensionsWhateverTheExtension)
{
    const std::string path = "go-bench/golang-perf_suffixarray.bench";
    const std::string raw = mustRead(testDataDir() + "/public/" + path);
    const auto configValue = [&](const std::string& key) {
        const size_t at
            = raw.find("\n" + key + ": ") != std::string::npos ? raw.find("\n" + key + ": ") + 1 : raw.find(key + ": ");
        EXPECT_NE(at, std::string::npos) << key;
        const size_t start = at + key.size() + 2;
        return std::string(trim(raw.substr(start, raw.find('\n', start) - start)));
    };
    size_t resultLines = 0;
    for (size_t pos = 0; (pos = raw.find("\nBenchmark", pos)) != std::string::npos; ++pos)
        ++resultLines;
    const FileExtract e = recognizeAt(testDataDir() + "/public/" + path, path);
    EXPECT_EQ(e.recognizer, "go test -bench");
    ASSERT_EQ(e.records.size(), resultLines);
    for (uint32_t g = 0; g < e.groups.size(); ++g) {
        for (const std::string key : {"goos", "goarch", "pkg", "cpu"})
            EXPECT_EQ(dimOf(e, g, key), configValue(key)) << key;
    }
    // Through the ingest too: the unknown extension is read because a tool recognizer claims the content.
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(QFile::copy(
        QString::fromStdString(testDataDir() + "/public/" + path), dir.filePath(QStringLiteral("run.bench"))));
    const auto loaded = ingestFolder(dir.path().toStdString());
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    const Dataset& ds = *loaded.value();
    ASSERT_EQ(ds.files.size(), 1u);
    EXPECT_EQ(ds.files[0].recognizer, "go test -bench");
    EXPECT_EQ(ds.files[0].status, FileStatus::Ok);
    EXPECT_GT(ds.samples.size(), resultLines); // ns/op, MB/s, B/op, allocs/op of every line
}
