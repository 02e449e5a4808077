#include "ui/pages/compare_page.h"

#include "models/data/dataset.h"
#include "models/itemmodels/comparison_model.h"
#include "models/stats/dataset_comparison.h"
#include "ui/charts/compare_charts_widget.h"
#include "ui/item_view_tools.h"
#include "ui/selection_hub.h"
#include "ui/severity_colors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace benchlens {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QTableView* newTable()
{
    auto* view = new QTableView;
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    return view;
}

} // namespace

struct ComparePage::Private
{
    SelectionHub* hub = nullptr;
    QString baseline;
    QStringList candidates;
    std::shared_ptr<const DatasetComparison> comparison;
    QString error;
    QTimer timer;

    ComparisonModel* model = nullptr;
    ConfigDiffModel* configModel = nullptr;
    FlaggedModel* flaggedModel = nullptr;

    QLineEdit* baselineEdit = nullptr;
    QLabel* baselineInfo = nullptr;
    QListWidget* candidateList = nullptr;
    QLineEdit* candidateEdit = nullptr;
    QComboBox* metric = nullptr;
    QCheckBox* coldStarts = nullptr;
    QCheckBox* shortReplies = nullptr;
    QDoubleSpinBox* threshold = nullptr;
    QLabel* status = nullptr;
    QLabel* differing = nullptr;
    QTableView* table = nullptr;
    CompareCharts* charts = nullptr;
    QTableView* flaggedTable = nullptr;
    QPlainTextEdit* warnings = nullptr;
    int flaggedTab = -1;
    int warningsTab = -1;
};

