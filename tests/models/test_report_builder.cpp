// buildReport in-process on the sample folder: the numbered sections in their order (with and without a
// comparison), and numbers in them checked against values computed here from the raw files (std::filesystem for
// the file count, Qt's SHA-256 for a checksum, the sweep CSV's rows for a mean), not taken from BenchLens.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/report/report_builder.h"
#include "models/stats/analysis.h"
#include "tests/support/test_paths.h"

#include <QCryptographicHash>
#include <QFile>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace benchlens;

namespace {
std::shared_ptr<const Dataset> sampleDataset()
{
    static const std::shared_ptr<const Dataset> ds = [] {
        IngestOptions options;
        options.hashAllFiles = true; // as `benchlens report` does, for the Input files table
        auto result = ingestFolder(test::sampleDir(), options);
        EXPECT_TRUE(result.ok()) << "the sample folder is missing at " << test::sampleDir();
        return result.ok() ? result.value() : std::make_shared<const Dataset>();
    }();
    return ds;
}

ReportDocument build(ReportOptions options = {})
{
    const auto ds = sampleDataset();
    options.date = "2026-01-10";
    options.timings = false;
    return buildReport(*ds, analyze(*ds), options, {});
}

std::string plain(const Inlines& inlines)
{
    std::string out;
    for (const auto& i : inlines)
        out += i.text;
    return out;
}

std::vector<std::string> headings(const ReportDocument& doc, int level)
{
    std::vector<std::string> out;
    for (const auto& b : doc.blocks) {
        if (b.kind == ReportBlock::Kind::Heading && b.level == level)
            out.push_back(plain(b.text));
    }
    return out;
}

// The blocks after the level-2 heading that starts with `prefix`, up to the next level-2 heading.
std::vector<const ReportBlock*> sectionBlocks(const ReportDocument& doc, const std::string& prefix)
{
    std::vector<const ReportBlock*> out;
    bool inside = false;
    for (const auto& b : doc.blocks) {
        if (b.kind == ReportBlock::Kind::Heading && b.level == 2) {
            inside = plain(b.text).starts_with(prefix);
            continue;
        }
        if (inside)
            out.push_back(&b);
    }
    return out;
}

// The sample's sweep rows of one configuration: their throughput values, read from the CSV here.
std::vector<double> sweepValues(const std::string& numGpu, const std::string& numCtx, const std::string& temperature)
{
    std::istringstream in(test::readFile(test::sampleDir() + "/sweeps/llama3.2_3b_param_sweep.csv"));
    std::string line;
    std::getline(in, line); // timestamp,model,num_gpu,num_ctx,temperature,ttft_s,tokens_s,load_s,eval_count,error
    std::vector<double> values;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(cell);
        if (cells.size() >= 7 && cells[2] == numGpu && cells[3] == numCtx && cells[4] == temperature)
            values.push_back(std::stod(cells[6]));
    }
    return values;
}

// Their median with two decimals: the middle value of the three, sorted.
std::string sweepMedian(const std::string& numGpu, const std::string& numCtx, const std::string& temperature)
{
    std::vector<double> values = sweepValues(numGpu, numCtx, temperature);
    EXPECT_EQ(values.size(), 3u);
    if (values.size() != 3)
        return {};
    std::sort(values.begin(), values.end());
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", values[1]);
    return buffer;
}

// The sample's sweep rows of one configuration: their mean throughput with two decimals (formatValue's format
// from 1 up).
std::string sweepMean(const std::string& numGpu, const std::string& numCtx, const std::string& temperature)
{
    std::istringstream in(test::readFile(test::sampleDir() + "/sweeps/llama3.2_3b_param_sweep.csv"));
    std::string line;
    std::getline(in, line); // timestamp,model,num_gpu,num_ctx,temperature,ttft_s,tokens_s,load_s,eval_count,error
    double sum = 0;
    int n = 0;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(cell);
        if (cells.size() >= 7 && cells[2] == numGpu && cells[3] == numCtx && cells[4] == temperature) {
            sum += std::stod(cells[6]);
            ++n;
        }
    }
    EXPECT_EQ(n, 3);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", sum / n);
    return buffer;
}
} // namespace

