#include "ui/mapping_menu.h"

#include "models/data/dataset.h"
#include "ui/selection_hub.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>

#include <algorithm>

namespace benchlens {

namespace {
constexpr int kMaxNamesShown = 30;

QString ruleJson(const QString& column, const QJsonObject& fields)
{
    QJsonObject rule = fields;
    rule.insert(QStringLiteral("column"), column);
    return QString::fromUtf8(QJsonDocument(rule).toJson(QJsonDocument::Compact));
}

void addColumnActions(QMenu* menu, SelectionHub* hub, const QString& column, bool mapped)
{
    // The metrics people most often have to name by hand, each in the unit its values are commonly written in.
    static const struct
    {
        const char* label;
        const char* metric;
        const char* unit;
    } metrics[] = {
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as throughput (tok/s)"), "throughput_tok_s", "tok/s"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as time to first token (ms)"), "ttft_ms", "ms"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as time to first token (s)"), "ttft_ms", "s"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as latency (ms)"), "latency_ms", "ms"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as latency (s)"), "latency_ms", "s"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as load time (s)"), "load_ms", "s"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as requests per second (req/s)"), "request_throughput_req_s", "req/s"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as memory (MB)"), "memory_mb", "MB"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as memory (GB)"), "memory_mb", "GB"},
        {QT_TRANSLATE_NOOP("MappingMenu", "Treat as success rate (%)"), "success_rate", "%"},
    };
    for (const auto& m : metrics) {
        const QString json = ruleJson(column,
            {{QStringLiteral("metric"), QString::fromLatin1(m.metric)},
                {QStringLiteral("unit"), QString::fromUtf8(m.unit)}});
        menu->addAction(QCoreApplication::translate("MappingMenu", m.label), menu,
            [hub, column, json] { hub->requestMapRule(column, json); });
    }
    menu->addSeparator();
    const auto add = [&](const QString& label, const char* action) {
        const QString json = ruleJson(column, {{QStringLiteral("action"), QString::fromLatin1(action)}});
        menu->addAction(label, menu, [hub, column, json] { hub->requestMapRule(column, json); });
    };
    add(QMenu::tr("This is a parameter"), "parameter");
    add(QMenu::tr("The model is in this column"), "model");
    add(QMenu::tr("Ignore"), "ignore");
    if (mapped) {
        menu->addSeparator();
        menu->addAction(QMenu::tr("Forget my mapping"), menu, [hub, column] { hub->requestMapRule(column, {}); });
    }
}
} // namespace

void addMappingMenu(QMenu& menu, SelectionHub* hub, int file)
{
    const Dataset* ds = hub->dataset();
    if (!ds || file < 0 || size_t(file) >= ds->files.size())
        return;
    const SourceFile& f = ds->files[size_t(file)];
    // The names nothing was read from first: those are the ones a user most often has to explain.
    std::vector<std::string> names = f.extract.unplacedNames;
    for (const auto& k : f.extract.keys) {
        if (std::find(names.begin(), names.end(), k) == names.end())
            names.push_back(k);
    }
    if (names.empty())
        return;
    QMenu* sub = menu.addMenu(QMenu::tr("Map a column of this file"));
    const int shown = std::min<int>(kMaxNamesShown, int(names.size()));
    for (int i = 0; i < shown; ++i) {
        const QString column = QString::fromStdString(names[size_t(i)]);
        const bool mapped = ds->userMap.find(names[size_t(i)], f.path) >= 0;
        QMenu* columnMenu = sub->addMenu(mapped ? QMenu::tr("%1 (mapped)").arg(column) : column);
        columnMenu->setObjectName(column); // for tests and accessibility: the exact source name
        addColumnActions(columnMenu, hub, column, mapped);
    }
    if (int(names.size()) > shown)
        sub->addAction(QMenu::tr("… %n more (use File > Load Mapping…)", nullptr, int(names.size()) - shown))
            ->setEnabled(false);
}

} // namespace benchlens