ComparePage::ComparePage(SelectionHub* hub, QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->hub = hub;
    d->timer.setSingleShot(true);
    d->timer.setInterval(0);
    connect(&d->timer, &QTimer::timeout, this, &ComparePage::recomputeNow);
    d->model = new ComparisonModel(this);
    d->configModel = new ConfigDiffModel(this);
    d->flaggedModel = new FlaggedModel(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 0);

    // Baseline and candidates.
    auto* selectors = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    auto* baselineRow = new QHBoxLayout;
    baselineRow->addWidget(new QLabel(tr("<b>Baseline:</b>")));
    d->baselineEdit = new QLineEdit;
    d->baselineEdit->setPlaceholderText(
        tr("variant id, run id or key=value terms — or right-click a variant, sample or file: Set as baseline"));
    d->baselineEdit->setClearButtonEnabled(true);
    d->baselineEdit->setToolTip(tr("A variant id (\"model key=value …\"), a run id (a timestamped folder or a file), "
                                   "or comma-separated key=value terms such as model=llama3.1:8b,run=results.csv"));
    baselineRow->addWidget(d->baselineEdit, 1);
    left->addLayout(baselineRow);
    d->baselineInfo = new QLabel;
    d->baselineInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    left->addWidget(d->baselineInfo);
    auto* candidateRow = new QHBoxLayout;
    candidateRow->addWidget(new QLabel(tr("<b>Add candidate:</b>")));
    d->candidateEdit = new QLineEdit;
    d->candidateEdit->setPlaceholderText(tr("selector, Enter to add — or right-click: Compare with baseline"));
    d->candidateEdit->setToolTip(d->baselineEdit->toolTip());
    candidateRow->addWidget(d->candidateEdit, 1);
    left->addLayout(candidateRow);
    selectors->addLayout(left, 3);

    auto* right = new QVBoxLayout;
    auto* listRow = new QHBoxLayout;
    d->candidateList = new QListWidget;
    d->candidateList->setMaximumHeight(4 * d->candidateList->fontMetrics().height() + 12);
    d->candidateList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    d->candidateList->setToolTip(tr("Candidates compared with the baseline (Delete removes the selected)"));
    listRow->addWidget(d->candidateList, 1);
    auto* buttons = new QVBoxLayout;
    auto* remove = new QPushButton(tr("&Remove"));
    remove->setToolTip(tr("Remove the selected candidates"));
    auto* clear = new QPushButton(tr("Clear"));
    clear->setToolTip(tr("Remove every candidate"));
    buttons->addWidget(remove);
    buttons->addWidget(clear);
    buttons->addStretch(1);
    listRow->addLayout(buttons);
    right->addWidget(new QLabel(tr("<b>Candidates:</b>")));
    right->addLayout(listRow);
    selectors->addLayout(right, 2);
    layout->addLayout(selectors);

    // Options.
    auto* options = new QHBoxLayout;
    options->addWidget(new QLabel(tr("Metric:")));
    d->metric = new QComboBox;
    d->metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    d->metric->addItem(tr("All metrics"));
    options->addWidget(d->metric);
    d->coldStarts = new QCheckBox(tr("Exclude cold starts"));
    d->coldStarts->setToolTip(tr("Set aside the observations that measured a model load: a load time above half of "
                                 "the TTFT and 5× the model's median load, or (without a load time) a first TTFT more "
                                 "than 3× the median of the rest of its file"));
    d->shortReplies = new QCheckBox(tr("Exclude near-empty replies"));
    d->shortReplies->setToolTip(
        tr("Set aside observations that generated fewer than 10 tokens: their tokens/s says little"));
    options->addSpacing(12);
    options->addWidget(d->coldStarts);
    options->addWidget(d->shortReplies);
    options->addSpacing(12);
    options->addWidget(new QLabel(tr("Practical threshold:")));
    d->threshold = new QDoubleSpinBox;
    d->threshold->setRange(0, 100);
    d->threshold->setDecimals(1);
    d->threshold->setSingleStep(0.5);
    d->threshold->setSuffix(QStringLiteral(" %"));
    d->threshold->setValue(CompareOptions {}.practicalThreshold * 100);
    d->threshold->setToolTip(tr("A relative difference below this is not practically significant (no verdict better "
                                "or worse)"));
    options->addWidget(d->threshold);
    options->addStretch(1);
    layout->addLayout(options);

    d->status = new QLabel;
    d->status->setWordWrap(true);
    d->status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(d->status);
    d->differing = new QLabel;
    d->differing->setWordWrap(true);
    d->differing->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(d->differing);

    // The table above, the charts and lists below.
    auto* splitter = new QSplitter(Qt::Vertical);
    d->table = newTable();
    auto* colors = new VerdictColors(ComparisonModel::VerdictRole,
        {ComparisonModel::DiffColumn, ComparisonModel::DiffPctColumn, ComparisonModel::VerdictColumn}, this);
    colors->setSourceModel(d->model);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(colors);
    proxy->setSortRole(ComparisonModel::SortRole);
    d->table->setModel(proxy);
    installItemViewTools(d->table, hub, -1, -1);
    splitter->addWidget(d->table);

    d->charts = new CompareCharts;
    d->flaggedTable = newTable();
    auto* flaggedProxy = new QSortFilterProxyModel(this);
    flaggedProxy->setSourceModel(d->flaggedModel);
    flaggedProxy->setSortRole(FlaggedModel::SortRole);
    d->flaggedTable->setModel(flaggedProxy);
    d->flaggedTable->horizontalHeader()->setStretchLastSection(true);
    installItemViewTools(d->flaggedTable, hub, FlaggedModel::FileRole, FlaggedModel::VariantRole);
    d->flaggedTab = d->charts->addTab(d->flaggedTable, tr("Flagged"));
    d->warnings = new QPlainTextEdit;
    d->warnings->setReadOnly(true);
    d->warningsTab = d->charts->addTab(d->warnings, tr("Warnings"));
    splitter->addWidget(d->charts);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    // At 1024x700 the splitter gave the table about two rows (issue 16): five rows, the header and the scroll bar at
    // least, the charts the rest.
    d->table->setMinimumHeight(d->table->verticalHeader()->defaultSectionSize() * 5
        + d->table->horizontalHeader()->sizeHint().height() + d->table->horizontalScrollBar()->sizeHint().height() + 4);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    connect(d->baselineEdit, &QLineEdit::editingFinished, this, [this] {
        if (d->baselineEdit->text().trimmed() != d->baseline)
            setBaseline(d->baselineEdit->text());
    });
    connect(d->candidateEdit, &QLineEdit::returnPressed, this, [this] {
        addCandidate(d->candidateEdit->text());
        d->candidateEdit->clear();
    });
    const auto removeSelected = [this] {
        QList<int> rows;
        for (const QModelIndex& idx : d->candidateList->selectionModel()->selectedRows())
            rows << idx.row();
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (const int r : rows)
            d->candidates.removeAt(r);
        if (!rows.isEmpty()) {
            d->candidateList->clear();
            d->candidateList->addItems(d->candidates);
            scheduleRecompute();
        }
    };
    connect(remove, &QPushButton::clicked, this, removeSelected);
    auto* del = new QShortcut(QKeySequence::Delete, d->candidateList, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, removeSelected);
    connect(clear, &QPushButton::clicked, this, &ComparePage::clearCandidates);
    connect(d->metric, &QComboBox::currentIndexChanged, this, &ComparePage::scheduleRecompute);
    connect(d->coldStarts, &QCheckBox::toggled, this, &ComparePage::scheduleRecompute);
    connect(d->shortReplies, &QCheckBox::toggled, this, &ComparePage::scheduleRecompute);
    connect(d->threshold, &QDoubleSpinBox::valueChanged, this, &ComparePage::scheduleRecompute);
    connect(hub, &SelectionHub::folderChanged, this, &ComparePage::onFolderChanged);
    connect(hub, &SelectionHub::compareBaselineRequested, this, &ComparePage::setBaseline);
    connect(hub, &SelectionHub::compareCandidateRequested, this, &ComparePage::addCandidate);
    updateTexts();
}

