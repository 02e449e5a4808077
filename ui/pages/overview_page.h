#pragma once

#include <QString>
#include <QWidget>

#include <vector>

class QTextBrowser;
class QUrl;

namespace benchlens {

class SelectionHub;

// One line of the Overview: what it says (plain text), the view that shows it (a MainWindow::showView name) and the
// variant to select there first (-1: none).
struct OverviewEntry
{
    enum class Section
    {
        Holds, // what the folder holds
        Headline // the headline results, with their n and uncertainty
    };
    Section section = Section::Holds;
    QString text;
    QString view;
    int variant = -1;
};

// The page the window opens on: what the folder holds (models, variants, runs, files, failures, files not
// understood) and the headline results (the fastest and the lowest-latency variant measured at least 3 times, the
// best configuration per model, cold starts), each line a link to the view that shows it. Every number comes from the
// functions the report uses (stats/headlines.h, computeFindings), read from the hub's folder.
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(SelectionHub* hub, QWidget* parent = nullptr);
    ~OverviewPage() override;

    const std::vector<OverviewEntry>& entries() const { return m_entries; }
    QTextBrowser* browser() const { return m_browser; }
    // Follows entries()[i]'s link: selects its variant, then asks for its view.
    void openEntry(size_t i);

signals:
    void viewRequested(const QString& view);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void render();
    void onLink(const QUrl& url);

    SelectionHub* m_hub;
    QTextBrowser* m_browser;
    std::vector<OverviewEntry> m_entries;
};

} // namespace benchlens
