#include "ui/pages/overview_page.h"

#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/stats/analysis.h"
#include "models/stats/findings.h"
#include "models/stats/headlines.h"
#include "models/util/escape.h"
#include "models/util/text.h"
#include "ui/selection_hub.h"
#include "ui/severity_colors.h"

#include <QDir>
#include <QEvent>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <set>

namespace benchlens {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString valueWithUnit(const Dataset& ds, double value, uint32_t metric)
{
    const std::string& unit = ds.metrics[metric].unit;
    return q(unit.empty() ? formatValue(value) : formatValue(value) + " " + unit);
}

} // namespace

OverviewPage::OverviewPage(SelectionHub* hub, QWidget* parent)
    : QWidget(parent)
    , m_hub(hub)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_browser = new QTextBrowser;
    m_browser->setOpenLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_browser);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &OverviewPage::onLink);
    connect(hub, &SelectionHub::folderChanged, this, &OverviewPage::rebuild);
    rebuild();
}

OverviewPage::~OverviewPage() = default;

void OverviewPage::openEntry(size_t i)
{
    if (i >= m_entries.size())
        return;
    const OverviewEntry& e = m_entries[i];
    if (e.variant >= 0)
        m_hub->selectVariant(e.variant);
    emit viewRequested(e.view);
}

void OverviewPage::onLink(const QUrl& url)
{
    bool ok = false;
    const auto i = url.fragment().toULongLong(&ok);
    if (ok)
        openEntry(static_cast<size_t>(i));
}

void OverviewPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render(); // the link colour comes from the palette
}

void OverviewPage::rebuild()
{
    m_entries.clear();
    const Dataset* ds = m_hub->dataset();
    const Analysis* an = m_hub->folder().analysis.get();
    if (!ds || !an) {
        render();
        return;
    }
    using Section = OverviewEntry::Section;
    const auto add = [&](Section section, const QString& text, const QString& view, int variant = -1) {
        m_entries.push_back({section, text, view, variant});
    };
    const FolderTotals totals = folderTotals(*ds);
    const auto n = [](size_t count, const char* one, const char* many) { return q(plural(count, one, many)); };
    add(Section::Holds,
        tr("%1 measured (%2 named in all), in %3 with observations (%4 in all)")
            .arg(n(totals.modelsMeasured, "model", "models"))
            .arg(totals.models)
            .arg(n(totals.variantsMeasured, "variant", "variants"), n(totals.variants, "variant", "variants")),
        QStringLiteral("variants"));
    add(Section::Holds,
        tr("%1 in %2 and %3")
            .arg(n(ds->runs.size(), "run", "runs"), n(ds->inventory.files, "file", "files"),
                n(ds->inventory.directories.size(), "folder", "folders")),
        QStringLiteral("inventory"));
    add(Section::Holds,
        tr("%1 successful observations; %2 failed ones (excluded from all statistics) in %3")
            .arg(totals.successful)
            .arg(totals.failed)
            .arg(n(totals.variantsFailing, "variant", "variants")),
        QStringLiteral("variants"));
    add(Section::Holds,
        tr("%1 not understood (numbers none of which was read); %2 (%3 in all)")
            .arg(n(totals.notUnderstood, "file", "files"),
                n(totals.warnings, "warning or error", "warnings and errors"),
                n(ds->diagnostics.size(), "diagnostic", "diagnostics")),
        QStringLiteral("diagnostics"));

    // The headlines, as the report's Executive Summary ranks them.
    const auto headline = [&](const HeadlineRanking& ranking, const QString& what, Statistic statistic,
                              const QString& view) {
        if (ranking.measured == 0)
            return;
        if (ranking.ranked.empty()) {
            add(Section::Headline,
                tr("%1: no variant was measured at least %2 times (of %3, the most repeated has n=%4), so none is "
                   "ranked.")
                    .arg(what)
                    .arg(kMinSamplesForHeadline)
                    .arg(n(ranking.measured, "variant", "variants"))
                    .arg(ranking.mostRepeated),
                QStringLiteral("variants"));
            return;
        }
        const MetricStats& best = *ranking.ranked.front();
        const MetricStats* runnerUp = ranking.ranked.size() > 1 ? ranking.ranked[1] : nullptr;
        const double value = statistic == Statistic::Median ? best.summary.median : best.summary.mean;
        QString text = tr("%1 of the %2 measured at least %3 times: %4 at %5 (%6)")
                           .arg(what, n(ranking.ranked.size(), "variant", "variants"))
                           .arg(kMinSamplesForHeadline)
                           .arg(q(ds->variants[best.variant].id), valueWithUnit(*ds, value, best.metric),
                               q(sampleSizeText(best.summary, statistic)));
        if (leadWithinNoise(best, runnerUp, statistic))
            text += tr("; its 95% CI overlaps that of the runner-up %1, so the lead is within the noise")
                        .arg(q(ds->variants[runnerUp->variant].id));
        add(Section::Headline, text, view, static_cast<int>(best.variant));
    };
    headline(rankByHighestMean(*an, ds->findMetric("throughput_tok_s")), tr("Highest mean throughput"), Statistic::Mean,
        QStringLiteral("charts:throughput"));
    headline(rankByLowestMedian(*an, ds->findMetric("ttft_ms")), tr("Lowest median time to first token"),
        Statistic::Median, QStringLiteral("charts:latency"));

    const std::vector<Finding> findings = computeFindings(*ds, *an);
    for (const Finding& f : findings) {
        if (f.kind != FindingKind::BestConfiguration || !f.variant)
            continue;
        const auto& best = std::get<BestConfiguration>(f.detail);
        const bool standsOut = best.caveat == MarginCaveat::None;
        const QString why = standsOut                 ? tr(" (n=%1 and n=%2)").arg(best.best.n).arg(best.second.n)
            : best.caveat == MarginCaveat::FewSamples ? tr(", with fewer than %1 samples").arg(kMinSamplesForMargin)
            : best.caveat == MarginCaveat::OverlappingIntervals ? tr(", and their 95% CIs overlap")
                                                                : tr(", within its own spread");
        const QString pattern = standsOut
            ? tr("%1: the best of %2 configurations is %3, %4% above the runner-up%5")
            : tr("%1: no configuration of %2 stands out from the noise (the best, %3, leads the runner-up by %4%%5)");
        add(Section::Headline,
            pattern.arg(q(best.model))
                .arg(best.configurations)
                .arg(q(ds->variants[*f.variant].id), QString::number(best.marginPct, 'f', 1), why),
            QStringLiteral("charts:sweep"), static_cast<int>(*f.variant));
    }
    size_t coldStarts = 0;
    std::set<uint32_t> coldVariants;
    int firstCold = -1;
    for (const Finding& f : findings) {
        if (f.kind != FindingKind::ColdStart)
            continue;
        ++coldStarts;
        if (f.variant) {
            coldVariants.insert(*f.variant);
            if (firstCold < 0)
                firstCold = static_cast<int>(*f.variant);
        }
    }
    if (coldStarts > 0) {
        add(Section::Headline,
            tr("Cold starts and reloads: %1 whose TTFT includes loading the model, in %2 (flagged in the Samples "
               "table)")
                .arg(n(coldStarts, "observation", "observations"), n(coldVariants.size(), "variant", "variants")),
            QStringLiteral("samples"), firstCold);
    }
    render();
}