ComparePage::~ComparePage() = default;

QString ComparePage::baseline() const
{
    return d->baseline;
}
QStringList ComparePage::candidates() const
{
    return d->candidates;
}
bool ComparePage::excludeColdStarts() const
{
    return d->coldStarts->isChecked();
}
bool ComparePage::excludeShortReplies() const
{
    return d->shortReplies->isChecked();
}
double ComparePage::thresholdPercent() const
{
    return d->threshold->value();
}
QString ComparePage::metricFilter() const
{
    return d->metric->currentIndex() > 0 ? d->metric->currentText() : QString();
}
CompareRequest ComparePage::request() const
{
    CompareRequest r;
    r.baseline = d->baseline;
    r.candidates = d->candidates;
    r.metric = metricFilter();
    r.excludeColdStarts = d->coldStarts->isChecked();
    r.excludeShortReplies = d->shortReplies->isChecked();
    r.thresholdPercent = d->threshold->value();
    r.compares = d->comparison != nullptr;
    return r;
}
ComparisonModel* ComparePage::model() const
{
    return d->model;
}
ConfigDiffModel* ComparePage::configModel() const
{
    return d->configModel;
}
FlaggedModel* ComparePage::flaggedModel() const
{
    return d->flaggedModel;
}
QTableView* ComparePage::view() const
{
    return d->table;
}
CompareCharts* ComparePage::charts() const
{
    return d->charts;
}
std::shared_ptr<const DatasetComparison> ComparePage::comparison() const
{
    return d->comparison;
}
QString ComparePage::errorText() const
{
    return d->error;
}

void ComparePage::setBaseline(const QString& selector)
{
    d->baseline = selector.trimmed();
    d->baselineEdit->setText(d->baseline);
    scheduleRecompute();
}

