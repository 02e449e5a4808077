#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/ingest/scanner.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>

using namespace benchlens;

namespace {
void write(const QString& path, const std::string& contents)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    std::ofstream(path.toStdString(), std::ios::binary) << contents;
}

// Every path with its size and modification time, to prove nothing was written.
std::map<QString, std::pair<qint64, qint64>> snapshot(const QString& root)
{
    std::map<QString, std::pair<qint64, qint64>> out;
    QDirIterator it(
        root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        out[fi.filePath()] = {fi.size(), fi.lastModified().toMSecsSinceEpoch()};
    }
    return out;
}
} // namespace

TEST(Scanner, SkipsHiddenAndVcsFoldersAndSurvivesSymlinkLoops)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString root = dir.path();
    write(root + QStringLiteral("/a/runs.csv"), "model,tokens_s\nm,1\n");
    write(root + QStringLiteral("/.git/config"), "[core]\n");
    write(root + QStringLiteral("/.hidden.csv"), "x\n");
    write(root + QStringLiteral("/b/notes.txt"), "hello\n");
    std::filesystem::create_directory_symlink(
        (root + QStringLiteral("/a")).toStdString(), (root + QStringLiteral("/a/loop")).toStdString());
    std::filesystem::create_directory_symlink(root.toStdString(), (root + QStringLiteral("/b/up")).toStdString());

    const auto scanned = scanFolder(root.toStdString());
    ASSERT_TRUE(scanned.ok());
    std::vector<std::string> paths;
    for (const auto& f : scanned.value().files)
        paths.push_back(f.relativePath);
    EXPECT_EQ(paths, (std::vector<std::string> {"a/runs.csv", "b/notes.txt"}));
    EXPECT_EQ(scanned.value().problems.size(), 2u); // both links lead to folders already walked
}

TEST(Scanner, MissingFolderIsAnError)
{
    const auto scanned = scanFolder("/nonexistent/benchlens/folder");
    ASSERT_FALSE(scanned.ok());
    EXPECT_NE(scanned.error().find("/nonexistent/benchlens/folder"), std::string::npos);
}

TEST(Ingest, BadFilesBecomeDiagnosticsAndNothingIsWritten)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString root = dir.path();
    write(root + QStringLiteral("/good.csv"), "model,tokens_s,ttft_s\nm1,10,0.1\nm1,12,0.2\n");
    write(root + QStringLiteral("/broken.json"), "{\"model\": \"m1\", \"results\": [");
    write(root + QStringLiteral("/utf16.csv"), std::string("\xFF\xFEx\0y\0", 6));
    write(root + QStringLiteral("/image.png"), std::string("\x89PNG\r\n\x1a\n", 8));
    const auto before = snapshot(root);

    const auto result = ingestFolder(root.toStdString());
    ASSERT_TRUE(result.ok());
    const Dataset& ds = *result.value();
    EXPECT_EQ(ds.inventory.files, 4u);
    EXPECT_EQ(ds.inventory.byType[static_cast<int>(FileType::Other)], 1u);
    ASSERT_EQ(ds.variants.size(), 1u);
    EXPECT_EQ(ds.variants[0].id, "m1");
    EXPECT_EQ(ds.variants[0].observations, 2u);
    std::map<std::string, std::string> errors;
    for (const auto& d : ds.diagnostics) {
        if (d.severity == Severity::Error)
            errors[d.file] = d.message;
    }
    EXPECT_EQ(errors.size(), 2u);
    EXPECT_NE(errors["broken.json"].find("malformed JSON"), std::string::npos);
    EXPECT_NE(errors["utf16.csv"].find("UTF-16"), std::string::npos);
    EXPECT_EQ(snapshot(root), before);
}

TEST(Ingest, ResultDoesNotDependOnThreadCount)
{
    IngestOptions oneThread;
    oneThread.threads = 1;
    IngestOptions fourThreads;
    fourThreads.threads = 4;
    const auto one = ingestFolder(test::sampleDir(), oneThread);
    const auto four = ingestFolder(test::sampleDir(), fourThreads);
    ASSERT_TRUE(one.ok() && four.ok());
    const Dataset& a = *one.value();
    const Dataset& b = *four.value();
    ASSERT_EQ(a.samples.size(), b.samples.size());
    EXPECT_EQ(a.samples.value, b.samples.value);
    EXPECT_EQ(a.samples.variant, b.samples.variant);
    ASSERT_EQ(a.variants.size(), b.variants.size());
    for (size_t i = 0; i < a.variants.size(); ++i)
        EXPECT_EQ(a.variants[i].id, b.variants[i].id);
}
