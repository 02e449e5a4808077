#include "models/jobs/job_tracker.h"

#include <QFuture>
#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

namespace benchlens {

struct JobTracker::Job
{
    CancelFlag cancel {false};
    quint64 generation = 0;
    Work work;
};

struct JobTracker::Private
{
    quint64 generation = 0; // of the newest job; a job whose number differs when it ends is stale
    std::shared_ptr<Job> running; // on the pool
    std::shared_ptr<Job> next; // waits for `running` to end
    QFuture<void> future; // of `running`
};

JobTracker::JobTracker(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{ }

JobTracker::~JobTracker()
{
    d->next.reset();
    if (d->running) {
        d->running->cancel = true;
        // The worker posts its delivery to this object; once it is gone, Qt discards what was posted.
        d->future.waitForFinished();
    }
}

void JobTracker::start(Work work)
{
    auto job = std::make_shared<Job>();
    job->generation = ++d->generation;
    job->work = std::move(work);
    if (d->running) {
        d->running->cancel = true; // stale now: it is asked to stop and its result will be dropped
        d->next = std::move(job); // an earlier waiting job is dropped without running
        return;
    }
    launch(std::move(job));
}

void JobTracker::launch(std::shared_ptr<Job> job)
{
    d->running = job;
    d->future = QtConcurrent::run([this, job] {
        const Delivery deliver = job->work(job->cancel);
        // The destructor waits for this function, so `this` is alive here; the call below is queued to its thread.
        QMetaObject::invokeMethod(
            this, [this, job, deliver] { ended(job, deliver); }, Qt::QueuedConnection);
    });
}

void JobTracker::ended(const std::shared_ptr<Job>& job, const Delivery& deliver)
{
    d->running.reset();
    if (d->next) {
        auto next = std::move(d->next);
        launch(std::move(next));
        return; // `job` was replaced by the one just launched
    }
    if (job->generation == d->generation)
        deliver(); // setData may start another job: nothing runs now, so it launches at once
}

void JobTracker::invalidate()
{
    ++d->generation;
    d->next.reset();
    if (d->running)
        d->running->cancel = true;
}

void JobTracker::cancel()
{
    if (d->next)
        d->next->cancel = true;
    else if (d->running)
        d->running->cancel = true;
}

bool JobTracker::isRunning() const
{
    return d->running || d->next;
}

} // namespace benchlens
