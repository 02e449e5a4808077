#pragma once

// Helpers of the CLI tests: run a program (the benchlens binary by default) and collect its exit code and output,
// and the selectors several tests compare or filter with.
#include "tests/support/test_paths.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>
#include <string>

namespace benchlens::test {

struct CliRun
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

inline QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// Runs `program` to its end (a generous timeout: the CI machine is slow).
inline CliRun runProgram(const QString& program, const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, args);
    EXPECT_TRUE(p.waitForFinished(timeoutMs)) << program.toStdString();
    return {p.exitCode(), p.readAllStandardOutput().toStdString(), p.readAllStandardError().toStdString()};
}

inline CliRun runBenchlens(const QStringList& args, int timeoutMs = 120000)
{
    return runProgram(q(binary()), args, timeoutMs);
}

// The q4_0 and q8_0 runs of the corpus' csv_data/ollama_quant_bench.csv.
inline QString quantBenchQ4()
{
    return QStringLiteral("model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv");
}
inline QString quantBenchQ8()
{
    return QStringLiteral("model=llama3.1:8b-instruct-q8_0,run=csv_data/ollama_quant_bench.csv");
}

} // namespace benchlens::test
