#include "models/llm/narrative_check.h"

#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace benchlens {

namespace {

enum class Script
{
    None,
    Latin,
    Cyrillic,
    Greek,
    Han,
    Kana,
    Hangul,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    OtherLetter
};

// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes decode as U+FFFD.
char32_t nextCodePoint(std::string_view t, size_t& i)
{
    const auto c = static_cast<unsigned char>(t[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + size_t(extra) >= t.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(t[i + size_t(k)]) & 0x3F);
    i += size_t(extra) + 1;
    return cp;
}

Script scriptOf(char32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7))
        return Script::Latin;
    if (c >= 0x400 && c <= 0x4FF)
        return Script::Cyrillic;
    if (c >= 0x370 && c <= 0x3FF)
        return Script::Greek;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF))
        return Script::Han;
    if (c >= 0x3040 && c <= 0x30FF)
        return Script::Kana;
    if (c >= 0xAC00 && c <= 0xD7AF)
        return Script::Hangul;
    if (c >= 0x600 && c <= 0x6FF)
        return Script::Arabic;
    if (c >= 0x590 && c <= 0x5FF)
        return Script::Hebrew;
    if (c >= 0x900 && c <= 0x97F)
        return Script::Devanagari;
    if (c >= 0xE00 && c <= 0xE7F)
        return Script::Thai;
    if (c >= 0x250 && c < 0x2000 && c != 0xB5)
        return Script::OtherLetter;
    return Script::None;
}

bool scriptFits(Script s, const std::string& code)
{
    if (code == "ru")
        return s == Script::Cyrillic;
    if (code == "zh")
        return s == Script::Han;
    if (code == "ja")
        return s == Script::Han || s == Script::Kana;
    return s == Script::Latin;
}

const std::map<std::string, std::set<std::string>>& stopwords()
{
    static const std::map<std::string, std::set<std::string>> words = {
        {"en",
            {"the", "and", "of", "to", "is", "in", "with", "for", "are", "was", "this", "that", "on", "by", "it", "as",
                "from", "than", "at", "which", "be", "has", "have", "were", "its", "their", "each", "all"}},
        {"es",
            {"el", "la", "los", "las", "de", "del", "y", "en", "que", "es", "con", "por", "para", "una", "un", "se",
                "su", "m\xC3\xA1s", "son", "como", "al", "lo", "est\xC3\xA1", "tiene"}},
        {"de",
            {"der", "die", "das", "und", "ist", "mit", "f\xC3\xBCr", "von", "den", "ein", "eine", "nicht", "auf", "im",
                "zu", "des", "dem", "sind", "wird", "auch", "bei"}},
        {"fr",
            {"le", "la", "les", "des", "et", "est", "en", "du", "une", "un", "pour", "avec", "dans", "que", "sur",
                "par", "sont", "au", "ce", "pas", "plus", "qui"}},
        {"it",
            {"il", "la", "di", "e", "che", "\xC3\xA8", "per", "con", "una", "un", "sono", "del", "della", "nel", "gli",
                "le", "dei", "pi\xC3\xB9", "non"}},
        {"pt",
            {"o", "a", "os", "as", "de", "do", "da", "e", "que", "\xC3\xA9", "em", "com", "para", "uma", "um",
                "s\xC3\xA3o", "dos", "das", "n\xC3\xA3o", "mais"}},
        {"nl",
            {"de", "het", "een", "en", "van", "is", "in", "met", "voor", "zijn", "op", "dat", "die", "niet", "aan",
                "er", "worden", "ook"}},
    };
    return words;
}

struct Letters
{
    size_t fitting = 0;
    size_t foreign = 0;
};

Letters countLetters(std::string_view t, const std::string& code)
{
    Letters l;
    for (size_t i = 0; i < t.size();) {
        const Script s = scriptOf(nextCodePoint(t, i));
        if (s == Script::None)
            continue;
        (scriptFits(s, code) ? l.fitting : l.foreign) += 1;
    }
    return l;
}

