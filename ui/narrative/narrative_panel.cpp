#include "ui/narrative/narrative_panel.h"

#include "models/data/dataset.h"
#include "models/jobs/job_tracker.h"
#include "models/llm/narrative.h"
#include "models/llm/narrative_facts.h"
#include "models/report/report_document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

#include <optional>

namespace benchlens {

namespace {
QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

const QString kGroup = QStringLiteral("narrative/");

// "num_ctx=4096 temperature=0.2" (spaces or commas between) -> options; the first bad one is the error.
OllamaOptions parseOptions(const QString& text, QString* error)
{
    OllamaOptions options;
    const auto parts = text.split(QRegularExpression(QStringLiteral("[\\s,;]+")), Qt::SkipEmptyParts);
    for (const auto& part : parts) {
        const auto parsed = parseOllamaOption(part.toStdString());
        if (!parsed) {
            if (error && error->isEmpty())
                *error = q(parsed.error());
            continue;
        }
        setOllamaOption(options, parsed.value().first, parsed.value().second);
    }
    return options;
}
} // namespace

struct NarrativePanel::Private
{
    QLineEdit* endpoint = nullptr;
    QCheckBox* allowRemote = nullptr;
    QLabel* endpointNote = nullptr;
    QComboBox* model = nullptr;
    QPushButton* refresh = nullptr;
    QLineEdit* options = nullptr;
    QComboBox* language = nullptr;
    QSpinBox* timeout = nullptr;
    QPlainTextEdit* analystPrompt = nullptr;
    QPlainTextEdit* writerPrompt = nullptr;
    QPushButton* generate = nullptr;
    QPushButton* cancel = nullptr;
    QProgressBar* progress = nullptr;
    QLabel* status = nullptr;
    QTextEdit* output = nullptr;
    QLabel* metrics = nullptr;
    QCheckBox* include = nullptr;
    NarrativeRunner* runner = nullptr;
    JobTracker* facts = nullptr; // gathers the facts before the runner streams
    OllamaClient* models = nullptr;
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const ReportDocument> doc;
    std::optional<NarrativeResult> result;
    std::optional<NarrativeRoleKind> streamingRole; // the role whose text is being streamed
    size_t streamedChars = 0;
};

NarrativePanel::NarrativePanel(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    QSettings stored;
    const NarrativeSettings defaults;
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    d->endpoint = new QLineEdit(
        stored.value(kGroup + QStringLiteral("endpoint"), q(ollamaEndpointFromEnvironment().url())).toString());
    d->endpoint->setToolTip(tr("The Ollama server: host, host:port or http(s)://host:port, as OLLAMA_HOST takes"));
    d->allowRemote = new QCheckBox(tr("Allow a remote host"));
    d->allowRemote->setChecked(stored.value(kGroup + QStringLiteral("allowRemote"), false).toBool());
    d->allowRemote->setToolTip(tr("Send the report's facts to a server that is not this machine"));
    auto* endpointRow = new QHBoxLayout;
    endpointRow->addWidget(d->endpoint, 1);
    endpointRow->addWidget(d->allowRemote);
    form->addRow(tr("Endpoint:"), endpointRow);
    d->endpointNote = new QLabel;
    d->endpointNote->setWordWrap(true);
    form->addRow(QString(), d->endpointNote);
    d->model = new QComboBox;
    d->model->setEditable(true);
    d->model->setCurrentText(stored.value(kGroup + QStringLiteral("model"), q(defaults.model)).toString());
    d->refresh = new QPushButton(tr("Refresh"));
    d->refresh->setToolTip(tr("List the models the server has pulled (/api/tags)"));
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(d->model, 1);
    modelRow->addWidget(d->refresh);
    form->addRow(tr("Model:"), modelRow);
    d->options = new QLineEdit(stored.value(kGroup + QStringLiteral("options")).toString());
    d->options->setPlaceholderText(tr("defaults, e.g. num_gpu=99 num_ctx=4096 temperature=0.2"));
    d->options->setToolTip(tr("num_gpu, num_ctx, temperature, top_p, top_k, repeat_penalty, seed, num_predict"));
    form->addRow(tr("Options:"), d->options);
    d->language = new QComboBox;
    for (const char* code : {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "zh", "ja"}) {
        const auto l = narrativeLanguage(code);
        d->language->addItem(q(l->name), q(l->code));
    }
    d->language->setCurrentIndex(
        std::max(0, d->language->findData(stored.value(kGroup + QStringLiteral("language"), QStringLiteral("en")))));
    d->timeout = new QSpinBox;
    d->timeout->setRange(1, 3600);
    d->timeout->setSuffix(tr(" s"));
    d->timeout->setValue(
        stored.value(kGroup + QStringLiteral("timeoutS"), defaults.client.idleTimeoutMs / 1000).toInt());
    d->timeout->setToolTip(tr("The longest wait for the next bytes of the answer (a model load comes first)"));
    auto* languageRow = new QHBoxLayout;
    languageRow->addWidget(d->language, 1);
    languageRow->addWidget(new QLabel(tr("Timeout:")));
    languageRow->addWidget(d->timeout);
    form->addRow(tr("Language:"), languageRow);
    layout->addLayout(form);

    auto* prompts = new QTabWidget;
    d->analystPrompt = new QPlainTextEdit(
        stored.value(kGroup + QStringLiteral("analystPrompt"), q(defaults.analyst.prompt)).toString());
    d->writerPrompt = new QPlainTextEdit(
        stored.value(kGroup + QStringLiteral("writerPrompt"), q(defaults.writer.prompt)).toString());
    prompts->addTab(d->analystPrompt, q(defaults.analyst.name));
    prompts->addTab(d->writerPrompt, q(defaults.writer.name));
    prompts->setMaximumHeight(140);
    layout->addWidget(prompts);
    auto* reset = new QPushButton(tr("Reset prompts"));
    reset->setToolTip(tr("Back to the two presets of the earlier agent"));

    auto* buttons = new QHBoxLayout;
    d->generate = new QPushButton(tr("&Generate"));
    d->cancel = new QPushButton(tr("Cancel"));
    d->cancel->setEnabled(false);
    d->progress = new QProgressBar;
    d->progress->setRange(0, 1);
    d->progress->setValue(0);
    d->progress->setTextVisible(false);
    buttons->addWidget(d->generate);
    buttons->addWidget(d->cancel);
    buttons->addWidget(d->progress, 1);
    buttons->addWidget(reset);
    layout->addLayout(buttons);
    d->status = new QLabel(tr("The narrative is written by a local model from the report's facts only, and checked "
                              "against them before it is used."));
    d->status->setWordWrap(true);
    layout->addWidget(d->status);
    d->output = new QTextEdit;
    d->output->setReadOnly(true);
    layout->addWidget(d->output, 1);
    d->metrics = new QLabel;
    d->metrics->setWordWrap(true);
    d->metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(d->metrics);
    d->include = new QCheckBox(tr("&Include the narrative in the export"));
    d->include->setEnabled(false);
    layout->addWidget(d->include);

    d->runner = new NarrativeRunner(this);
    d->facts = new JobTracker(this);
    connect(d->runner, &NarrativeRunner::stageChanged, d->status, &QLabel::setText);
    connect(d->runner, &NarrativeRunner::chunk, this, [this](NarrativeRoleKind role, const QString& text) {
        QTextCursor c(d->output->document());
        c.movePosition(QTextCursor::End);
        if (role != d->streamingRole) {
            d->streamingRole = role;
            const NarrativeSettings s = settings();
            const bool writer = role == NarrativeRoleKind::Writer;
            c.insertText((writer ? QStringLiteral("\n\n") : QString()) + q(writer ? s.writer.name : s.analyst.name)
                + QStringLiteral(":\n"));
        }
        c.insertText(text);
        d->streamedChars += size_t(text.size());
        d->progress->setFormat(tr("%n characters", nullptr, int(d->streamedChars)));
        d->progress->setTextVisible(true);
    });
    connect(d->runner, &NarrativeRunner::finished, this, [this] {
        d->result = d->runner->result();
        d->generate->setEnabled(true);
        d->cancel->setEnabled(false);
        d->progress->setRange(0, 1);
        d->progress->setValue(1);
        d->progress->setTextVisible(false);
        showResult();
        emit finished();
    });
    connect(d->generate, &QPushButton::clicked, this, &NarrativePanel::generate);
    connect(d->cancel, &QPushButton::clicked, this, &NarrativePanel::cancel);
    connect(d->refresh, &QPushButton::clicked, this, &NarrativePanel::refreshModels);
    connect(d->endpoint, &QLineEdit::textChanged, this, &NarrativePanel::updateEndpointNote);
    connect(d->allowRemote, &QCheckBox::toggled, this, &NarrativePanel::updateEndpointNote);
    connect(reset, &QPushButton::clicked, this, [this] {
        const NarrativeSettings presets;
        d->analystPrompt->setPlainText(q(presets.analyst.prompt));
        d->writerPrompt->setPlainText(q(presets.writer.prompt));
    });
    updateEndpointNote();
}

NarrativePanel::~NarrativePanel() = default;

void NarrativePanel::setReport(std::shared_ptr<const Dataset> dataset, std::shared_ptr<const ReportDocument> doc)
{
    d->dataset = std::move(dataset);
    d->doc = std::move(doc);
}

NarrativeSettings NarrativePanel::settings() const
{
    NarrativeSettings s;
    if (auto e = parseOllamaHost(d->endpoint->text().toStdString()))
        s.client.endpoint = std::move(e).value();
    s.client.idleTimeoutMs = d->timeout->value() * 1000;
    s.client.connectTimeoutMs = std::min(s.client.connectTimeoutMs, s.client.idleTimeoutMs);
    s.model = d->model->currentText().trimmed().toStdString();
    s.options = parseOptions(d->options->text(), nullptr);
    if (const auto l = narrativeLanguage(d->language->currentData().toString().toStdString()))
        s.language = *l;
    s.analyst.prompt = d->analystPrompt->toPlainText().toStdString();
    s.writer.prompt = d->writerPrompt->toPlainText().toStdString();
    s.allowRemote = d->allowRemote->isChecked();
    return s;
}

const NarrativeResult* NarrativePanel::result() const
{
    return d->result ? &*d->result : nullptr;
}

bool NarrativePanel::includeInExport() const
{
    return d->include->isEnabled() && d->include->isChecked() && d->result;
}

void NarrativePanel::setIncludeInExport(bool include)
{
    d->include->setChecked(include);
}

bool NarrativePanel::isRunning() const
{
    return d->runner->isRunning();
}

QLineEdit* NarrativePanel::endpointEdit() const
{
    return d->endpoint;
}
QComboBox* NarrativePanel::modelBox() const
{
    return d->model;
}
QLineEdit* NarrativePanel::optionsEdit() const
{
    return d->options;
}
QTextEdit* NarrativePanel::output() const
{
    return d->output;
}
QLabel* NarrativePanel::statusLabel() const
{
    return d->status;
}
QLabel* NarrativePanel::metricsLabel() const
{
    return d->metrics;
}

void NarrativePanel::saveSettings() const
{
    QSettings s;
    s.setValue(kGroup + QStringLiteral("endpoint"), d->endpoint->text());
    s.setValue(kGroup + QStringLiteral("allowRemote"), d->allowRemote->isChecked());
    s.setValue(kGroup + QStringLiteral("model"), d->model->currentText());
    s.setValue(kGroup + QStringLiteral("options"), d->options->text());
    s.setValue(kGroup + QStringLiteral("language"), d->language->currentData());
    s.setValue(kGroup + QStringLiteral("timeoutS"), d->timeout->value());
    s.setValue(kGroup + QStringLiteral("analystPrompt"), d->analystPrompt->toPlainText());
    s.setValue(kGroup + QStringLiteral("writerPrompt"), d->writerPrompt->toPlainText());
}

void NarrativePanel::updateEndpointNote()
{
    const auto e = parseOllamaHost(d->endpoint->text().toStdString());
    if (!e) {
        d->endpointNote->setText(q(e.error()));
    } else if (!e.value().isLoopback()) {
        d->endpointNote->setText(d->allowRemote->isChecked()
                ? tr("Remote host: the report's facts will be sent to %1, which is not this machine.")
                      .arg(q(e.value().url()))
                : tr("%1 is not this machine: facts are only sent there with 'Allow a remote host'.")
                      .arg(q(e.value().url())));
    } else {
        d->endpointNote->setText(tr("This machine (loopback): the facts stay here."));
    }
}

void NarrativePanel::refreshModels()
{
    if (d->models && d->models->isBusy())
        return;
    delete d->models;
    d->models = new OllamaClient(settings().client, this);
    d->refresh->setEnabled(false);
    connect(d->models, &OllamaClient::modelsFinished, this, [this](const QStringList& models, const QString& error) {
        d->refresh->setEnabled(true);
        if (!error.isEmpty()) {
            d->status->setText(tr("Models could not be listed: %1").arg(error));
        } else {
            const QString current = d->model->currentText();
            d->model->clear();
            d->model->addItems(models);
            d->model->setCurrentText(current.isEmpty() && !models.isEmpty() ? models.front() : current);
            d->status->setText(tr("%n model(s) on the server.", nullptr, int(models.size())));
        }
        emit modelsRefreshed();
    });
    d->models->requestModels();
}

void NarrativePanel::generate()
{
    if (d->runner->isRunning())
        return;
    QString optionError;
    parseOptions(d->options->text(), &optionError);
    const auto endpoint = parseOllamaHost(d->endpoint->text().toStdString());
    if (!endpoint || !optionError.isEmpty()) {
        d->status->setText(endpoint ? optionError : q(endpoint.error()));
        return;
    }
    if (!d->dataset || !d->doc) {
        d->status->setText(tr("Open a folder first: the narrative is written from its report."));
        return;
    }
    saveSettings();
    d->output->clear();
    d->metrics->clear();
    d->streamingRole.reset();
    d->streamedChars = 0;
    d->generate->setEnabled(false);
    d->cancel->setEnabled(true);
    d->progress->setRange(0, 0); // busy until the first characters
    d->status->setText(tr("Collecting the facts…"));
    // The facts are gathered on the thread pool (a large report has many rows), then the runner streams.
    // A second Generate while they are gathered drops the first one's facts.
    d->facts->startJob(
        [dataset = d->dataset, doc = d->doc](const JobTracker::CancelFlag&) {
            return std::make_shared<const FactSheet>(buildFactSheet(*dataset, *doc));
        },
        [this](std::shared_ptr<const FactSheet> facts) { d->runner->start(settings(), std::move(facts)); });
}

void NarrativePanel::cancel()
{
    d->runner->cancel();
}

// The finished run: each role's text with unverified sentences highlighted (their reasons as tooltips), the
// status, and the metrics.
void NarrativePanel::showResult()
{
    const NarrativeResult& r = *d->result;
    d->include->setEnabled(true);
    d->output->clear();
    QTextCursor c(d->output->document());
    QTextCharFormat plain;
    QTextCharFormat heading;
    heading.setFontWeight(QFont::Bold);
    QTextCharFormat flagged;
    flagged.setBackground(QColor(255, 214, 153)); // amber: unverified
    QTextCharFormat foreign;
    foreign.setBackground(QColor(255, 179, 179)); // red: not in the language
    QStringList metrics;
    for (const auto& role : r.roles) {
        c.insertText(q(role.role.name + " (" + role.role.title + ")")
                + (role.call.ok() ? QStringLiteral(": ") + q(role.check.statusText()) : QString())
                + QStringLiteral("\n"),
            heading);
        const std::string& text = role.call.content;
        size_t at = 0;
        const auto& sentences = role.check.sentences;
        for (const auto& s : sentences) {
            if (s.begin > at)
                c.insertText(q(text.substr(at, s.begin - at)), plain);
            QTextCharFormat f = s.reasons.empty() ? plain : s.foreign ? foreign : flagged;
            if (!s.reasons.empty()) {
                QStringList reasons;
                for (const auto& reason : s.reasons)
                    reasons << q(reason);
                f.setToolTip(reasons.join(QStringLiteral("; ")));
            }
            c.insertText(q(text.substr(s.begin, s.end - s.begin)), f);
            at = s.end;
        }
        if (at < text.size())
            c.insertText(q(text.substr(at)), plain);
        if (!role.check.strayPrefix.empty())
            c.insertText(tr("\n[starts with stray tokens '%1']").arg(q(role.check.strayPrefix)), flagged);
        c.insertText(QStringLiteral("\n\n"), plain);
        const auto& m = role.call.metrics;
        if (m.haveStats) {
            const auto tps = m.tokensPerSecond();
            metrics << tr("%1: TTFT %2 ms, %3 tok/s, total %4 ms, load %5 ms, prompt eval %6 ms, eval %7 ms, %8 "
                          "tokens")
                           .arg(q(role.role.name), m.ttftMs ? QString::number(*m.ttftMs, 'f', 1) : QStringLiteral("-"),
                               tps ? QString::number(*tps, 'f', 2) : QStringLiteral("-"),
                               QString::number(m.totalMs(), 'f', 1), QString::number(m.loadMs(), 'f', 1),
                               QString::number(m.promptEvalMs(), 'f', 1), QString::number(m.evalMs(), 'f', 1))
                           .arg(m.stats.evalCount);
        }
    }
    if (r.remote)
        metrics << tr("Sent to the remote host %1.").arg(q(r.endpoint));
    d->metrics->setText(metrics.join(QStringLiteral("\n")));
    d->status->setText(r.skipped
            ? tr("The narrative was skipped: %1").arg(q(r.skipReason))
            : tr("Narrative %1 (options: %2).").arg(q(r.statusText()), q(ollamaOptionsText(r.options))));
}

} // namespace benchlens
