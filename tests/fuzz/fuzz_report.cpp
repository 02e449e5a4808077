// libFuzzer target: the report writers. (1) The technical report of a Dataset whose model names, configuration
// values and cell text are the input's lines (fuzz_support.cpp datasetFromInput), with a comparison of its first two
// variants, rendered as Markdown and HTML. (2) A ReportDocument made directly from the input's lines (headings,
// paragraphs with every inline kind, a table, bullets, bar/box/line/forest chart specs whose labels are input text), so
// that the escapers see bytes no recognizer would let through.
#include "models/charts/chart_spec.h"
#include "models/charts/compare_charts.h"
#include "models/charts/sweep_levels.h"
#include "models/data/dataset.h"
#include "models/report/report_builder.h"
#include "models/report/report_document.h"
#include "models/report/svg_charts.h"
#include "models/stats/two_sample_tests.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

std::vector<std::string> linesOf(std::string_view bytes, size_t maxLines)
{
    std::vector<std::string> out;
    while (out.size() + 1 < maxLines) {
        const auto nl = bytes.find('\n');
        if (nl == std::string_view::npos)
            break;
        out.emplace_back(bytes.substr(0, nl));
        bytes.remove_prefix(nl + 1);
    }
    out.emplace_back(bytes);
    return out;
}

benchlens::ReportDocument documentFrom(const std::vector<std::string>& l)
{
    using namespace benchlens;
    const auto at = [&](size_t i) { return l[i % l.size()]; };
    ReportDocument doc;
    doc.title = at(0);
    doc.heading(2, at(1));
    doc.paragraph({text(at(2)), code(at(3)), strong(at(4)), sourceRef(at(5)), anchor(at(6))});
    doc.bullets({{text(at(7))}, {code(at(8)), text(at(0))}});
    ReportTable t;
    t.header = {at(1), at(2), "n"};
    t.numeric = {false, false, true};
    t.rows = {{{text(at(3))}, {code(at(4))}, {text("3")}}, {{strong(at(5))}, {sourceRef(at(6))}, {text(at(7))}}};
    doc.table(std::move(t));
    charts::BarChartSpec barSpec;
    barSpec.bars = {{0, at(2), 41.5, 40.25, 42.75, 1.25, 3, 0}, {1, at(3), 0, 0, 0, 0, 0, 0}};
    const SvgChart bars = renderBarChartSvg(barSpec, at(0), at(1));
    doc.figure(at(4), bars.svg, bars.width, bars.height);
    charts::BoxChartSpec boxSpec;
    const auto addBox = [&](std::string label, const std::vector<double>& values) {
        charts::Box b;
        static_cast<BoxSummary&>(b) = boxSummary(values);
        b.label = std::move(label);
        boxSpec.boxes.push_back(std::move(b));
    };
    addBox(at(7), {1, 2, 3, 40});
    addBox(at(0), {5});
    const SvgChart boxes = renderBoxChartSvg(boxSpec, at(5), at(6));
    doc.figure(at(1), boxes.svg, boxes.width, boxes.height);
    charts::SweepLevelsSpec levels;
    levels.levels = {at(5), at(6)};
    levels.series = {{at(7), {1, 2}, {0.5, 0.1}}};
    const SvgChart lines = renderLineChartSvg(levels, at(2), at(3), at(4));
    doc.figure(at(0), lines.svg, lines.width, lines.height);
    charts::ForestSpec forestSpec;
    forestSpec.points = {{0, 0, at(3), -4.5, true, -9, 1.5, Verdict::Worse}};
    const SvgChart forest = renderForestChartSvg(forestSpec, at(1), at(2));
    doc.figure(at(5), forest.svg, forest.width, forest.height);
    return doc;
}

void render(const benchlens::ReportDocument& doc)
{
    const auto md = benchlens::renderMarkdown(doc, "report_files");
    benchlens::fuzz::touch(md.text);
    for (const auto& f : md.files) {
        benchlens::fuzz::touch(f.path);
        benchlens::fuzz::touch(f.contents);
    }
    benchlens::fuzz::touch(benchlens::renderHtml(doc));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace benchlens;
    const std::string_view bytes = fuzz::bytesOf(data, size);
    const auto dataset = fuzz::datasetFromInput(bytes);
    if (!dataset)
        __builtin_trap(); // the folder exists: ingest must succeed
    const Dataset& ds = *dataset;
    ReportOptions options;
    options.date = "2026-01-10";
    options.timings = false;
    options.title = std::string(bytes.substr(0, 64));
    if (ds.variants.size() >= 2 && (size & 1)) {
        options.baseline = ds.variants[0].id;
        options.candidates = {ds.variants[1].id};
    }
    render(analyzeAndBuildReport(ds, options, {}));
    render(documentFrom(linesOf(bytes, 9)));
    return 0;
}
