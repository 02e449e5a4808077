#include "models/stats/pareto.h"

namespace benchlens {

void findParetoFront(std::span<ParetoPoint> points)
{
    for (auto& p : points) {
        p.dominatedBy.clear();
        for (const auto& o : points) {
            const bool atLeastAsGood = o.throughputTokS >= p.throughputTokS && o.ttftMs <= p.ttftMs;
            const bool strictlyBetter = o.throughputTokS > p.throughputTokS || o.ttftMs < p.ttftMs;
            if (atLeastAsGood && strictlyBetter)
                p.dominatedBy.push_back(o.id);
        }
    }
}

} // namespace benchlens
