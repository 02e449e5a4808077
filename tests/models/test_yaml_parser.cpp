// yaml::toJson (libyaml -> JSON text) and the GuideLLM YAML report read through it: the YAML twin of
// guidellm_benchmarks_stripped.json (same run, written by GuideLLM's own test assets) gives the JSON's numbers.
#include "models/parsers/yaml_parser.h"
#include "tests/models/public_expected.h"

#include <nlohmann/json.hpp>

#include <tuple>

using namespace benchlens;
using namespace benchlens::test;

TEST(YamlToJson, ScalarsAreTypedAsYamlResolvesThem)
{
    // YAML text of `v`, the JSON value it must become.
    const std::vector<std::pair<std::string, std::string>> cases
        = {{"12", "12"}, {"-3", "-3"}, {"0.25", "0.25"}, {"1.5e-05", "1.5e-05"}, {"6.02E+23", "6.02E+23"}, {"+7", "7"},
            {"1_000", "1000"}, {".5", "0.5"}, {"-.5", "-0.5"}, {"5.", "5.0"}, {"null", "null"}, {"~", "null"},
            {"", "null"}, {"true", "true"}, {"False", "false"}, {"yes", "true"}, {"off", "false"}, {"abc", "\"abc\""},
            {"'12'", "\"12\""}, {"\"true\"", "\"true\""}, {"1.2.3", "\"1.2.3\""}, {"constant@1.5", "\"constant@1.5\""},
            {"10K", "\"10K\""}, {"e5", "\"e5\""}, {"x-y", "\"x-y\""},
            {"\"a \\\"q\\\" \\t b\"", "\"a \\\"q\\\" \\t b\""}, {"'it''s'", "\"it's\""}};
    for (const auto& [yamlText, json] : cases) {
        SCOPED_TRACE(yamlText);
        const auto r = yaml::toJson("v: " + yamlText + "\n");
        ASSERT_TRUE(r.ok) << r.error;
        EXPECT_EQ(r.json, "{\"v\":" + json + "}");
    }
    // Infinity and NaN as Python's json.dump writes them (json::parse accepts them).
    EXPECT_EQ(yaml::toJson("[.inf, -.Inf, .nan]").json, "[Infinity,-Infinity,NaN]");
}

TEST(YamlToJson, StructureAliasesAndErrors)
{
    const auto r = yaml::toJson("a: &x\n  k: [1, 2]\nb: *x\nc:\n  - {d: 1}\n  - e\n");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(
        nlohmann::json::parse(r.json), nlohmann::json::parse(R"({"a":{"k":[1,2]},"b":{"k":[1,2]},"c":[{"d":1},"e"]})"));
    // Malformed YAML: the reason with its line.
    const auto bad = yaml::toJson("a: 1\nb: [1, 2\nc: 3\n");
    EXPECT_FALSE(bad.ok);
    EXPECT_NE(bad.error.find("line "), std::string::npos) << bad.error;
    // A non-scalar key has no JSON form.
    EXPECT_FALSE(yaml::toJson("? [1, 2]\n: x\n").ok);
    EXPECT_FALSE(yaml::toJson("").ok);
}

TEST(GuideLlmYaml, SameNumbersAsTheJsonTwin)
{
    const FileExtract fromJson = recognizePublic("guidellm/guidellm_benchmarks_stripped.json");
    const FileExtract fromYaml = recognizePublic("guidellm/guidellm_benchmarks_stripped.yaml");
    EXPECT_EQ(fromJson.recognizer, "GuideLLM JSON");
    EXPECT_EQ(fromYaml.recognizer, "GuideLLM YAML");
    ASSERT_FALSE(fromJson.reported.empty());
    const auto rows = [](const FileExtract& e) {
        std::vector<std::tuple<FileExtract::Dims, std::string, Statistic, double, std::optional<uint32_t>, std::string,
            std::string>>
            out;
        for (const auto& r : e.reported)
            out.emplace_back(e.groups[r.group], e.metrics[r.metric].name, r.statistic, r.value, r.n,
                r.locator.pointer < e.pointers.size() ? e.pointers[r.locator.pointer] : std::string(),
                r.locator.key < e.keys.size() ? e.keys[r.locator.key] : std::string());
        return out;
    };
    // Every value bit for bit, with the same variant, statistic, n and JSON pointer.
    EXPECT_EQ(rows(fromYaml), rows(fromJson));
    EXPECT_EQ(fromYaml.groups.size(), fromJson.groups.size());
}

TEST(GuideLlmYaml, MalformedYamlIsAnErrorNamingTheLine)
{
    const std::string text = "benchmarks:\n  - type_: generative_benchmark\n    request_totals: {successful: 3\n";
    const FileExtract e = recognizeFile({"run/benchmarks.yaml", text, FileType::Other});
    EXPECT_EQ(e.recognizer, "GuideLLM YAML");
    ASSERT_EQ(e.diagnostics.size(), 1u);
    EXPECT_EQ(e.diagnostics[0].severity, Severity::Error);
    EXPECT_NE(e.diagnostics[0].message.find("line "), std::string::npos) << e.diagnostics[0].message;
}
