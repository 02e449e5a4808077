// Repeated `ollama run --verbose` statistics blocks in one log (tests/data/public/ollama-verbose/*.log, rule and
// holdout) against expected.json (computed by tests/data/public/expected.py from the raw file): every block is one
// observation of its model, so the samples' count, mean, min and max per key are those of the blocks.
#include "tests/models/public_expected.h"

#include <algorithm>
#include <map>

using namespace benchlens;
using namespace benchlens::test;

TEST(OllamaVerbosePublic, RepeatedStatisticsBlocksAreSamples)
{
    // expected.py's key -> the catalog metric the "key: value" line is read as.
    const std::map<std::string, std::string> metricOf
        = {{"total_duration_ms", "total_duration_ms"}, {"load_duration_ms", "load_ms"},
            {"prompt_eval_count_tokens", "prompt_tokens"}, {"prompt_eval_duration_ms", "prompt_eval_ms"},
            {"prompt_eval_rate_tok_s", "prompt_throughput_tok_s"}, {"eval_count_tokens", "tokens_generated"},
            {"eval_duration_ms", "eval_ms"}, {"eval_rate_tok_s", "throughput_tok_s"}};
    size_t logs = 0;
    for (const auto& [path, expected] : publicFiles("ollama-verbose/")) {
        if (!path.ends_with(".log"))
            continue;
        ++logs;
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        // Per-run values are samples, not statements of the file.
        EXPECT_TRUE(e.reported.empty());
        for (const auto& group : expected.at("groups")) {
            const std::string model = group.at("name").get<std::string>();
            SCOPED_TRACE(model);
            const auto found = groupsWith(e, {{"model", model}});
            ASSERT_EQ(found.size(), 1u);
            size_t records = 0;
            for (const auto& r : e.records)
                records += r.group == found[0] ? 1 : 0;
            EXPECT_EQ(records, group.at("n").get<size_t>());
            for (const auto& [key, s] : group.at("samples").items()) {
                SCOPED_TRACE(key);
                ASSERT_TRUE(metricOf.count(key));
                const auto values = groupSamples(e, found[0], metricOf.at(key));
                ASSERT_EQ(values.size(), s.at("n").get<size_t>());
                // Go durations are printed to the nanosecond; expected.py rounds ms to 5 decimals.
                EXPECT_TRUE(close(meanOf(values), s.at("mean").get<double>(), 1e-6));
                EXPECT_TRUE(close(*std::min_element(values.begin(), values.end()), s.at("min").get<double>(), 1e-6));
                EXPECT_TRUE(close(*std::max_element(values.begin(), values.end()), s.at("max").get<double>(), 1e-6));
            }
        }
    }
    EXPECT_EQ(logs, 2u);
}

// The same key once in a section stays a statement of the file, not a sample (a Markdown report's "Throughput:").
TEST(OllamaVerbose, SingleBlockStaysReported)
{
    const std::string text = "model_name = llama3:8b\n"
                             "total duration:       1.5s\n"
                             "eval count:           10 token(s)\n"
                             "eval rate:            20.00 tokens/s\n";
    const FileExtract e = recognizeFile({"one.log", text, FileType::Text});
    EXPECT_TRUE(e.records.empty());
    EXPECT_EQ(e.reported.size(), 3u);
    // Two blocks: two observations of each key, their values as written.
    const FileExtract two = recognizeFile({"two.log",
        text
            + "total duration: 2.5s\neval count: 30 token(s)\neval rate: "
              "40.00 tokens/s\n",
        FileType::Text});
    ASSERT_EQ(two.records.size(), 2u);
    EXPECT_TRUE(two.reported.empty());
    const auto g = groupsWith(two, {{"model", "llama3:8b"}});
    ASSERT_EQ(g.size(), 1u);
    EXPECT_EQ(groupSamples(two, g[0], "throughput_tok_s"), (std::vector<double> {20.0, 40.0}));
    EXPECT_EQ(groupSamples(two, g[0], "total_duration_ms"), (std::vector<double> {1500.0, 2500.0}));
}