std::string lowerAscii(std::string_view t)
{
    std::string s(t);
    for (auto& c : s)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

// The words of a Latin-script sentence, lower case (ASCII folding only; accented letters kept as bytes).
std::vector<std::string> wordsOf(std::string_view t)
{
    std::vector<std::string> words;
    std::string w;
    for (const char ch : lowerAscii(t)) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || c >= 0x80 || c == '\'') {
            w.push_back(ch);
        } else {
            if (!w.empty())
                words.push_back(w);
            w.clear();
        }
    }
    if (!w.empty())
        words.push_back(w);
    return words;
}

// Whether a sentence reads as another language than `code`, and which.
std::optional<std::string> foreignLanguage(std::string_view sentence, const std::string& code)
{
    const Letters letters = countLetters(sentence, code);
    if (letters.fitting + letters.foreign == 0)
        return std::nullopt;
    if (letters.foreign > letters.fitting)
        return std::string("another script");
    const auto& lists = stopwords();
    const auto own = lists.find(code);
    if (own == lists.end())
        return std::nullopt; // no word list: the script alone decides
    const auto words = wordsOf(sentence);
    const auto hits = [&](const std::set<std::string>& list) {
        return static_cast<size_t>(
            std::count_if(words.begin(), words.end(), [&](const auto& w) { return list.count(w); }));
    };
    const size_t ownHits = hits(own->second);
    std::string best;
    size_t bestHits = 0;
    for (const auto& [other, list] : lists) {
        if (other == code)
            continue;
        const size_t h = hits(list);
        if (h > bestHits) {
            bestHits = h;
            best = other;
        }
    }
    if (bestHits >= 3 && bestHits > 2 * ownHits)
        return best;
    return std::nullopt;
}

// Sentences: ends at . ! ? followed by a space or the end, at 。！？, and at line breaks (lists, headings).
std::vector<std::pair<size_t, size_t>> splitSentences(std::string_view t)
{
    std::vector<std::pair<size_t, size_t>> out;
    size_t start = 0;
    const auto push = [&](size_t end) {
        size_t b = start, e = end;
        while (b < e && (t[b] == ' ' || t[b] == '\n' || t[b] == '\t' || t[b] == '\r'))
            ++b;
        while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t' || t[e - 1] == '\r'))
            --e;
        if (e > b)
            out.emplace_back(b, e);
        start = end;
    };
    for (size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '\n') {
            push(i + 1);
        } else if ((c == '.' || c == '!' || c == '?') && (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\n')) {
            push(i + 1);
        } else if (i + 2 < t.size() && static_cast<unsigned char>(c) == 0xE3
            && static_cast<unsigned char>(t[i + 1]) == 0x80 && static_cast<unsigned char>(t[i + 2]) == 0x82) {
            push(i + 3); // 。
        } else if (i + 2 < t.size() && static_cast<unsigned char>(c) == 0xEF
            && static_cast<unsigned char>(t[i + 1]) == 0xBC
            && (static_cast<unsigned char>(t[i + 2]) == 0x81 || static_cast<unsigned char>(t[i + 2]) == 0x9F)) {
            push(i + 3); // ！ ？
        }
    }
    push(t.size());
    return out;
}

enum class UnitClass
{
    None,
    Time,
    Percent,
    Rate,
    Bytes,
    Ratio
};

// The unit's class and its factor to the class's base (ms for time, bytes for sizes).
std::pair<UnitClass, double> classOf(const std::string& unit)
{
    static const std::map<std::string, std::pair<UnitClass, double>> classes
        = {{"ns", {UnitClass::Time, 1e-6}}, {"us", {UnitClass::Time, 1e-3}}, {"ms", {UnitClass::Time, 1}},
            {"s", {UnitClass::Time, 1e3}}, {"min", {UnitClass::Time, 6e4}}, {"h", {UnitClass::Time, 3.6e6}},
            {"%", {UnitClass::Percent, 1}}, {"tok/s", {UnitClass::Rate, 1}}, {"x", {UnitClass::Ratio, 1}},
            {"B", {UnitClass::Bytes, 1}}, {"KB", {UnitClass::Bytes, 1e3}}, {"MB", {UnitClass::Bytes, 1e6}},
            {"GB", {UnitClass::Bytes, 1e9}}, {"KiB", {UnitClass::Bytes, 1024.0}},
            {"MiB", {UnitClass::Bytes, 1048576.0}}, {"GiB", {UnitClass::Bytes, 1073741824.0}}};
    const auto it = classes.find(unit);
    return it == classes.end() ? std::pair {UnitClass::None, 1.0} : it->second;
}

