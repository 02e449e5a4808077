// `--map`: the user's map on the command line, on the chimeraforge corpus. summarize --json lists every rule with the
// files and values it touched (computed here from the raw files), the mapped numbers are in the statistics, the
// report's Data Ingestion Summary shows the rules, and without --map nothing of it appears.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <numeric>

using namespace benchlens;

namespace {

std::string mapPath()
{
    return test::testDataDir() + "/maps/chimeraforge_system.map.json";
}

// Every number under a member named `name` in a JSON document.
void collect(const nlohmann::json& j, const std::string& name, std::vector<double>& out)
{
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) {
            if (k == name && v.is_number())
                out.push_back(v.get<double>());
            collect(v, name, out);
        }
    } else if (j.is_array()) {
        for (const auto& v : j)
            collect(v, name, out);
    }
}

TEST(CliUserMap, SummarizeListsEveryRuleWithWhatItTouched)
{
    // Rule 1's glob: the JSON files of reports/llama3 that hold memory_used_gb.
    size_t files = 0;
    std::vector<double> gb;
    QDirIterator it(test::q(test::corpusDir() + "/reports/llama3"), {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext()) {
        std::vector<double> here;
        collect(nlohmann::json::parse(test::readFile(it.next().toStdString())), "memory_used_gb", here);
        files += here.empty() ? 0 : 1;
        gb.insert(gb.end(), here.begin(), here.end());
    }
    ASSERT_EQ(files, 1u);
    // Rule 2: the data rows of csv_data/ollama_quant_bench.csv, one tag each.
    const std::string csv = test::readFile(test::corpusDir() + "/csv_data/ollama_quant_bench.csv");
    const auto rows = size_t(std::count(csv.begin(), csv.end(), '\n')) - 1;

    const auto r = test::runBenchlens(
        {test::q("summarize"), test::q(test::corpusDir()), test::q("--json"), test::q("--map"), test::q(mapPath())});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    ASSERT_TRUE(doc.contains("user_map"));
    const auto& map = doc["user_map"];
    EXPECT_EQ(map["schema"], "benchlens.map/1");
    EXPECT_EQ(map["source"], mapPath());
    const auto& rules = map["rules"];
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_EQ(rules[0]["metric"], "memory_mb");
    EXPECT_EQ(rules[0]["unit"], "GB");
    EXPECT_EQ(rules[0]["factor"], 1000);
    EXPECT_EQ(rules[0]["files"], files);
    EXPECT_EQ(rules[0]["values"], gb.size());
    EXPECT_EQ(rules[1]["action"], "parameter");
    EXPECT_EQ(rules[1]["dimension"], "quant");
    EXPECT_EQ(rules[1]["files"], 1);
    EXPECT_EQ(rules[1]["values"], rows);
    EXPECT_EQ(rules[2]["matched"], false);
    EXPECT_EQ(rules[2]["files"], 0);

    // The mapped values in the statistics: memory_mb, in MB, the mean of the raw GB values times 1000.
    std::vector<double> means;
    size_t n = 0;
    for (const auto& m : doc["metrics"]) {
        if (m["metric"] == "memory_mb") {
            EXPECT_EQ(m["unit"], "MB");
            means.push_back(m["mean"].get<double>());
            n += m["n"].get<size_t>();
        }
    }
    ASSERT_EQ(means.size(), 1u);
    EXPECT_EQ(n, gb.size());
    EXPECT_NEAR(means[0], std::accumulate(gb.begin(), gb.end(), 0.0) / double(gb.size()) * 1000, 1e-6);
    // The tag column is now a dimension of the quantization bench's variants.
    size_t withQuant = 0;
    for (const auto& v : doc["variants"])
        withQuant += v["config"].contains("quant") ? 1 : 0;
    EXPECT_GE(withQuant, 1u);
    bool warned = false;
    for (const auto& d : doc["diagnostics"])
        warned = warned
            || d["message"].get<std::string>().find("rule 3 (`not_a_column_anywhere` is ignored) matched no")
                != std::string::npos;
    EXPECT_TRUE(warned);

    // Without --map: no user_map, no mapped metric.
    const auto plain = test::runBenchlens({test::q("summarize"), test::q(test::corpusDir()), test::q("--json")});
    ASSERT_EQ(plain.exitCode, 0);
    const auto plainDoc = nlohmann::json::parse(plain.out);
    EXPECT_FALSE(plainDoc.contains("user_map"));
    for (const auto& m : plainDoc["metrics"])
        EXPECT_NE(m["metric"], "memory_mb");

    // The text summary names the rules too.
    const auto text
        = test::runBenchlens({test::q("summarize"), test::q(test::corpusDir()), test::q("--map"), test::q(mapPath())});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("Mapped by hand (" + mapPath() + "): `memory_used_gb` is memory_mb"), std::string::npos)
        << text.out.substr(0, 2000);
}

TEST(CliUserMap, ReportListsTheRulesInTheDataIngestionSummary)
{
    QTemporaryDir tmp;
    const std::string out = tmp.path().toStdString() + "/r.md";
    const auto r = test::runBenchlens({test::q("report"), test::q(test::corpusDir()), test::q("-o"), test::q(out),
        test::q("--date"), test::q("2025-10-10"), test::q("--map"), test::q(mapPath())});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string md = test::readFile(out);
    const size_t ingestion = md.find("Data Ingestion Summary");
    ASSERT_NE(ingestion, std::string::npos);
    const size_t mapped = md.find("Mapped by hand", ingestion);
    ASSERT_NE(mapped, std::string::npos);
    EXPECT_NE(md.find("`memory_mb` (from GB, x 1000)", mapped), std::string::npos);
    EXPECT_NE(md.find("parameter `quant`", mapped), std::string::npos);
    EXPECT_NE(md.find("(matched nothing)", mapped), std::string::npos);
}

} // namespace
