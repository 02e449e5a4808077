#include "ui/report/report_export.h"

#include "models/export/data_export.h"
#include "models/report/output_file.h"
#include "models/report/report_document.h"

namespace benchlens::ui {

Status writeReport(const ReportDocument& doc, const std::string& path, ReportFormat format,
    const std::string& inputRoot, const PdfOptions& pdfOptions, bool force, const Dataset* dataset)
{
    if (!doc.dataFile.empty()) {
        if (!dataset)
            return Error {path + ": the report names the data file " + doc.dataFile + " but has no data to write"};
        const size_t slash = path.rfind('/');
        const std::string dataPath
            = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + doc.dataFile;
        if (const auto written = exportDataset(*dataset, dataPath, ExportFormat::Csv, std::nullopt, inputRoot);
            !written)
            return Error {written.error()};
    }
    switch (format) {
    case ReportFormat::Pdf: {
        const auto rendered = renderReportPdf(doc, pdfOptions);
        if (!rendered)
            return Error {path + ": " + rendered.error()};
        return writeOutputFile(path, rendered.value(), inputRoot);
    }
    case ReportFormat::Html:
        return writeOutputFile(path, renderHtml(doc), inputRoot);
    case ReportFormat::Markdown:
        break;
    }
    RenderedMarkdown md = renderMarkdown(doc, markdownFilesDir(path));
    std::vector<OutputAttachment> files;
    for (auto& f : md.files) {
        // Each figure also as PNG beside its SVG, for viewers that do not show SVG.
        if (f.path.ends_with(".svg"))
            files.push_back({f.path.substr(0, f.path.size() - 4) + ".png", svgToPng(f.contents)});
        files.push_back({std::move(f.path), std::move(f.contents)});
    }
    return writeOutputWithAttachments(path, md.text, files, inputRoot, force);
}

} // namespace benchlens::ui
