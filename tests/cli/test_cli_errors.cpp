// The command line's errors as a table: the arguments, the exit code (the stable contract of commands.h) and what
// stderr must say. The messages are the ones the CLI printed before the table existed (checked against the release
// binary of main); {sample}, {corpus}, {maps} and {tmp} stand for the sample folder, the corpus, tests/data/maps (bad
// user maps) and a fresh temporary folder.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace benchlens;

namespace {

struct ErrorCase
{
    std::vector<std::string> args;
    int exitCode;
    std::vector<std::string> messages; // each one somewhere in stderr
};

const std::vector<ErrorCase>& errorCases()
{
    static const std::vector<ErrorCase> cases = {
        // No arguments: the window, which has no display under the tests.
        {{}, 1, {"benchlens: no folder or command given"}},
        {{"frobnicate"}, 1, {"benchlens: unknown command or folder 'frobnicate'"}},
        {{"summarize"}, 1, {"benchlens: summarize takes exactly one folder"}},
        {{"summarize", "{sample}", "--bogus"}, 1,
            {"benchlens: unknown option --bogus", "Run 'benchlens summarize --help' for usage."}},
        {{"report", "{sample}"}, 1, {"benchlens: report needs -o FILE.md"}},
        {{"summarize", "/nonexistent/benchlens"}, 2, {"/nonexistent/benchlens"}},
        {{"sweep", "{corpus}", "--model", "no-such-model"}, 1,
            {"unknown model 'no-such-model'; models: ", "gemma3:1b-it-qat"}},
        {{"sweep", "{corpus}", "--model", "gemma3:1b-it-qat", "--metric", "no_metric"}, 1,
            {"has no samples of metric 'no_metric'"}},
        {{"sweep", "{corpus}"}, 1, {"benchlens: sweep needs --model M"}},
        {{"sweep", "/no/such/folder", "--model", "m"}, 2, {"cannot read folder /no/such/folder"}},
        {{"export", "{corpus}", "-o", "{corpus}/export.csv"}, 3, {"refusing to write inside the input folder"}},
        {{"export", "{corpus}", "-o", "{tmp}/x.xlsx"}, 1,
            {"benchlens: export writes .csv, .jsonl or .sqlite (or give --format)"}},
        {{"export", "{corpus}", "-o", "-", "--format", "sqlite"}, 1,
            {"benchlens: SQLite cannot go to standard output: give -o FILE.sqlite"}},
        {{"export", "{corpus}", "-o", "{tmp}/x.csv", "--table", "bogus"}, 1,
            {"benchlens: --table takes observations, statistics, reported, files or diagnostics"}},
        {{"report", "{sample}", "-o", "{tmp}/r.md", "--narrative", "--llm-option", "top_k=0.5"}, 1,
            {"--llm-option 'top_k=0.5': top_k takes an integer"}},
        {{"report", "{sample}", "-o", "{tmp}/r.md", "--narrative", "--llm-option", "mirostat=1"}, 1,
            {"--llm-option 'mirostat': unknown option"}},
        {{"report", "{sample}", "-o", "{tmp}/r.md", "--narrative", "--llm-url", "ftp://host"}, 1,
            {"--llm-url 'ftp://host': the scheme must be http or https"}},
        {{"report", "{sample}", "-o", "{tmp}/r.md", "--narrative", "--llm-timeout", "0"}, 1,
            {"--llm-timeout takes seconds, e.g. 120"}},
        {{"report", "{sample}", "-o", "{tmp}/r.md", "--llm-model", "gemma3"}, 1, {"--llm-model needs --narrative"}},
        // A map that cannot be read or is wrong stops every command that reads a folder (exit 2, where and why).
        {{"summarize", "{sample}", "--map", "/nonexistent/map.json"}, 2,
            {"error: /nonexistent/map.json: cannot read the map:"}},
        {{"summarize", "{sample}", "--map", "{maps}/malformed.json"}, 2,
            {"maps/malformed.json: line 4 column 57: malformed JSON:"}},
        {{"report", "{sample}", "-o", "{tmp}/r.md", "--map", "{maps}/unknown_metric.json"}, 2,
            {"maps/unknown_metric.json: /rules/0/metric: unknown metric 'generation_speed' (one of throughput_tok_s"}},
        {{"compare", "{sample}", "--map", "{maps}/unknown_unit.json"}, 2,
            {"maps/unknown_unit.json: /rules/1/unit: unknown unit 'jiffies'"}},
        {{"sweep", "{sample}", "--model", "m", "--map", "{maps}/unknown_action.json"}, 2,
            {"maps/unknown_action.json: /rules/0/action: unknown action 'dimension' (metric, parameter, model or "
             "ignore)"}},
        {{"export", "{sample}", "-o", "{tmp}/x.csv", "--map", "{maps}/unit_mismatch.json"}, 2,
            {"maps/unit_mismatch.json: /rules/0/unit: unit 'tok/s' does not fit metric ttft_ms (its unit is ms)"}},
        {{"summarize", "{sample}", "--max-file-size", "lots"}, 1,
            {"--max-file-size takes a size in bytes, e.g. 1048576, 512M or 2G"}},
        {{"summarize", "{sample}", "--max-cells", "0"}, 1, {"--max-cells takes a count, e.g. 50000000 or 50M"}},
        {{"compare", "{sample}", "--max-line-length", "-5"}, 1,
            {"--max-line-length takes a size in bytes, e.g. 1048576 or 16M"}},
        {{"export", "{sample}", "-o", "-", "--file-time-budget", "2.5"}, 1,
            {"--file-time-budget takes whole seconds (0 for no limit), e.g. 30"}},
    };
    return cases;
}

std::string substituted(std::string arg, const std::string& tmp)
{
    for (const auto& [from, to] : {std::pair<std::string, std::string> {"{sample}", test::sampleDir()},
             {"{corpus}", test::corpusDir()}, {"{maps}", test::testDataDir() + "/maps"}, {"{tmp}", tmp}}) {
        if (const auto pos = arg.find(from); pos != std::string::npos)
            arg.replace(pos, from.size(), to);
    }
    return arg;
}

} // namespace

TEST(CliErrors, EachMalformedCommandLineExitsWithItsCodeAndSaysWhy)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    for (const ErrorCase& c : errorCases()) {
        QStringList args;
        std::string shown;
        for (const std::string& a : c.args) {
            args << test::q(substituted(a, tmp.path().toStdString()));
            shown += " " + a;
        }
        SCOPED_TRACE("benchlens" + shown);
        const test::CliRun r = test::runBenchlens(args);
        EXPECT_EQ(r.exitCode, c.exitCode) << r.err;
        for (const std::string& message : c.messages)
            EXPECT_NE(r.err.find(message), std::string::npos) << message << "\nnot in:\n" << r.err;
    }
    // No failed command left a file behind (the exports and the reports above all write into tmp).
    EXPECT_TRUE(QDir(tmp.path()).isEmpty());
}

TEST(CliErrors, HelpIsNotAnError)
{
    const test::CliRun r = test::runBenchlens({QStringLiteral("--help")});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("Usage:"), std::string::npos);
}