TEST(ReportBuilder, SampleSectionsInOrder)
{
    const ReportDocument doc = build();
    EXPECT_EQ(doc.title, "BenchLens Technical Report: sample");
    EXPECT_EQ(headings(doc, 2),
        (std::vector<std::string> {"1. Executive Summary", "2. Data Ingestion Summary", "3. Performance Analysis",
            "4. Key Findings and Recommendations", "5. Workflow Summary", "Appendix A: Every Variant's Statistics",
            "Appendix B: Aggregates Reported by the Files", "Appendix C: All Findings", "Appendix D: Sources",
            "Appendix E: Input Files"}));
    const auto sub = headings(doc, 3);
    for (const char* h : {"throughput_tok_s (tok/s)", "ttft_ms (ms)", "Findings", "Recommendations"})
        EXPECT_NE(std::find(sub.begin(), sub.end(), h), sub.end()) << h;
}

TEST(ReportBuilder, ABaselineAddsTheComparisonBeforeTheFindings)
{
    ReportOptions options;
    options.baseline = "qwen2.5:7b-instruct-q4_K_M";
    options.candidates = {"qwen2.5:7b-instruct-q4_K_M temperature=0.7 top_p=0.9"};
    const ReportDocument doc = build(options);
    EXPECT_EQ(headings(doc, 2),
        (std::vector<std::string> {"1. Executive Summary", "2. Data Ingestion Summary", "3. Performance Analysis",
            "4. Comparison", "5. Key Findings and Recommendations", "6. Workflow Summary",
            "Appendix A: Every Variant's Statistics", "Appendix B: Aggregates Reported by the Files",
            "Appendix C: All Findings", "Appendix D: Sources", "Appendix E: Input Files"}));
    const auto sub = headings(doc, 3);
    EXPECT_NE(
        std::find(sub.begin(), sub.end(), "Candidate qwen2.5:7b-instruct-q4_K_M temperature=0.7 top_p=0.9"), sub.end());
}

