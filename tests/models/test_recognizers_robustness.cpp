// Every recognizer on damaged input: each public corpus file cut at many points (a benchmark still writing, a
// truncated download) and with bytes flipped. Recognition must not throw or read out of bounds (run under the
// asan preset), and what it extracts must be internally consistent (indices in range).
#include "tests/support/extract_view.h"
#include "tests/support/test_paths.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace benchlens;
using namespace benchlens::test;

namespace {
void expectConsistent(const FileExtract& e, const std::string& what)
{
    for (const auto& r : e.records)
        ASSERT_LT(r.group, e.groups.size()) << what;
    for (const auto& v : e.values) {
        ASSERT_LT(v.record, e.records.size()) << what;
        ASSERT_LT(v.metric, e.metrics.size()) << what;
        ASSERT_TRUE(v.pointer == Locator::kNone || v.pointer < e.pointers.size()) << what;
        ASSERT_TRUE(v.key == Locator::kNone || v.key < e.keys.size()) << what;
    }
    for (const auto& r : e.reported) {
        ASSERT_LT(r.group, e.groups.size()) << what;
        ASSERT_LT(r.metric, e.metrics.size()) << what;
        (void)e.locatorText(r.locator);
    }
}
} // namespace

TEST(RecognizerRobustness, TruncatedAndCorruptedCorpusFiles)
{
    size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(sharedDir() + "/corpus/public")) {
        if (!entry.is_regular_file())
            continue;
        ++files;
        const std::string relative = std::filesystem::relative(entry.path(), sharedDir() + "/corpus/public").string();
        const std::string bytes = readFile(entry.path().string());
        for (int cut = 1; cut <= 16; ++cut) {
            const std::string part = bytes.substr(0, bytes.size() * size_t(cut) / 17);
            const std::string what = relative + " cut at " + std::to_string(part.size());
            FileExtract e;
            ASSERT_NO_THROW(e = recognizeBytes(relative, part)) << what;
            expectConsistent(e, what);
        }
        std::string flipped = bytes;
        for (size_t i = 7; i < flipped.size(); i += 97)
            flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
        FileExtract e;
        ASSERT_NO_THROW(e = recognizeBytes(relative, flipped)) << relative;
        expectConsistent(e, relative + " corrupted");
    }
    EXPECT_GE(files, 30u);
}
