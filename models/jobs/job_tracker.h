#pragma once

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace benchlens {

// Runs background work on the Qt thread pool for one owner and drops stale results (after hotspot's
// src/jobtracker.h). startJob(job, setData): `job(cancel)` runs on the pool and returns a value; `setData(value)`
// then runs on the tracker's thread, only if no newer job was started and invalidate() was not called since.
// A newer job raises the cancel flag of the one in flight; one job runs at a time: a job started while another
// runs waits for it to end (a later start replaces a waiting one, which never runs). cancel() raises the flag of
// the newest job without dropping its result, so the job can say that it stopped. Jobs must not throw. The
// destructor raises every flag and waits for the job in flight; no setData runs after it.
class JobTracker : public QObject
{
    Q_OBJECT
public:
    using CancelFlag = std::atomic<bool>;

    explicit JobTracker(QObject* parent = nullptr);
    ~JobTracker() override;

    // Job: R(const CancelFlag&), copyable; SetData: void(R), copyable. R must be movable.
    template <typename Job, typename SetData> void startJob(Job job, SetData setData)
    {
        using R = std::decay_t<std::invoke_result_t<Job&, const CancelFlag&>>;
        start([job = std::move(job), setData = std::move(setData)](const CancelFlag& cancel) mutable -> Delivery {
            auto result = std::make_shared<R>(job(cancel));
            return [setData, result]() mutable { setData(std::move(*result)); };
        });
    }

    // The results of every job started so far are dropped; the one in flight is asked to stop.
    void invalidate();
    // The newest job is asked to stop (its cancel flag is raised); its result still arrives.
    void cancel();
    // A job runs or waits to run.
    bool isRunning() const;

private:
    using Delivery = std::function<void()>; // runs setData on the tracker's thread
    using Work = std::function<Delivery(const CancelFlag&)>; // runs on the pool
    struct Job;

    void start(Work work);
    void launch(std::shared_ptr<Job> job);
    void ended(const std::shared_ptr<Job>& job, const Delivery& deliver);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
