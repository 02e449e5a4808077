// libFuzzer target: the CSV reader (models/parsers/csv_parser.h) on arbitrary bytes, with the delimiter sniffed and
// with each fixed delimiter. Every field view is read through, so a view past the input or into a stale scratch
// buffer is caught where the parser hands it out.
#include "models/parsers/csv_parser.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace benchlens;
    const std::string_view bytes = fuzz::bytesOf(data, size);
    (void)csv::detectEncoding(bytes);
    (void)csv::sniffDelimiter(bytes);
    // The delimiter: sniffed, or one of the four the sniffer chooses from, picked by the input's length.
    static constexpr char kDelimiters[] = {0, ',', ';', '\t', '|'};
    const char delimiter = kDelimiters[size % sizeof kDelimiters];
    uint32_t lastIndex = 0;
    const auto result = csv::parse(bytes, delimiter, [&](const csv::Row& row) {
        for (const auto field : row.fields)
            fuzz::touch(field);
        if (row.index != 0 && row.index <= lastIndex)
            __builtin_trap(); // row indices must grow
        lastIndex = row.index;
        return true;
    });
    for (const auto& issue : result.issues)
        fuzz::touch(issue.message);
    // Cancelling after the first row must stop cleanly too.
    (void)csv::parse(bytes, 0, [](const csv::Row&) { return false; });
    return 0;
}
