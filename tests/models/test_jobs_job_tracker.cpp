// The job tracker (models/jobs/job_tracker.h): a newer job's start drops the older one's result, the cancel flag
// reaches the job, invalidate() drops a result, and nothing is delivered after the tracker is gone. Results arrive
// through a receiver's objectName (QObject::objectNameChanged is the signal the spies wait on).
#include "models/jobs/job_tracker.h"

#include <QSignalSpy>

#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <memory>
#include <thread>

using namespace benchlens;

namespace {

constexpr int kWaitMs = 60000; // generous: the machine is shared

// A gate a job waits at until the test opens it, or until the job's cancel flag is raised (bounded either way).
struct Gate
{
    std::atomic<bool> open {false};
    std::atomic<bool> entered {false};
    std::atomic<bool> sawCancel {false};

    // Returns whether the cancel flag was seen.
    bool wait(const JobTracker::CancelFlag& cancel)
    {
        entered = true;
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(kWaitMs);
        while (!open && std::chrono::steady_clock::now() < until) {
            if (cancel) {
                sawCancel = true;
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return false;
    }
};

// Busy-waits (with the event loop idle) until `flag`, at most kWaitMs.
bool waitFor(const std::atomic<bool>& flag)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(kWaitMs);
    while (!flag && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return flag;
}

// Each test's tracker, the receiver whose objectName takes the results, and a gate for the jobs.
class JobTrackerTest : public ::testing::Test
{
protected:
    JobTracker tracker;
    QObject receiver;
    QSignalSpy delivered {&receiver, &QObject::objectNameChanged};
    std::shared_ptr<Gate> gate = std::make_shared<Gate>();
};

} // namespace

TEST_F(JobTrackerTest, DeliversAResultOnTheTrackersThread)
{
    std::atomic<bool> ranElsewhere {false};
    const auto gui = std::this_thread::get_id();
    tracker.startJob(
        [&ranElsewhere, gui](const JobTracker::CancelFlag&) {
            ranElsewhere = std::this_thread::get_id() != gui;
            return 6 * 7;
        },
        [&receiver = receiver, gui](int value) {
            EXPECT_EQ(std::this_thread::get_id(), gui);
            receiver.setObjectName(QString::number(value));
        });
    EXPECT_TRUE(tracker.isRunning());
    ASSERT_TRUE(delivered.wait(kWaitMs));
    EXPECT_EQ(receiver.objectName(), QStringLiteral("42"));
    EXPECT_TRUE(ranElsewhere);
    EXPECT_FALSE(tracker.isRunning());
}

TEST_F(JobTrackerTest, ANewerJobDropsTheStaleResultAndTheNewestWins)
{
    std::atomic<int> runs {0};
    const auto set = [&receiver = receiver](const QString& value) { receiver.setObjectName(value); };
    tracker.startJob(
        [gate = gate, &runs](const JobTracker::CancelFlag& cancel) {
            ++runs;
            gate->wait(cancel);
            return QStringLiteral("first");
        },
        set);
    ASSERT_TRUE(waitFor(gate->entered));
    // Two newer jobs while the first runs: the first is asked to stop, the second waits and is replaced by the third.
    tracker.startJob(
        [&runs](const JobTracker::CancelFlag&) {
            ++runs;
            return QStringLiteral("second");
        },
        set);
    tracker.startJob(
        [&runs](const JobTracker::CancelFlag&) {
            ++runs;
            return QStringLiteral("third");
        },
        set);
    ASSERT_TRUE(delivered.wait(kWaitMs));
    EXPECT_TRUE(gate->sawCancel);
    EXPECT_EQ(receiver.objectName(), QStringLiteral("third"));
    EXPECT_EQ(delivered.size(), 1); // "first" ended before "third" started, and was not delivered
    EXPECT_EQ(runs, 2); // the replaced waiting job never ran
    EXPECT_FALSE(tracker.isRunning());
}

TEST_F(JobTrackerTest, CancelIsSeenByTheJobAndItsResultStillArrives)
{
    tracker.startJob([gate = gate](const JobTracker::CancelFlag& cancel) { return gate->wait(cancel); },
        [&receiver = receiver](bool sawCancel) {
            receiver.setObjectName(sawCancel ? QStringLiteral("cancelled") : QStringLiteral("ran out"));
        });
    ASSERT_TRUE(waitFor(gate->entered));
    tracker.cancel();
    ASSERT_TRUE(delivered.wait(kWaitMs));
    EXPECT_EQ(receiver.objectName(), QStringLiteral("cancelled"));
}

TEST_F(JobTrackerTest, InvalidateDropsTheResultInFlightAndLaterJobsRun)
{
    const auto set = [&receiver = receiver](const QString& value) { receiver.setObjectName(value); };
    tracker.startJob(
        [gate = gate](const JobTracker::CancelFlag& cancel) {
            gate->wait(cancel);
            return QStringLiteral("dropped");
        },
        set);
    ASSERT_TRUE(waitFor(gate->entered));
    tracker.invalidate();
    ASSERT_TRUE(waitFor(gate->sawCancel));
    // The next job starts only after the invalidated one has ended, so its result is the only one delivered.
    tracker.startJob([](const JobTracker::CancelFlag&) { return QStringLiteral("kept"); }, set);
    ASSERT_TRUE(delivered.wait(kWaitMs));
    EXPECT_EQ(receiver.objectName(), QStringLiteral("kept"));
    EXPECT_EQ(delivered.size(), 1);
}

TEST(JobTracker, NothingIsDeliveredAfterTheTrackerIsGone)
{
    QObject receiver;
    QSignalSpy delivered(&receiver, &QObject::objectNameChanged);
    const auto gate = std::make_shared<Gate>();
    {
        JobTracker tracker;
        tracker.startJob([gate = gate](const JobTracker::CancelFlag& cancel) { return gate->wait(cancel); },
            [&receiver = receiver](bool) { receiver.setObjectName(QStringLiteral("late")); });
        ASSERT_TRUE(waitFor(gate->entered));
    } // the destructor raises the flag and waits for the job
    EXPECT_TRUE(gate->sawCancel);
    EXPECT_FALSE(delivered.wait(200)); // a delivery posted by the worker is discarded with the tracker
    EXPECT_TRUE(receiver.objectName().isEmpty());
}
