#include "app/cli/narrative_option.h"

#include "models/llm/narrative.h"
#include "models/llm/narrative_facts.h"
#include "models/report/report_document.h"
#include "models/util/text.h"

#include <iostream>
#include <memory>

namespace benchlens::cli {

namespace {
// The settings the arguments give; `error` set when one is wrong.
NarrativeSettings settingsOf(const NarrativeArgs& args, std::string& error)
{
    NarrativeSettings s;
    s.client.endpoint = ollamaEndpointFromEnvironment();
    const auto& o = args.options;
    if (const auto it = o.find("--llm-url"); it != o.end()) {
        auto e = parseOllamaHost(it->second);
        if (!e) {
            error = "--llm-url " + e.error();
            return s;
        }
        s.client.endpoint = std::move(e).value();
    }
    if (const auto it = o.find("--llm-model"); it != o.end())
        s.model = it->second;
    if (const auto it = o.find("--llm-timeout"); it != o.end()) {
        const auto seconds = parseNumber(it->second);
        if (!seconds || *seconds <= 0 || *seconds > 86400) {
            error = "--llm-timeout takes seconds, e.g. 120";
            return s;
        }
        s.client.idleTimeoutMs = static_cast<int>(*seconds * 1000);
        s.client.connectTimeoutMs = std::min(s.client.connectTimeoutMs, s.client.idleTimeoutMs);
    }
    if (const auto it = o.find("--llm-language"); it != o.end()) {
        const auto language = narrativeLanguage(it->second);
        if (!language) {
            error = "--llm-language takes en, de, fr, es, it, pt, nl, ru, zh or ja";
            return s;
        }
        s.language = *language;
    }
    for (const auto& kv : args.llmOptions) {
        const auto parsed = parseOllamaOption(kv);
        if (!parsed) {
            error = "--llm-option " + parsed.error();
            return s;
        }
        setOllamaOption(s.options, parsed.value().first, parsed.value().second);
    }
    s.allowRemote = o.count("--llm-allow-remote") > 0;
    return s;
}
} // namespace

const std::vector<std::string>& narrativeValueOptions()
{
    static const std::vector<std::string> options
        = {"--llm-url", "--llm-model", "--llm-option", "--llm-timeout", "--llm-language"};
    return options;
}

const std::vector<std::string>& narrativeFlags()
{
    static const std::vector<std::string> flags = {"--narrative", "--llm-allow-remote"};
    return flags;
}

std::string checkNarrativeArgs(const NarrativeArgs& args)
{
    std::string error;
    settingsOf(args, error);
    if (error.empty() && !args.options.count("--narrative")) {
        for (const auto& [key, value] : args.options) {
            if (key.starts_with("--llm-"))
                return key + " needs --narrative";
        }
        if (!args.llmOptions.empty())
            return "--llm-option needs --narrative";
    }
    return error;
}

std::string addNarrative(
    ReportDocument& doc, const Dataset& dataset, const NarrativeArgs& args, const std::string& outputPath, bool timings)
{
    std::string error;
    const NarrativeSettings settings = settingsOf(args, error);
    auto facts = std::make_shared<const FactSheet>(buildFactSheet(dataset, doc));
    const NarrativeResult result = runNarrative(settings, facts);
    if (result.skipped)
        std::cerr << "note: the narrative was skipped: " << result.skipReason << "\n";
    else if (result.status() != NarrativeCheck::Status::Checked)
        std::cerr << "note: narrative " << result.statusText() << " (listed under Unverified statements)\n";
    if (result.remote && !result.skipped)
        std::cerr << "note: the report's facts were sent to " << result.endpoint << ", which is not this machine\n";
    std::string json = narrativeMetricsJson(result);
    std::string metricsPath = json.empty() ? std::string() : narrativeMetricsPath(outputPath);
    const auto slash = metricsPath.rfind('/');
    addNarrativeToReport(
        doc, result, timings, slash == std::string::npos ? metricsPath : metricsPath.substr(slash + 1));
    return json;
}

} // namespace benchlens::cli
