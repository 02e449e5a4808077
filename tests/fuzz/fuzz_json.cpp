// libFuzzer target: the JSON path (models/parsers/json_parser.h): one value, JSON Lines, JSON embedded in text,
// and the JSON Lines sniffer. The whole tree of every document is walked and its strings read.
#include "models/parsers/json_parser.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

void walk(const benchlens::json::Document& doc, const benchlens::json::Node& node, int depth)
{
    benchlens::fuzz::touch(node.key);
    benchlens::fuzz::touch(node.text);
    // Recursion depth is bounded by what the parser accepted; libFuzzer's stack is the default 8 MiB.
    if (depth > 10000)
        return;
    uint32_t children = 0;
    doc.forEachChild(node, [&](const benchlens::json::Node& child) {
        ++children;
        walk(doc, child, depth + 1);
    });
    if (children != node.childCount)
        __builtin_trap(); // childCount must match the linked children
}

void walkDocument(const benchlens::json::Document& doc)
{
    if (!doc.empty())
        walk(doc, doc.root(), 0);
    for (const auto& e : doc.lineErrors)
        benchlens::fuzz::touch(e.message);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace benchlens;
    const std::string_view bytes = fuzz::bytesOf(data, size);
    const auto one = json::parse(bytes);
    if (one.ok)
        walkDocument(one.document);
    else
        fuzz::touch(one.error.message);
    const auto lines = json::parseLines(bytes);
    if (lines.ok)
        walkDocument(lines.document);
    else
        fuzz::touch(lines.error.message);
    for (const auto& embedded : json::findEmbedded(bytes))
        walkDocument(embedded.document);
    (void)json::looksLikeJsonLines(bytes);
    return 0;
}
