#include "models/jobs/ingest_job.h"

#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/jobs/job_tracker.h"
#include "models/stats/analysis.h"
#include "models/util/stopwatch.h"

#include <atomic>
#include <mutex>

namespace benchlens {

struct IngestJob::State
{
    std::atomic<qint64> done {0};
    std::atomic<qint64> total {0};
    std::mutex fileMutex;
    std::string file;
};

namespace {
struct Outcome
{
    LoadedFolder folder;
    QString error;
    bool cancelled = false;
};

// ingestFolder + analyze, as `benchlens report` does them; runs on the thread pool.
Outcome ingest(const QString& root, const UserMap& map, const std::shared_ptr<IngestJob::State>& state,
    const std::atomic<bool>& cancel)
{
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
    options.userMap = map;
    // No exception leaves the worker: it would reach the GUI thread through the future and end the program.
    try {
        auto result = ingestFolder(root.toStdString(), options, progress, &cancel);
        if (cancel) {
            out.cancelled = true;
            return out;
        }
        if (!result) {
            out.error = QString::fromStdString(result.error());
            return out;
        }
        out.folder.root = root;
        out.folder.dataset = std::move(result).value();
        out.folder.analysis = std::make_shared<const Analysis>(analyze(*out.folder.dataset));
        out.folder.elapsedMs = watch.elapsedMs();
    } catch (const std::exception& e) {
        out = Outcome {};
        out.error = QStringLiteral("internal error while reading %1: %2").arg(root, QString::fromUtf8(e.what()));
    } catch (...) {
        out = Outcome {};
        out.error = QStringLiteral("internal error while reading %1").arg(root);
    }
    return out;
}
} // namespace

IngestJob::IngestJob(QObject* parent)
    : QObject(parent)
    , m_jobs(new JobTracker(this))
{ }

IngestJob::~IngestJob() = default; // the tracker cancels and waits for the job in flight

void IngestJob::start(const QString& root, const UserMap* map)
{
    auto state = std::make_shared<State>();
    m_current = state;
    m_jobs->startJob([root, state, userMap = map ? *map : UserMap {}](
                         const std::atomic<bool>& cancel) { return ingest(root, userMap, state, cancel); },
        [this, root](const Outcome& out) {
            if (out.cancelled)
                emit cancelled(root);
            else if (!out.error.isEmpty())
                emit failed(root, out.error);
            else
                emit finished(out.folder);
        });
    emit started(root);
}

void IngestJob::cancel()
{
    m_jobs->cancel();
}

bool IngestJob::isRunning() const
{
    return m_jobs->isRunning();
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
