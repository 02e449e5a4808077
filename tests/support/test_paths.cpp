#include "tests/support/test_paths.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <fstream>
#include <sstream>

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

} // namespace benchlens::test
