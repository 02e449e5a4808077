#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace benchlens {

struct Dataset;
struct Analysis;
struct UserMap;
class JobTracker;

// What one finished ingest hands to the GUI thread: immutable, shared.
struct LoadedFolder
{
    QString root;
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const Analysis> analysis;
    double elapsedMs = 0; // ingest + analysis, wall time
};

// Runs ingestFolder + analyze on the Qt thread pool through a JobTracker: starting a new ingest cancels the one in
// flight and only the newest job's result is delivered. Progress is kept in atomics and read by the GUI when it
// wants (no signal per file). Signals are emitted on the thread that owns the job.
class IngestJob : public QObject
{
    Q_OBJECT
public:
    struct Progress
    {
        qint64 done = 0;
        qint64 total = 0;
        QString file;
    };
    struct State; // the progress a worker writes (ingest_job.cpp)

    explicit IngestJob(QObject* parent = nullptr);
    ~IngestJob() override; // cancels and waits for the job in flight

    // `map`: the user's corrections to read the folder with (copied into the job); null or empty: none.
    void start(const QString& root, const UserMap* map = nullptr);
    void cancel();
    bool isRunning() const;
    Progress progress() const;

signals:
    void started(const QString& root);
    void finished(const benchlens::LoadedFolder& folder);
    void failed(const QString& root, const QString& message);
    void cancelled(const QString& root);

private:
    std::shared_ptr<State> m_current; // the newest ingest's progress
    JobTracker* m_jobs;
};

} // namespace benchlens

Q_DECLARE_METATYPE(benchlens::LoadedFolder)
