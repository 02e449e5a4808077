#include "models/util/version.h"

namespace benchlens {
const char* version()
{
    return BENCHLENS_VERSION;
}
} // namespace benchlens
