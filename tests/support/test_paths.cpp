#include "tests/support/test_paths.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

namespace benchlens::test {

std::string sharedDir()
{
    return BENCHLENS_SHARED_DIR;
}
std::string corpusDir()
{
    return sharedDir() + "/corpus/chimeraforge";
}
std::string testDataDir()
{
    return BENCHLENS_TEST_DATA_DIR;
}
std::string buildDir()
{
    return BENCHLENS_BUILD_DIR;
}
std::string sampleDir()
{
    return buildDir() + "/sample";
}
std::string binary()
{
    return BENCHLENS_BINARY;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string goldenDiff(const std::string& name, const std::string& expectedPath, const std::string& actual)
{
    const std::string actualPath = buildDir() + "/" + name + ".actual";
    std::ofstream(actualPath, std::ios::binary) << actual;
    QProcess diff;
    diff.start(QStringLiteral("diff"),
        {QStringLiteral("-u"), QString::fromStdString(expectedPath), QString::fromStdString(actualPath)});
    diff.waitForFinished(30000);
    return "golden mismatch, actual output written to " + actualPath + "\n"
        + diff.readAllStandardOutput().left(20000).toStdString();
}

bool updateGolden(const std::string& goldenPath, const std::string& actual)
{
    const char* update = std::getenv("BENCHLENS_UPDATE_GOLDEN");
    if (!update || std::string_view(update) != "1")
        return false;
    std::ofstream out(goldenPath, std::ios::binary | std::ios::trunc);
    out << actual;
    out.close();
    if (!out)
        return false; // not written: the test fails with the diff as usual
    std::cerr << "BENCHLENS_UPDATE_GOLDEN=1: rewrote " << goldenPath << "\n";
    return true;
}

} // namespace benchlens::test
