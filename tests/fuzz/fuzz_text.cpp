// libFuzzer target: the readers of human-written text: the Markdown parser (md4c), the pipe-table finder that reads
// logs and console captures, and the generic Markdown and text recognizers built on them.
#include "models/parsers/markdown_parser.h"
#include "models/recognizers/pipe_tables.h"
#include "models/recognizers/recognizer.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace benchlens;
    const std::string_view bytes = fuzz::bytesOf(data, size);
    const markdown::Document md = markdown::parse(bytes);
    for (const auto& table : md.tables) {
        if (table.rows.size() != table.rowLines.size())
            __builtin_trap(); // one line number per row
        for (const auto& cell : table.header)
            fuzz::touch(cell);
        for (const auto& row : table.rows) {
            for (const auto& cell : row)
                fuzz::touch(cell);
        }
    }
    for (const auto& line : md.lines)
        fuzz::touch(line.text);
    for (const auto& table : findPipeTables(bytes)) {
        for (const auto& row : table.rows) {
            for (const auto& cell : row.cells)
                fuzz::touch(cell);
        }
    }
    const FileExtract fromMd = extractGenericMarkdown({"report.md", bytes, FileType::Markdown});
    const FileExtract fromText = extractGenericText({"output.txt", bytes, FileType::Text});
    for (const FileExtract* e : {&fromMd, &fromText}) {
        for (const auto& v : e->values)
            fuzz::touch(e->locatorText(e->records.at(v.record).locator));
        for (const auto& d : e->diagnostics)
            fuzz::touch(d.message);
    }
    return 0;
}
