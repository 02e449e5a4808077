#include "models/export/sqlite_export.h"

#include "models/export/data_export.h"
#include "models/report/output_file.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QVariant>

#include <cstdio>
#include <set>

namespace benchlens {

namespace {

QString identifier(const std::string& name)
{
    QString q = QString::fromStdString(name);
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString literal(const std::string& text)
{
    QString q = QString::fromStdString(text);
    q.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

QVariant variantOf(const ExportCell& cell)
{
    if (const auto* i = std::get_if<int64_t>(&cell))
        return QVariant::fromValue(static_cast<qlonglong>(*i));
    if (const auto* d = std::get_if<double>(&cell))
        return QVariant(*d);
    if (const auto* s = std::get_if<std::string>(&cell))
        return QVariant(QString::fromStdString(*s));
    return QVariant(QMetaType::fromType<QString>()); // a typed null binds as SQL NULL
}

const char* sqlType(ExportColumnType type)
{
    switch (type) {
    case ExportColumnType::Integer:
        return "INTEGER";
    case ExportColumnType::Real:
        return "REAL";
    case ExportColumnType::Text:
        return "TEXT";
    }
    return "TEXT";
}

// The indices of each table: the columns queries select and group by.
std::vector<std::string> indexedColumns(const std::string& table)
{
    if (table == "observations")
        return {"metric", "variant", "model", "file", "run"};
    if (table == "statistics" || table == "reported")
        return {"metric", "variant"};
    if (table == "files")
        return {"run"};
    if (table == "diagnostics")
        return {"file", "severity"};
    return {};
}

Status fill(QSqlDatabase& db, const std::vector<ExportTable>& tables, const std::vector<std::string>& metrics)
{
    QSqlQuery q(db);
    const auto run = [&q](const QString& sql) -> Status {
        if (!q.exec(sql))
            return Error {"SQLite: " + q.lastError().text().toStdString() + " in " + sql.toStdString()};
        return Ok {};
    };
    // Atomicity comes from the rename: the temporary database needs no journal.
    for (const char* pragma : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF"}) {
        if (const Status s = run(QString::fromLatin1(pragma)); !s)
            return s;
    }
    if (!db.transaction())
        return Error {"SQLite: " + db.lastError().text().toStdString()};
    for (const ExportTable& t : tables) {
        QString create = QStringLiteral("CREATE TABLE ") + identifier(t.name) + QStringLiteral(" (");
        QString insert = QStringLiteral("INSERT INTO ") + identifier(t.name) + QStringLiteral(" VALUES (");
        for (size_t c = 0; c < t.columns.size(); ++c) {
            create += (c ? QStringLiteral(", ") : QString()) + identifier(t.columns[c].name) + QLatin1Char(' ')
                + QString::fromLatin1(sqlType(t.columns[c].type));
            insert += c ? QStringLiteral(", ?") : QStringLiteral("?");
        }
        if (const Status s = run(create + QLatin1Char(')')); !s)
            return s;
        QSqlQuery ins(db);
        if (!ins.prepare(insert + QLatin1Char(')')))
            return Error {"SQLite: " + ins.lastError().text().toStdString()};
        std::vector<ExportCell> cells(t.columns.size());
        for (size_t r = 0; r < t.rowCount; ++r) {
            t.fillRow(r, cells);
            for (size_t c = 0; c < cells.size(); ++c)
                ins.bindValue(static_cast<int>(c), variantOf(cells[c]));
            if (!ins.exec())
                return Error {"SQLite: " + ins.lastError().text().toStdString()};
        }
        for (const std::string& column : indexedColumns(t.name)) {
            const std::string index = t.name + "_" + column;
            if (const Status s = run(QStringLiteral("CREATE INDEX ") + identifier(index) + QStringLiteral(" ON ")
                    + identifier(t.name) + QStringLiteral(" (") + identifier(column) + QLatin1Char(')'));
                !s)
                return s;
        }
        if (t.name != "observations")
            continue;
        // A view per metric: SELECT * FROM metric_ttft_ms.
        std::set<std::string> present;
        if (q.exec(QStringLiteral("SELECT DISTINCT metric FROM observations"))) {
            while (q.next())
                present.insert(q.value(0).toString().toStdString());
        }
        for (const std::string& metric : metrics) {
            if (!present.count(metric))
                continue;
            if (const Status s = run(QStringLiteral("CREATE VIEW ") + identifier("metric_" + metric)
                    + QStringLiteral(" AS SELECT * FROM observations WHERE metric = ") + literal(metric));
                !s)
                return s;
        }
    }
    if (!db.commit())
        return Error {"SQLite: " + db.lastError().text().toStdString()};
    return Ok {};
}
} // namespace

Status writeSqliteExport(const std::vector<ExportTable>& tables, const std::vector<std::string>& metrics,
    const std::string& path, const std::string& inputRoot)
{
    if (isInside(path, inputRoot))
        return Error {
            path + ": refusing to write inside the input folder " + inputRoot + "; choose another output path"};
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Error {"cannot write SQLite: Qt's SQLite driver is not installed (Debian package libqt6sql6-sqlite)"};
    const QFileInfo target(QString::fromStdString(path));
    QTemporaryFile temporary(
        target.absolutePath() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".XXXXXX"));
    if (!temporary.open())
        return Error {path + ": cannot write: " + temporary.errorString().toStdString()};
    temporary.close(); // SQLite opens it by name; an empty file is an empty database
    static QAtomicInteger<int> connections;
    const QString connection = QStringLiteral("benchlens-export-%1").arg(connections.fetchAndAddRelaxed(1));
    Status filled = Ok {};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(temporary.fileName());
        if (!db.open())
            filled = Error {path + ": cannot write SQLite: " + db.lastError().text().toStdString()};
        else
            filled = fill(db, tables, metrics);
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!filled)
        return filled; // the temporary file is removed with `temporary`
    // Readable by others like any file the user writes (QTemporaryFile creates it 0600).
    temporary.setPermissions(
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (std::rename(temporary.fileName().toLocal8Bit().constData(), target.absoluteFilePath().toLocal8Bit().constData())
        != 0)
        return Error {path + ": cannot write: the temporary database could not be renamed into place"};
    temporary.setAutoRemove(false);
    return Ok {};
}

} // namespace benchlens
