#pragma once

#include <chrono>

namespace benchlens {

// Wall time since it was made (or restarted), in milliseconds: the measured times a report and the status bar state.
class Stopwatch
{
public:
    double elapsedMs() const
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

} // namespace benchlens
