#pragma once

namespace benchlens {
const char* version(); // "0.1.0", from the CMake project version
}