bool near(double a, double b, double tolerance)
{
    return std::fabs(a - b) <= tolerance + 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

// Whether a number in the narrative states a fact's number, up to rounding and a change of unit.
bool matches(const TextNumber& t, const TextNumber& f)
{
    const double tolerance = std::max(t.halfStep, f.halfStep);
    const auto [tc, tf] = classOf(t.unit);
    const auto [fc, ff] = classOf(f.unit);
    if (tc == fc && tc != UnitClass::None)
        return near(t.value * tf, f.value * ff, std::max(t.halfStep * tf, f.halfStep * ff));
    if (tc == UnitClass::None || fc == UnitClass::None) {
        if (near(t.value, f.value, tolerance))
            return true;
        // 12.5% against a fraction 0.125, and the reverse.
        if (tc == UnitClass::Percent && near(t.value / 100, f.value, std::max(t.halfStep / 100, f.halfStep)))
            return true;
        if (fc == UnitClass::Percent && near(t.value * 100, f.value, std::max(t.halfStep * 100, f.halfStep)))
            return true;
    }
    return false;
}

enum class Noun
{
    None,
    Files,
    Variants,
    Failures,
    Runs,
    Folders
};

// The count a number claims: "12 files", "3 csv files", "2 failed requests", "5 variants".
std::pair<Noun, int> countClaim(std::string_view t, size_t after)
{
    static const std::set<std::string> types = {"csv", "json", "markdown", "md", "text", "txt"};
    std::string previous;
    size_t i = after;
    for (int word = 0; word < 3; ++word) {
        if (i >= t.size() || t[i] != ' ')
            return {Noun::None, -1};
        ++i;
        size_t j = i;
        while (j < t.size() && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z') || t[j] == '-'))
            ++j;
        if (j == i)
            return {Noun::None, -1};
        const std::string w = lowerAscii(t.substr(i, j - i));
        const int type = w == "csv"          ? 0
            : w == "json"                    ? 1
            : (w == "md" || w == "markdown") ? 2
            : (w == "txt" || w == "text")    ? 3
                                             : -1;
        if (w == "file" || w == "files") {
            const int prevType = previous == "csv"             ? 0
                : previous == "json"                           ? 1
                : (previous == "md" || previous == "markdown") ? 2
                : (previous == "txt" || previous == "text")    ? 3
                                                               : -1;
            return {Noun::Files, prevType};
        }
        if (w == "variant" || w == "variants" || w == "configuration" || w == "configurations")
            return {Noun::Variants, -1};
        if (w == "failure" || w == "failures" || w == "failed" || w == "errors")
            return {Noun::Failures, -1};
        if (w == "run" || w == "runs")
            return {Noun::Runs, -1};
        if (w == "folder" || w == "folders" || w == "directory" || w == "directories")
            return {Noun::Folders, -1};
        (void)type;
        previous = w;
        i = j;
    }
    return {Noun::None, -1};
}

std::string countProblem(const TextNumber& n, std::pair<Noun, int> claim, const InventoryCounts& inv)
{
    if (claim.first == Noun::None || !n.unit.empty() || n.halfStep != 0.5)
        return {};
    const auto count = static_cast<uint64_t>(n.value);
    std::set<uint64_t> allowed;
    std::string truth;
    switch (claim.first) {
    case Noun::Files:
        if (claim.second >= 0) {
            allowed = {inv.byType[claim.second]};
            truth = fmt::format("{} of that type", inv.byType[claim.second]);
        } else {
            allowed = {inv.files, inv.sources};
            for (const auto c : inv.byType)
                allowed.insert(c);
            truth = fmt::format("{} files, {} with numbers", inv.files, inv.sources);
        }
        break;
    case Noun::Variants:
        allowed = {inv.variants, inv.failingVariants};
        allowed.insert(inv.variantsPerModel.begin(), inv.variantsPerModel.end());
        truth = fmt::format("{} variants", inv.variants);
        break;
    case Noun::Failures:
        allowed = {inv.failedObservations, inv.failingVariants};
        allowed.insert(inv.failedPerVariant.begin(), inv.failedPerVariant.end());
        truth = fmt::format("{} failed observations in {} variants", inv.failedObservations, inv.failingVariants);
        break;
    case Noun::Runs:
        allowed = {inv.runs};
        truth = fmt::format("{} runs", inv.runs);
        break;
    case Noun::Folders:
        allowed = {inv.directories};
        truth = fmt::format("{} folders", inv.directories);
        break;
    case Noun::None:
        break;
    }
    if (allowed.count(count))
        return {};
    return fmt::format("the inventory has {}", truth);
}

bool isSpecialToken(std::string_view token)
{
    return (token.find("<|") != std::string_view::npos && token.find("|>") != std::string_view::npos)
        || token.starts_with("<think") || token.starts_with("</think") || token == "<s>" || token == "</s>";
}

} // namespace

std::optional<NarrativeLanguage> narrativeLanguage(std::string_view codeOrName)
{
    static const std::vector<NarrativeLanguage> languages
        = {{"en", "English"}, {"de", "German"}, {"fr", "French"}, {"es", "Spanish"}, {"it", "Italian"},
            {"pt", "Portuguese"}, {"nl", "Dutch"}, {"ru", "Russian"}, {"zh", "Chinese"}, {"ja", "Japanese"}};
    const std::string key = lowerAscii(codeOrName);
    for (const auto& l : languages) {
        if (key == l.code || key == lowerAscii(l.name))
            return l;
    }
    return std::nullopt;
}

size_t NarrativeCheck::unverifiedCount() const
{
    size_t n = strayPrefix.empty() ? 0 : 1;
    for (const auto& s : sentences)
        n += s.reasons.empty() ? 0 : 1;
    return n;
}

std::string NarrativeCheck::statusText() const
{
    switch (status) {
    case Status::Checked:
        return "checked";
    case Status::Unverified:
        return fmt::format("{} unverified", unverifiedCount());
    case Status::Rejected:
        return "rejected: " + rejectReason;
    }
    return {};
}

NarrativeCheck checkNarrative(std::string_view text, const FactSheet& sheet, const NarrativeLanguage& language)
{
    NarrativeCheck check;
    const auto ranges = splitSentences(text);
    for (const auto& [b, e] : ranges)
        check.sentences.push_back({b, e, {}, false});
    const auto sentenceAt = [&](size_t offset) -> CheckedSentence* {
        for (auto& s : check.sentences) {
            if (offset >= s.begin && offset < s.end)
                return &s;
        }
        return nullptr;
    };

    // Leading tokens that are not words of the language: "僵死", "诠", "<|im_start|>".
    {
        size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
                ++i;
            size_t j = i;
            while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' && text[j] != '\r')
                ++j;
            if (j == i)
                break;
            const std::string_view token = text.substr(i, j - i);
            const Letters letters = countLetters(token, language.code);
            if (isSpecialToken(token) || letters.foreign > 0) {
                if (letters.fitting > 0 && letters.foreign == 0 && !isSpecialToken(token))
                    break;
                if (letters.fitting > 0 && !isSpecialToken(token)) {
                    // "诠The": the stray part is glued to the first word; keep the part before it.
                    size_t k = 0, cut = 0;
                    while (k < token.size()) {
                        const size_t at = k;
                        if (scriptFits(scriptOf(nextCodePoint(token, k)), language.code)) {
                            cut = at;
                            break;
                        }
                    }
                    check.strayPrefix.append(check.strayPrefix.empty() ? "" : " ").append(token.substr(0, cut));
                    break;
                }
                check.strayPrefix.append(check.strayPrefix.empty() ? "" : " ").append(token);
                i = j;
                continue;
            }
            if (letters.fitting > 0)
                break;
            i = j; // punctuation or markup ("##", "**"): look further
        }
    }

    // Language, per sentence.
    size_t letters = 0, foreignLetters = 0;
    std::string firstForeign;
    for (auto& s : check.sentences) {
        const std::string_view sentence = text.substr(s.begin, s.end - s.begin);
        const Letters l = countLetters(sentence, language.code);
        letters += l.fitting + l.foreign;
        if (const auto other = foreignLanguage(sentence, language.code)) {
            s.foreign = true;
            s.reasons.push_back(fmt::format("not in {} ({})", language.name, *other));
            foreignLetters += l.fitting + l.foreign;
            ++check.foreignSentences;
        } else {
            foreignLetters += l.foreign;
        }
    }

    // Numbers, with names masked so that digits in "gemma3:270m" or a file path are not read as claims.
    std::string masked(text);
    for (const auto& name : sheet.names) {
        if (name.size() < 3)
            continue;
        for (size_t pos = 0; (pos = masked.find(name, pos)) != std::string::npos; pos += name.size())
            std::fill(masked.begin() + std::ptrdiff_t(pos), masked.begin() + std::ptrdiff_t(pos + name.size()), ' ');
    }
    for (const auto& n : findNumbers(masked)) {
        CheckedNumber c;
        c.number = n;
        c.text = std::string(text.substr(n.begin, n.end - n.begin));
        for (const auto& f : sheet.facts) {
            for (const auto& fn : f.numbers) {
                if (matches(n, fn)) {
                    c.factId = f.id;
                    break;
                }
            }
            if (!c.factId.empty())
                break;
        }
        c.countProblem = countProblem(n, countClaim(masked, n.end), sheet.inventory);
        if (CheckedSentence* s = sentenceAt(n.begin)) {
            if (!c.countProblem.empty())
                s->reasons.push_back(fmt::format("{}: {}", c.text, c.countProblem));
            else if (c.factId.empty())
                s->reasons.push_back(fmt::format("{} matches no fact", c.text));
        }
        check.numbers.push_back(std::move(c));
    }
    for (const auto& [b, e] : findDates(masked)) {
        const std::string date(text.substr(b, std::min<size_t>(10, e - b)));
        const bool known = std::any_of(sheet.facts.begin(), sheet.facts.end(),
            [&](const Fact& f) { return f.text.find(date) != std::string::npos; });
        if (!known) {
            if (CheckedSentence* s = sentenceAt(b))
                s->reasons.push_back(fmt::format("the date {} is in no fact", date));
        }
    }

    if (letters == 0) {
        check.status = NarrativeCheck::Status::Rejected;
        check.rejectReason = "no text";
    } else if (2 * foreignLetters > letters) {
        check.status = NarrativeCheck::Status::Rejected;
        check.rejectReason = fmt::format("not in {}", language.name);
    } else {
        check.status = check.unverifiedCount() ? NarrativeCheck::Status::Unverified : NarrativeCheck::Status::Checked;
    }
    return check;
}

std::string verifiedText(std::string_view text, const NarrativeCheck& check)
{
    std::string out;
    for (const auto& s : check.sentences) {
        if (!s.reasons.empty())
            continue;
        std::string_view sentence = text.substr(s.begin, s.end - s.begin);
        if (!check.strayPrefix.empty() && s.begin == check.sentences.front().begin
            && sentence.starts_with(check.strayPrefix))
            sentence.remove_prefix(check.strayPrefix.size());
        out.append(out.empty() ? "" : (text.substr(0, s.begin).ends_with("\n") ? "\n" : " ")).append(trim(sentence));
    }
    return out;
}

} // namespace benchlens