void ComparePage::addCandidate(const QString& selector)
{
    const QString s = selector.trimmed();
    if (s.isEmpty())
        return;
    if (!d->candidates.contains(s)) {
        d->candidates << s;
        d->candidateList->addItem(s);
        scheduleRecompute();
    }
    emit candidateAdded(s);
}

void ComparePage::removeCandidate(int index)
{
    if (index < 0 || index >= d->candidates.size())
        return;
    d->candidates.removeAt(index);
    delete d->candidateList->takeItem(index);
    scheduleRecompute();
}

void ComparePage::clearCandidates()
{
    d->candidates.clear();
    d->candidateList->clear();
    scheduleRecompute();
}

void ComparePage::setExcludeColdStarts(bool on)
{
    d->coldStarts->setChecked(on);
}

void ComparePage::setExcludeShortReplies(bool on)
{
    d->shortReplies->setChecked(on);
}

void ComparePage::setThresholdPercent(double percent)
{
    d->threshold->setValue(percent);
}

bool ComparePage::setMetricFilter(const QString& metric)
{
    if (metric.isEmpty()) {
        d->metric->setCurrentIndex(0);
        return true;
    }
    const int i = d->metric->findText(metric);
    if (i <= 0)
        return false;
    d->metric->setCurrentIndex(i);
    return true;
}

void ComparePage::scheduleRecompute()
{
    // Published now, with the last comparison's outcome, and again once recomputed: a page that reads the hub
    // before the recompute sees the selectors and options as they are set.
    publish();
    d->timer.start();
}

void ComparePage::publish()
{
    d->hub->setCompareRequest(request());
}

void ComparePage::onFolderChanged()
{
    // Metrics with samples, for the filter; the chosen one is kept by name across reloads.
    const QString keep = metricFilter();
    d->metric->blockSignals(true);
    while (d->metric->count() > 1)
        d->metric->removeItem(1);
    if (const Dataset* ds = d->hub->dataset()) {
        std::vector<char> has(ds->metrics.size(), 0);
        for (const uint32_t m : ds->samples.metric)
            has[m] = 1;
        for (size_t m = 0; m < ds->metrics.size(); ++m) {
            if (has[m])
                d->metric->addItem(q(ds->metrics[m].id));
        }
    }
    const int i = keep.isEmpty() ? 0 : d->metric->findText(keep);
    d->metric->setCurrentIndex(std::max(0, i));
    d->metric->blockSignals(false);
    // A folder whose files state their own baseline/candidate pair (the agent's metrics.json with a delta):
    // start from that pair when nothing is chosen yet, so the stated deltas are checked right away.
    if (const Dataset* ds = d->hub->dataset(); ds && d->baseline.isEmpty() && d->candidates.isEmpty()) {
        const auto pairs = statedComparisonSelectors(*ds);
        if (!pairs.empty()) {
            d->baseline = q(pairs.front().first);
            d->baselineEdit->setText(d->baseline);
            d->candidates.append(q(pairs.front().second));
            d->candidateList->addItem(d->candidates.back());
        }
    }
    scheduleRecompute();
}