TEST(ReportBuilder, SampleNumbersMatchTheRawFiles)
{
    const ReportDocument doc = build();
    // The file-type table counts every file the scanner reads: the folder's regular files, hidden ones skipped.
    size_t files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(test::sampleDir()))
        files += e.is_regular_file() && !e.path().filename().string().starts_with(".") ? 1 : 0;
    const auto summary = sectionBlocks(doc, "1. Executive Summary");
    ASSERT_FALSE(summary.empty());
    ASSERT_EQ(summary[0]->kind, ReportBlock::Kind::Bullets);
    EXPECT_TRUE(plain(summary[0]->items.front()).starts_with("BenchLens read " + std::to_string(files) + " files ("))
        << plain(summary[0]->items.front());

    // The sweep grid of temperature=0.8: the cell of num_ctx=4096 (down) and num_gpu=999 (across) is the median of
    // the configuration's three rows, with its n.
    const auto body = sectionBlocks(doc, "3. Performance Analysis");
    const ReportTable* grid = nullptr;
    for (size_t i = 0; i + 1 < body.size(); ++i) {
        if (body[i]->kind == ReportBlock::Kind::Paragraph && plain(body[i]->text) == "temperature=0.8"
            && body[i + 1]->kind == ReportBlock::Kind::Table)
            grid = &body[i + 1]->table;
    }
    ASSERT_NE(grid, nullptr);
    EXPECT_EQ(grid->header[0], "num_ctx ↓ / num_gpu →");
    const auto column = std::find(grid->header.begin(), grid->header.end(), "999") - grid->header.begin();
    ASSERT_LT(static_cast<size_t>(column), grid->header.size());
    bool gridCell = false;
    for (const auto& row : grid->rows) {
        if (plain(row[0]) == "4096") {
            EXPECT_EQ(plain(row[static_cast<size_t>(column)]), sweepMedian("999", "4096", "0.8") + " (3)");
            gridCell = true;
        }
    }
    EXPECT_TRUE(gridCell);

    // The throughput table's row of the sweep's num_gpu=999 num_ctx=4096 temperature=0.8: n and mean.
    const std::string variant = "llama3.2:3b-instruct-q4_K_M num_ctx=4096 num_gpu=999 temperature=0.8";
    const ReportTable* throughput = nullptr;
    const auto performance = sectionBlocks(doc, "Appendix A: Every Variant's Statistics");
    for (size_t i = 0; i + 1 < performance.size(); ++i) {
        if (performance[i]->kind == ReportBlock::Kind::Heading
            && plain(performance[i]->text) == "throughput_tok_s (tok/s)")
            throughput = &performance[i + 1]->table;
    }
    ASSERT_NE(throughput, nullptr);
    bool found = false;
    for (const auto& row : throughput->rows) {
        if (plain(row[0]) != variant)
            continue;
        found = true;
        EXPECT_EQ(plain(row[1]), "3");
        EXPECT_EQ(plain(row[2]), sweepMean("999", "4096", "0.8"));
    }
    EXPECT_TRUE(found);

    // The Key Findings name the disagreeing reported mean with the mean of its three sweep rows, and the sweep's
    // reload on its first row.
    std::vector<std::string> items;
    for (const char* section : {"4. Key Findings", "Appendix C: All Findings"}) {
        for (const auto* b : sectionBlocks(doc, section)) {
            for (const auto& item : b->items)
                items.push_back(plain(item));
        }
    }
    const auto has = [&](const std::string& needle) {
        return std::any_of(items.begin(), items.end(), [&](const std::string& s) { return s.find(needle) != s.npos; });
    };
    EXPECT_TRUE(has("differs from " + sweepMean("20", "1024", "0.2") + " computed from 3 sample(s)"));
    // The first row's load_s is its share of ttft_s: a reload.
    std::istringstream sweepRows(test::readFile(test::sampleDir() + "/sweeps/llama3.2_3b_param_sweep.csv"));
    std::string header, first;
    std::getline(sweepRows, header);
    std::getline(sweepRows, first);
    std::vector<std::string> cells;
    std::stringstream firstRow(first);
    for (std::string cell; std::getline(firstRow, cell, ',');)
        cells.push_back(cell);
    ASSERT_GE(cells.size(), 8u);
    char share[16];
    std::snprintf(share, sizeof share, "%.0f", 100 * std::stod(cells[7]) / std::stod(cells[5]));
    EXPECT_TRUE(has(std::string("Model reloads: sweeps/llama3.2_3b_param_sweep.csv has 1 observation whose model load "
                                "is ")
        + share + "% of its TTFT"));
    EXPECT_TRUE(has("Missing telemetry: memory use (no memory or VRAM figures)."));

    // The Input files table gives each file's SHA-256.
    const std::string path = "sweeps/llama3.2_3b_param_sweep.csv";
    QFile file(QString::fromStdString(test::sampleDir() + "/" + path));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const std::string sha = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex().toStdString();
    const ReportTable* inputs = nullptr;
    for (const auto& b : doc.blocks)
        inputs = b.kind == ReportBlock::Kind::Table && !b.table.header.empty() && b.table.header[0] == "File" ? &b.table
                                                                                                              : inputs;
    ASSERT_NE(inputs, nullptr);
    EXPECT_EQ(inputs->rows.size(), files);
    bool hashed = false;
    for (const auto& row : inputs->rows)
        hashed = hashed || (plain(row[0]) == path && plain(row[2]) == "sha256:" + sha);
    EXPECT_TRUE(hashed);
}
