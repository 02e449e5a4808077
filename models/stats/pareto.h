#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace benchlens {

// One point of the throughput/TTFT trade-off (higher throughput and lower TTFT are better): the means of a sweep
// configuration (SweepAnalysis::pareto) or of a variant (the Compare view's scatter, charts::ParetoSpec).
struct ParetoPoint
{
    uint32_t id = 0; // what the point stands for: an index into SweepAnalysis::configs or Dataset::variants
    double throughputTokS = 0; // mean throughput_tok_s
    double ttftMs = 0; // mean ttft_ms
    std::vector<uint32_t> dominatedBy; // ids of the points at least as good on both and strictly better on one
    bool onFront() const { return dominatedBy.empty(); }
};

// Fills every point's dominatedBy (in the order of `points`), replacing what it held; the points left with an
// empty list form the Pareto front. Quadratic in the number of points.
void findParetoFront(std::span<ParetoPoint> points);

} // namespace benchlens
