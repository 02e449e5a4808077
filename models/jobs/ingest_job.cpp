#include "models/jobs/ingest_job.h"

#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/stats/analysis.h"
#include "models/util/stopwatch.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <mutex>

namespace benchlens {

struct IngestJob::State
{
    std::atomic<bool> cancel {false};
    std::atomic<qint64> done {0};
    std::atomic<qint64> total {0};
    std::mutex fileMutex;
    std::string file;
    quint64 generation = 0;
    QString root;
    QFuture<void> future;
};

namespace {
struct Outcome
{
    LoadedFolder folder;
    QString error;
    bool cancelled = false;
};
} // namespace

IngestJob::IngestJob(QObject* parent)
    : QObject(parent)
{ }

IngestJob::~IngestJob()
{
    if (m_current) {
        m_current->cancel = true;
        m_current->future.waitForFinished();
    }
}

void IngestJob::start(const QString& root)
{
    if (m_current)
        m_current->cancel = true; // its result will be dropped by the generation check
    auto state = std::make_shared<State>();
    state->generation = ++m_generation;
    state->root = root;
    m_current = state;

    auto* watcher = new QFutureWatcher<Outcome>(this);
    QFuture<Outcome> future = QtConcurrent::run([state]() {
        Outcome out;
        const Stopwatch watch;
        const IngestProgress progress = [state](size_t done, size_t total, std::string_view file) {
            state->done = static_cast<qint64>(done);
            state->total = static_cast<qint64>(total);
            std::lock_guard lock(state->fileMutex);
            state->file.assign(file);
        };
        // Every file's SHA-256, as `benchlens report` does: the Report view lists them for `benchlens verify`.
        IngestOptions options;
        options.hashAllFiles = true;
        // No exception leaves the worker: it would reach the GUI thread through the future and end the program.
        try {
            auto result = ingestFolder(state->root.toStdString(), options, progress, &state->cancel);
            if (state->cancel) {
                out.cancelled = true;
                return out;
            }
            if (!result) {
                out.error = QString::fromStdString(result.error());
                return out;
            }
            out.folder.root = state->root;
            out.folder.dataset = std::move(result).value();
            out.folder.analysis = std::make_shared<const Analysis>(analyze(*out.folder.dataset));
            out.folder.elapsedMs = watch.elapsedMs();
        } catch (const std::exception& e) {
            out = Outcome {};
            out.error
                = QStringLiteral("internal error while reading %1: %2").arg(state->root, QString::fromUtf8(e.what()));
        } catch (...) {
            out = Outcome {};
            out.error = QStringLiteral("internal error while reading %1").arg(state->root);
        }
        return out;
    });
    state->future = QFuture<void>(future);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, state]() {
        watcher->deleteLater();
        if (state->generation != m_generation)
            return; // a newer ingest replaced this one
        const Outcome out = watcher->result();
        if (out.cancelled)
            emit cancelled(state->root);
        else if (!out.error.isEmpty())
            emit failed(state->root, out.error);
        else
            emit finished(out.folder);
    });
    watcher->setFuture(future);
    emit started(root);
}

void IngestJob::cancel()
{
    if (m_current)
        m_current->cancel = true;
}

bool IngestJob::isRunning() const
{
    return m_current && !m_current->future.isFinished();
}

IngestJob::Progress IngestJob::progress() const
{
    Progress p;
    if (!m_current)
        return p;
    p.done = m_current->done;
    p.total = m_current->total;
    std::lock_guard lock(m_current->fileMutex);
    p.file = QString::fromStdString(m_current->file);
    return p;
}

} // namespace benchlens
