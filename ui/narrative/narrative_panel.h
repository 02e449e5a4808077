#pragma once

#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextEdit;

namespace benchlens {

struct Dataset;
struct ReportDocument;
struct NarrativeResult;
struct NarrativeSettings;
class NarrativeRunner;
class OllamaClient;

// The Report view's Narrative panel: endpoint, model (from /api/tags), options, language and the two role prompts
// (saved in QSettings); Generate streams both roles' text as it arrives (llm/narrative.h, asynchronous, never on
// the GUI thread's time), then shows the check: unverified sentences highlighted with their reasons, the status,
// and the calls' metrics. Whether the export includes it is the user's choice.
class NarrativePanel : public QWidget
{
    Q_OBJECT
public:
    explicit NarrativePanel(QWidget* parent = nullptr);
    ~NarrativePanel() override;

    // The report the facts come from (the Report view's current document and its data).
    void setReport(std::shared_ptr<const Dataset> dataset, std::shared_ptr<const ReportDocument> doc);
    // The settings in the widgets (what Generate uses).
    NarrativeSettings settings() const;
    // The last finished run, if any.
    const NarrativeResult* result() const;
    bool includeInExport() const;
    void setIncludeInExport(bool include);
    bool isRunning() const;

    // For tests and the screenshot mode.
    QLineEdit* endpointEdit() const;
    QComboBox* modelBox() const;
    QLineEdit* optionsEdit() const;
    QTextEdit* output() const;
    QLabel* statusLabel() const;
    QLabel* metricsLabel() const;

public slots:
    void generate();
    void cancel();
    void refreshModels();

signals:
    void finished(); // a run ended (result() holds it)
    void modelsRefreshed();

private:
    void saveSettings() const;
    void updateEndpointNote();
    void showResult();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