void ComparePage::recomputeNow()
{
    d->timer.stop();
    d->comparison.reset();
    d->error.clear();
    const std::shared_ptr<const Dataset> ds = d->hub->folder().dataset;
    const CompareRequest r = request();
    if (ds && !r.baseline.isEmpty()) {
        CompareOptions options;
        options.practicalThreshold = r.thresholdPercent / 100; // as `benchlens compare --threshold`
        ExclusionOptions exclusions;
        exclusions.coldStarts = r.excludeColdStarts;
        exclusions.shortReplies = r.excludeShortReplies;
        std::vector<std::string> candidates;
        for (const QString& c : r.candidates)
            candidates.push_back(c.toStdString());
        std::vector<std::string> metrics;
        if (!r.metric.isEmpty())
            metrics.push_back(r.metric.toStdString());
        // O(samples) per selector: fast for any folder a person opens; no worker thread.
        auto result = compareSelections(*ds, r.baseline.toStdString(), candidates, metrics, options, exclusions);
        if (result)
            d->comparison = std::make_shared<const DatasetComparison>(std::move(result).value());
        else
            d->error = q(result.error());
    }
    d->model->setComparison(ds, d->comparison);
    d->configModel->setComparison(d->comparison);
    d->flaggedModel->setComparison(ds, d->comparison);
    d->charts->setComparison(ds, d->comparison);
    // One candidate: its selector is in the list above, a column repeating it says nothing.
    d->table->setColumnHidden(ComparisonModel::CandidateColumn, d->candidates.size() <= 1);
    if (d->model->rowCount() > 0) {
        d->table->resizeColumnsToContents();
        QHeaderView* header = d->table->horizontalHeader();
        header->resizeSection(
            ComparisonModel::CandidateColumn, std::min(320, header->sectionSize(ComparisonModel::CandidateColumn)));
    }
    d->flaggedTable->resizeColumnsToContents();
    updateTexts();
    publish();
    emit comparisonChanged();
}

void ComparePage::updateTexts()
{
    const Dataset* ds = d->hub->dataset();
    const auto& c = d->comparison;
    if (c && ds) {
        d->baselineInfo->setText(tr("%1 samples · %2 variant(s) · %3 run(s)")
                                     .arg(c->baseline.samples.size())
                                     .arg(c->baseline.variants.size())
                                     .arg(c->baseline.runs.size()));
    } else {
        d->baselineInfo->clear();
    }
    if (!ds)
        d->status->setText(tr("Open a folder to compare its variants and runs."));
    else if (d->baseline.isEmpty())
        d->status->setText(tr("Choose a baseline: right-click a variant (Variants, Samples) or a file (Inventory) and "
                              "pick “Set … as baseline”, or type a selector above."));
    else if (!d->error.isEmpty())
        d->status->setText(tr("<span style='color:#c0392b'>Cannot compare: %1</span>").arg(d->error.toHtmlEscaped()));
    else if (d->candidates.isEmpty())
        d->status->setText(tr("Add candidates: right-click a variant or a file and pick “Compare … with baseline”."));
    else
        d->status->clear();
    d->status->setVisible(!d->status->text().isEmpty());

    // The configuration keys that differ, per candidate.
    QStringList lines;
    if (c) {
        for (const auto& cand : c->candidates) {
            QStringList diffs;
            for (const auto& [key, change] : cand.differingConfig) {
                QString text = q(change).toHtmlEscaped();
                text.replace(QStringLiteral(" -&gt; "), QStringLiteral(" → "));
                diffs << QStringLiteral("<b>%1</b>: %2").arg(q(key).toHtmlEscaped(), text);
            }
            lines << tr("%1 (%2 samples) differs in %3")
                         .arg(q(cand.selection.selector).toHtmlEscaped())
                         .arg(cand.selection.samples.size())
                         .arg(diffs.isEmpty() ? tr("no configuration key") : diffs.join(QStringLiteral(" · ")));
        }
    }
    d->differing->setText(lines.join(QStringLiteral("<br>")));
    d->differing->setVisible(!lines.isEmpty());

    const size_t total = d->flaggedModel->totalFlagged();
    const int shown = d->flaggedModel->rowCount();
    d->charts->setTabText(d->flaggedTab,
        shown > 0 ? tr("Flagged (%1 here, %2 in the folder)").arg(shown).arg(total) : tr("Flagged (none here)"));
    QStringList warnings;
    if (c) {
        for (const auto& w : c->warnings)
            warnings << q(w);
    }
    d->warnings->setPlainText(warnings.join(QLatin1Char('\n')));
    d->charts->setTabText(
        d->warningsTab, warnings.isEmpty() ? tr("Warnings (none)") : tr("Warnings (%1)").arg(warnings.size()));
}

} // namespace benchlens
