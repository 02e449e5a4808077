#include "models/util/read_budget.h"

#include <fmt/format.h>

#include <cstring>

namespace benchlens {

thread_local ReadBudget* ReadBudget::s_current = nullptr;

namespace {
constexpr uint64_t kClockCheckCells = 65'536;
}

ReadBudget::ReadBudget(const ReadLimits& limits, const std::atomic<bool>* cancel)
    : m_limits(limits)
    , m_cancel(cancel)
    , m_deadline(limits.timeBudget.count() > 0 ? std::chrono::steady_clock::now() + limits.timeBudget
                                               : std::chrono::steady_clock::time_point::max())
    , m_previous(s_current)
{
    s_current = this;
}

ReadBudget::~ReadBudget()
{
    s_current = m_previous;
}

void ReadBudget::spend(uint64_t n)
{
    m_cells += n;
    if (m_cells > m_limits.maxCells) {
        throw ReadLimitReached(
            fmt::format("more than {} cells or values (the limit, --max-cells); the file was not read",
                m_limits.maxCells));
    }
    if (m_cells >= m_nextClockCheck) {
        m_nextClockCheck = m_cells + kClockCheckCells;
        checkClock();
    }
}

void ReadBudget::checkClock()
{
    if (m_cancel && m_cancel->load(std::memory_order_relaxed))
        throw ReadCancelled();
    if (std::chrono::steady_clock::now() > m_deadline) {
        const auto ms = m_limits.timeBudget.count();
        throw ReadLimitReached(fmt::format("reading took longer than {} (the per-file time budget, "
                                           "--file-time-budget); the file was not read",
            ms % 1000 == 0 ? fmt::format("{} s", ms / 1000) : fmt::format("{} ms", ms)));
    }
}

LongLine findLineLongerThan(std::string_view bytes, uint64_t maxBytes)
{
    if (bytes.size() <= maxBytes)
        return {};
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    uint64_t line = 1;
    while (p < end) {
        const auto* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
        const char* lineEnd = nl ? nl : end;
        if (uint64_t(lineEnd - p) > maxBytes)
            return {line, uint64_t(lineEnd - p)};
        if (!nl)
            break;
        p = nl + 1;
        ++line;
    }
    return {};
}

std::string describeBytes(uint64_t bytes)
{
    constexpr uint64_t KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024;
    const auto unit = [&](uint64_t size, const char* name) {
        return bytes % size == 0 ? fmt::format("{} {}", bytes / size, name)
                                 : fmt::format("{:.1f} {}", double(bytes) / double(size), name);
    };
    if (bytes >= GiB)
        return unit(GiB, "GiB");
    if (bytes >= MiB)
        return unit(MiB, "MiB");
    if (bytes >= KiB)
        return unit(KiB, "KiB");
    return fmt::format("{} bytes", bytes);
}

} // namespace benchlens
