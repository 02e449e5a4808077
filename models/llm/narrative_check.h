#pragma once

#include "models/llm/narrative_facts.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

// A language the narrative is asked to write in, by ISO 639-1 code: en (default), de, fr, es, it, pt, nl, ru, zh,
// ja. `name` is what the prompt states ("English").
struct NarrativeLanguage
{
    std::string code = "en";
    std::string name = "English";
};
// "en", "English", "de", "Deutsch"... -> the language; nullopt for one the check cannot detect.
std::optional<NarrativeLanguage> narrativeLanguage(std::string_view codeOrName);

// One sentence of the narrative (byte offsets into the checked text) and what is wrong with it, if anything.
struct CheckedSentence
{
    size_t begin = 0;
    size_t end = 0;
    std::vector<std::string> reasons; // empty: verified; "182.3 ms matches no fact", "not in English"
    bool foreign = false; // not in the requested language
};

struct CheckedNumber
{
    TextNumber number;
    std::string text; // as written
    std::string factId; // the first fact it matches; empty: unverified
    std::string countProblem; // a count claim the inventory contradicts
};

// The check of a narrative against the facts it was given, before anyone sees it.
struct NarrativeCheck
{
    enum class Status
    {
        Checked, // every number matches a fact, every count the inventory, all of it in the requested language
        Unverified, // some statements could not be verified (listed)
        Rejected // not in the requested language, or empty
    };
    Status status = Status::Checked;
    std::vector<CheckedNumber> numbers;
    std::vector<CheckedSentence> sentences;
    std::string strayPrefix; // leading tokens that are not words of the language ("僵死")
    std::string rejectReason;
    size_t foreignSentences = 0;

    // Sentences with a reason, plus the stray prefix: what "Unverified statements" lists.
    size_t unverifiedCount() const;
    // "checked", "3 unverified", "rejected: not in English".
    std::string statusText() const;
};

// Checks `text` against the facts: every number must match a fact's number (tolerant of rounding to the digits
// either side wrote, of s/ms/us/ns, and of percentages written as fractions), every count claim ("12 files",
// "3 variants", "2 failures") must equal the inventory's, every sentence must be in `language` (script, and for
// Latin-script languages their common words), and the text must not start with tokens that are not words of it.
NarrativeCheck checkNarrative(std::string_view text, const FactSheet& facts, const NarrativeLanguage& language);

// The text without the sentences the check marked (what the second role is given of the first role's answer).
std::string verifiedText(std::string_view text, const NarrativeCheck& check);

} // namespace benchlens
