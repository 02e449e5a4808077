// The background ingest job (models/jobs): only the newest job's result arrives, a failed read says so.
#include "models/data/dataset.h"
#include "models/jobs/ingest_job.h"
#include "tests/support/test_paths.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace benchlens;

TEST(IngestJob, ANewerIngestReplacesTheOneInFlight)
{
    IngestJob job;
    QSignalSpy finished(&job, &IngestJob::finished);
    QSignalSpy failed(&job, &IngestJob::failed);
    job.start(QString::fromStdString(test::corpusDir()));
    job.start(QString::fromStdString(test::sampleDir())); // the first one is cancelled and its result dropped
    ASSERT_TRUE(finished.wait(120000));
    // Let any stale result arrive (it must not).
    QSignalSpy more(&job, &IngestJob::finished);
    EXPECT_FALSE(more.wait(500));
    ASSERT_EQ(finished.size(), 1);
    const auto folder = finished.front().front().value<LoadedFolder>();
    EXPECT_EQ(folder.root, QString::fromStdString(test::sampleDir()));
    EXPECT_EQ(folder.dataset->inventory.files, 11U);
    EXPECT_TRUE(folder.analysis);
    EXPECT_EQ(failed.size(), 0);

    job.start(QStringLiteral("/nonexistent/benchlens"));
    ASSERT_TRUE(failed.wait(60000));
}
