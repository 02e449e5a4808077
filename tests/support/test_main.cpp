// The one test main of every test executable: offscreen Qt platform unless set, settings in a temporary folder
// (never the user's), the application object the executable needs, then GoogleTest. The GUI tests are built with
// BENCHLENS_TEST_QAPPLICATION (a QApplication for widgets); the others get a QCoreApplication.
#ifdef BENCHLENS_TEST_QAPPLICATION
#include <QApplication>
#else
#include <QCoreApplication>
#endif
#include <QTemporaryDir>

#include <cstdlib>
#include <gtest/gtest.h>

namespace {
#ifdef BENCHLENS_TEST_QAPPLICATION
using TestApplication = QApplication;
#else
using TestApplication = QCoreApplication;
#endif
} // namespace

int main(int argc, char** argv)
{
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QTemporaryDir config;
    setenv("XDG_CONFIG_HOME", config.path().toLocal8Bit().constData(), 1);
    TestApplication app(argc, argv);
    TestApplication::setOrganizationName(QStringLiteral("BenchLensTest"));
    TestApplication::setApplicationName(QStringLiteral("BenchLensTest"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