void OverviewPage::render()
{
    const QString link
        = readableLink(palette().color(QPalette::Link), m_browser->palette().color(QPalette::Base)).name();
    QString html
        = QStringLiteral("<style>a { color: %1; text-decoration: none; } li { margin-bottom: 6px; }</style>").arg(link);
    const Dataset* ds = m_hub->dataset();
    if (!ds) {
        html += tr("<p>Open a folder of benchmark results: File &gt; Open Folder (Ctrl+O), or drop it here.</p>");
        m_browser->setHtml(html);
        return;
    }
    const auto esc = [](const QString& s) { return q(escapeHtml(s.toStdString())); };
    html += QStringLiteral("<h2>%1</h2>").arg(esc(QDir::toNativeSeparators(m_hub->folder().root)));
    for (const auto section : {OverviewEntry::Section::Holds, OverviewEntry::Section::Headline}) {
        html += section == OverviewEntry::Section::Holds ? tr("<h3>What the folder holds</h3>")
                                                         : tr("<h3>Headline results</h3>");
        html += QStringLiteral("<ul>");
        for (size_t i = 0; i < m_entries.size(); ++i) {
            if (m_entries[i].section != section)
                continue;
            QUrl url;
            url.setScheme(QStringLiteral("benchlens"));
            url.setPath(m_entries[i].view);
            url.setFragment(QString::number(i));
            html += QStringLiteral("<li><a href=\"%1\">%2</a></li>").arg(esc(url.toString()), esc(m_entries[i].text));
        }
        html += QStringLiteral("</ul>");
    }
    html += tr("<p>Click a line to open the view that shows it. Headlines rank only variants measured at least %1 "
               "times, as the report does.</p>")
                .arg(kMinSamplesForHeadline);
    m_browser->setHtml(html);
}

} // namespace benchlens
