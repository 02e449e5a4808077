// The number-with-unit parsers (parseNumberWithUnit, parseLeadingNumber) and the console text cleaner.
// Expected values are the written numbers read by hand.
#include "models/data/metric_catalog.h"
#include "models/util/text.h"

#include <clocale>
#include <gtest/gtest.h>

using namespace benchlens;

TEST(NumberWithUnit, WholeCellsWithUnits)
{
    struct Case
    {
        const char* cell;
        double value;
        const char* unit;
    };
    const Case cases[] = {
        {"14.65 us", 14.65, "us"},
        {"1.2 s", 1.2, "s"},
        {"3,154", 3154, ""},
        {"12.0 ms", 12, "ms"},
        {"1,234,567.5", 1234567.5, ""},
        {"3,154 tokens", 3154, "tokens"},
        {"41.42 tok/s", 41.42, "tok/s"},
        {"7 req/s", 7, "req/s"},
        {"85%", 85, "%"},
        {"85 %", 85, "%"},
        {"2 min", 2, "min"},
        {"14.65\u00b5s", 14.65, "\u00b5s"},
        {"3 \u03bcs", 3, "\u03bcs"},
        {"1.603060284s", 1.603060284, "s"},
        {"1e3 ns", 1000, "ns"},
        {"-3.5 ms", -3.5, "ms"},
        {"+5", 5, ""},
        {"  42  ", 42, ""},
        {"**7.90** tok/s", 7.9, "tok/s"},
        {"12k", 12, "k"},
        {"2.5 GB", 2.5, "GB"},
        // Go durations (Ollama --verbose): summed into seconds. 1m23.521778962s = 60 + 23.521778962.
        {"1m23.521778962s", 83.521778962, "s"},
        {"1h2m3s", 3723, "s"}, // 3600 + 120 + 3
        {"2m0s", 120, "s"},
        {"1h0.5s", 3600.5, "s"},
    };
    for (const auto& c : cases) {
        const auto n = parseNumberWithUnit(c.cell);
        ASSERT_TRUE(n.has_value()) << c.cell;
        EXPECT_DOUBLE_EQ(n->value, c.value) << c.cell;
        EXPECT_EQ(n->unit, c.unit) << c.cell;
    }
}

TEST(NumberWithUnit, RejectsWhatIsNotOneNumberWithAUnit)
{
    // Ambiguous separators ("3,15" could be a decimal comma), text after the unit, dates, times of day, versions,
    // non-finite values.
    for (const char* cell : {"", "  ", "abc", "3,15", "1,5 s", "12,34", "1234,567", "1,000,00", "12 ms (p50)", "1.2.3",
             "2025-01-01", "10:30", "v1.2", "nan", "inf ms", "5m3x", "1s2m"}) {
        EXPECT_FALSE(parseNumberWithUnit(cell).has_value()) << cell;
    }
}

TEST(NumberWithUnit, LeadingNumbersInFreeText)
{
    struct Case
    {
        const char* text;
        double value;
        const char* unit;
    };
    const Case cases[] = {
        {"12 ms (p50)", 12, "ms"},
        {"300.65 ms", 300.65, "ms"},
        {"3,15", 3, ""}, // stops at an ambiguous comma
        {"1,024 tokens in 3.2 s", 1024, "tokens"},
        {"18 token(s)", 18, "token"},
        {"**7.90**", 7.9, ""},
        {"~41 tok/s", 41, "tok/s"},
        {"4.2\u00b5s per call", 4.2, "\u00b5s"},
    };
    for (const auto& c : cases) {
        const auto n = parseLeadingNumber(c.text);
        ASSERT_TRUE(n.has_value()) << c.text;
        EXPECT_DOUBLE_EQ(n->value, c.value) << c.text;
        EXPECT_EQ(n->unit, c.unit) << c.text;
    }
    EXPECT_FALSE(parseLeadingNumber("about 12 ms").has_value());
}

