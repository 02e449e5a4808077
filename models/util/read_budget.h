#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace benchlens {

// Limits on reading one file, beside the size limit the ingest checks before reading (IngestOptions).
struct ReadLimits
{
    // Cells of a CSV table or values of a JSON document: a file with more is not read. 100 million cells are a
    // 1 GiB CSV of short numbers; the memory they take is bounded by this.
    uint64_t maxCells = 100'000'000;
    // The longest line a CSV, Markdown or text file may have (JSON is exempt: minified JSON is one line).
    uint64_t maxLineBytes = uint64_t(64) << 20; // 64 MiB
    // Wall-clock time one file may take to parse and recognize; 0: no limit. Every stage is linear, so a file
    // that takes this long is far larger than a benchmark result or the machine is overloaded.
    std::chrono::milliseconds timeBudget {std::chrono::minutes(2)};
};

// A limit of ReadLimits was reached while reading one file: the file is not read, its error diagnostic is what().
struct ReadLimitReached : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// The read was cancelled (the user opened another folder, closed the window): the ingest stops.
struct ReadCancelled : std::runtime_error
{
    ReadCancelled()
        : std::runtime_error("cancelled")
    { }
};

// What reading the current file on this thread may still spend. The ingest installs one around each file
// (RAII, thread-local); the parsers report cells as they go and check the clock now and then. Without one
// installed (a recognizer called directly, as in tests) every call does nothing.
class ReadBudget
{
public:
    ReadBudget(const ReadLimits& limits, const std::atomic<bool>* cancel);
    ~ReadBudget();
    ReadBudget(const ReadBudget&) = delete;
    ReadBudget& operator=(const ReadBudget&) = delete;

    // `n` more cells (CSV fields, JSON values) in this pass; throws ReadLimitReached past ReadLimits::maxCells, and
    // every 65,536 cells checks the time and the cancel flag.
    static void spendCells(uint64_t n)
    {
        if (ReadBudget* b = s_current)
            b->spend(n);
    }
    // A parser starts reading the file's bytes again (several recognizers may each parse the file): the cell
    // count is per pass, so the limit means "cells in the file", not "cells read by all recognizers together".
    static void beginPass()
    {
        if (ReadBudget* b = s_current) {
            b->m_cells = 0;
            b->m_nextClockCheck = 0;
        }
    }
    // Checks the time budget and the cancel flag (between recognizers, between Markdown pieces).
    static void check()
    {
        if (ReadBudget* b = s_current)
            b->checkClock();
    }

private:
    void spend(uint64_t n);
    void checkClock();

    ReadLimits m_limits;
    const std::atomic<bool>* m_cancel;
    std::chrono::steady_clock::time_point m_deadline;
    uint64_t m_cells = 0;
    uint64_t m_nextClockCheck = 0;
    ReadBudget* m_previous;
    static thread_local ReadBudget* s_current;
};

// The first line longer than `maxBytes` in `bytes`: its 1-based number and length, or {0, 0} when there is none.
struct LongLine
{
    uint64_t line = 0;
    uint64_t bytes = 0;
};
LongLine findLineLongerThan(std::string_view bytes, uint64_t maxBytes);

std::string describeBytes(uint64_t bytes); // "64 MiB", "1.5 GiB", "512 bytes"

} // namespace benchlens