// A cell's number and unit end in the canonical unit through the catalog: what RecordBuilder does per cell.
TEST(NumberWithUnit, CellsInCanonicalUnits)
{
    struct Case
    {
        const char* cell;
        const char* unit;
        double canonical;
    };
    const Case cases[] = {
        {"14.65 us", "ms", 0.01465},
        {"1.2 s", "ms", 1200},
        {"2 min", "ms", 120000},
        {"850 \u00b5s", "ms", 0.85},
        {"1m23.5s", "ms", 83500},
        {"1.5k tok/s", "", 1.5}, // "k" belongs to the number only when it stands alone; "k tok/s" is two words
        {"1.5 ktok/s", "tok/s", 1500},
        {"12 req/s", "req/s", 12},
        {"40%", "%", 40},
    };
    const auto& catalog = MetricCatalog::instance();
    for (const auto& c : cases) {
        const auto n = parseNumberWithUnit(c.cell);
        if (std::string_view(c.unit).empty()) {
            EXPECT_FALSE(n.has_value()) << c.cell;
            continue;
        }
        ASSERT_TRUE(n.has_value()) << c.cell;
        const auto u = catalog.resolveUnit(n->unit);
        ASSERT_TRUE(u.has_value()) << c.cell;
        EXPECT_EQ(u->unit, c.unit) << c.cell;
        EXPECT_NEAR(n->value * u->factor, c.canonical, 1e-9 * c.canonical) << c.cell;
    }
}

// Under a German LC_NUMERIC the separators keep their meaning: the parser never asks the locale.
TEST(NumberWithUnit, IgnoresTheLocale)
{
    const char* old = std::setlocale(LC_NUMERIC, nullptr);
    const std::string saved = old ? old : "C";
    ASSERT_NE(std::setlocale(LC_NUMERIC, "de_DE.UTF-8"), nullptr) << "the de_DE.UTF-8 locale is installed by setup";
    const auto n = parseNumberWithUnit("3,154.5 ms");
    const auto comma = parseNumberWithUnit("3,5 ms");
    std::setlocale(LC_NUMERIC, saved.c_str());
    ASSERT_TRUE(n.has_value());
    EXPECT_DOUBLE_EQ(n->value, 3154.5);
    EXPECT_FALSE(comma.has_value());
}

TEST(NormalizeKey, MicroSignIsTheUOfMicroseconds)
{
    EXPECT_EQ(normalizeKey("Latency (\u00b5s)"), "latency_us");
    EXPECT_EQ(normalizeKey("latency [\u03bcs]"), "latency_us");
    EXPECT_EQ(normalizeKey("Generation Time (ms)"), "generation_time_ms");
    EXPECT_EQ(normalizeKey("TTFT \u0394 (ms)"), "ttft_delta_ms");
    EXPECT_EQ(normalizeKey("\u0394TP"), "delta_tp");
    EXPECT_EQ(normalizeKey("tp\u03b4"), "tp_delta");
}

TEST(ConsoleText, AnsiEscapesAndSpinnersAreRemoved)
{
    // An Ollama --verbose line as the terminal wrote it: a braille spinner redrawn with cursor codes, then a key.
    const std::string raw = "\x1b[?25l\x1b[1G\xe2\xa0\x99 \x1b[K\x1b[?25h\x1b[1G\x1b[Kload duration:  1.6s\n"
                            "\x1b[32meval rate:\x1b[0m 9.95 tokens/s\r\n"
                            "Downloading 10%\rDownloading 55%\rDownloaded\n"
                            "\x1b]0;title\x07plain\n";
    EXPECT_EQ(cleanConsoleText(raw), "load duration:  1.6s\neval rate: 9.95 tokens/s\r\nDownloaded\nplain\n");
}

TEST(ConsoleText, BoxDrawnTablesBecomePipeTables)
{
    const std::string raw
        = "\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x80\xe2\x94\xac\xe2\x94\x80\xe2\x94\x80\xe2\x94\x90\n" // ┌──┬──┐
          "\xe2\x94\x82 a\xe2\x94\x82 b\xe2\x94\x82\n" // │ a│ b│
          "\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80\xe2\x94\xbc\xe2\x94\x80\xe2\x94\x80\xe2\x94\xa4\n" // ├──┼──┤
          "\xe2\x94\x82 1\xe2\x94\x82 2\xe2\x94\x82\n" // │ 1│ 2│
          "\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80\xe2\x94\xb4\xe2\x94\x80\xe2\x94\x80\xe2\x94\x98\n"; // └──┴──┘
    // The top and bottom borders are dropped (empty lines keep the line numbers), the border under the header is
    // the separator.
    EXPECT_EQ(cleanConsoleText(raw), "\n| a| b|\n|--|--|\n| 1| 2|\n\n");
    // ASCII borders alike.
    EXPECT_EQ(cleanConsoleText("+---+---+\n| a | b |\n+---+---+\n| 1 | 2 |\n+---+---+\n"),
        "\n| a | b |\n|---|---|\n| 1 | 2 |\n\n");
}

TEST(ConsoleText, PlainTextIsUnchanged)
{
    for (const char* text :
        {"", "a: 1\nb: 2\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "crlf\r\nlines\r\n", "cr\ronly\r"})
        EXPECT_EQ(cleanConsoleText(text), text) << text;
}
