#include "models/ingest/ingest.h"

#include "models/data/dataset.h"
#include "models/data/observation_counts.h"
#include "models/ingest/restated_scores.h"
#include "models/ingest/scanner.h"
#include "models/recognizers/recognizer.h"
#include "models/stats/statistics.h"
#include "models/util/text.h"
#include "models/util/utf8.h"

#include <QCryptographicHash>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <unordered_map>

namespace benchlens {

namespace {

// One read of the whole file into a buffer reused by this thread. The file is opened without following a link and
// without blocking (it may have been swapped for a link to /dev/zero or a FIFO since the scan), must be a regular
// file, and is read no further than the size it has when opened, and never past `maxBytes`.
struct ReadOutcome
{
    bool ok = false;
    std::string error; // when !ok
    std::string note; // when ok: something worth a diagnostic (the file changed during the read)
};

ReadOutcome readFile(const std::string& path, uint64_t maxBytes, std::string& buffer)
{
    ReadOutcome out;
    buffer.clear();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        out.error = errno == ELOOP ? std::string("it became a symbolic link after the folder was scanned; not followed")
                                   : std::string(std::strerror(errno));
        return out;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0) {
        out.error = std::strerror(errno);
        ::close(fd);
        return out;
    }
    if (!S_ISREG(st.st_mode)) {
        out.error = "not a regular file (it was replaced by a FIFO, device or folder after the scan); not read";
        ::close(fd);
        return out;
    }
    const auto size = static_cast<uint64_t>(st.st_size);
    if (size > maxBytes) {
        out.error = fmt::format(
            "{} bytes is over the file size limit of {} bytes (--max-file-size); skipped", size, maxBytes);
        ::close(fd);
        return out;
    }
    buffer.resize(static_cast<size_t>(size));
    size_t done = 0;
    while (done < buffer.size()) {
        const ssize_t r = ::read(fd, buffer.data() + done, buffer.size() - done);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            out.error = std::strerror(errno);
            ::close(fd);
            return out;
        }
        if (r == 0)
            break;
        done += static_cast<size_t>(r);
    }
    if (done < buffer.size()) {
        out.note = fmt::format("the file shrank from {} to {} bytes while it was read (still being written?); the "
                               "first {} bytes were read",
            buffer.size(), done, done);
        buffer.resize(done);
    } else {
        // A benchmark still writing: what it appended after the size was taken is left for the next read.
        char probe = 0;
        if (::read(fd, &probe, 1) == 1)
            out.note = fmt::format("the file grew while it was read (still being written?); its first {} bytes were "
                                   "read",
                done);
    }
    ::close(fd);
    out.ok = true;
    return out;
}

bool isTimestampFolder(std::string_view name)
{
    // 20251002-151824, 20251002_151824, 2025-10-02T15-18-24, 2025-10-02_15-18-24
    size_t digits = 0;
    for (const char c : name) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != '-' && c != '_' && c != 'T' && c != ':')
            return false;
    }
    return digits >= 12;
}

std::string parentOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string stemOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const auto dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

bool allDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

// "gemma3_1b-it-qat_param_tuning_summary" -> "gemma3_1b-it-qat": the part of a file name that names what was
// measured, without the words that name the kind of artifact or a timestamp.
std::string subjectStem(const std::string& path)
{
    static const std::set<std::string, std::less<>> artifactWords
        = {"baseline", "param", "params", "tuning", "summary", "runs", "run", "benchmark", "bench", "results", "result",
            "fixed", "metrics", "report", "sweep", "data", "test", "raw"};
    std::string stem = stemOf(path);
    for (auto& c : stem)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::vector<std::string> words;
    size_t start = 0;
    while (start <= stem.size()) {
        const auto end = stem.find('_', start);
        words.push_back(stem.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    while (words.size() > 1 && (artifactWords.count(words.back()) || allDigits(words.back()) || words.back().empty()))
        words.pop_back();
    // llmperf writes "<model>_<in>_<out>_summary.json" beside "..._individual_responses.json"; its leaderboard
    // copies are named "summary_<provider>.json" / "individual_<provider>.json": those words go wherever they are.
    static const std::set<std::string, std::less<>> pairWords = {"summary", "individual", "responses"};
    std::vector<std::string> kept;
    std::copy_if(
        words.begin(), words.end(), std::back_inserter(kept), [](const auto& w) { return !pairWords.count(w); });
    if (!kept.empty())
        words = std::move(kept);
    while (words.size() > 1 && (artifactWords.count(words.back()) || allDigits(words.back()) || words.back().empty()))
        words.pop_back();
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : "_") + w;
    return out;
}

// "demo_inference_1759181417" -> "demo_inference": the benchmark a model-less file belongs to.
std::string benchmarkStem(const std::string& path)
{
    std::string stem = stemOf(path);
    while (true) {
        const auto us = stem.rfind('_');
        if (us == std::string::npos || us == 0 || !allDigits(std::string_view(stem).substr(us + 1)))
            break;
        stem.resize(us);
    }
    return stem;
}

std::string variantId(const std::string& model, const FileExtract::Dims& config)
{
    std::string id = model;
    for (const auto& [k, v] : config) {
        if (k == "benchmark" && model.empty()) {
            id = v + (id.empty() ? "" : " " + id);
            continue;
        }
        if (!id.empty())
            id.push_back(' ');
        id += k + "=" + v;
    }
    return id;
}

// The model and the rest of a variant's dimensions (its configuration).
std::pair<std::string, FileExtract::Dims> splitModel(const FileExtract::Dims& dims)
{
    std::pair<std::string, FileExtract::Dims> out;
    for (const auto& kv : dims) {
        if (kv.first == "model")
            out.first = kv.second;
        else
            out.second.push_back(kv);
    }
    return out;
}

struct Fingerprint
{
    std::vector<std::pair<uint32_t, double>> values; // (catalog metric, value rounded), sorted
    bool operator==(const Fingerprint&) const = default;
};

Fingerprint fingerprintOf(const FileExtract& e)
{
    Fingerprint f;
    for (const auto& v : e.values) {
        const auto catalog = e.metrics[v.metric].catalog;
        if (!catalog || e.records[v.record].failed)
            continue;
        // Rounded to 9 significant digits: the same number written by two serializers. Read back with from_chars,
        // which neither depends on the locale nor throws (a subnormal such as 1e-320 stays as it is).
        double rounded = v.value;
        if (v.value != 0 && std::isfinite(v.value)) {
            char text[64];
            const auto end = fmt::format_to_n(text, sizeof text, "{:.9g}", v.value).out;
            std::from_chars(text, end, rounded);
        }
        f.values.emplace_back(catalog->value, rounded);
    }
    std::sort(f.values.begin(), f.values.end());
    return f;
}

// Never silent: a file that holds numbers but yields nothing says so, with the names it could not place.
void markNotUnderstood(SourceFile& f)
{
    const FileExtract& e = f.extract;
    if (f.status != FileStatus::Ok || e.unplacedNumbers == 0 || !e.records.empty() || !e.reported.empty())
        return;
    std::string names;
    for (const auto& n : e.unplacedNames)
        names += (names.empty() ? "`" : ", `") + n + "`";
    f.status = FileStatus::NotUnderstood;
    f.extract.diagnostics.push_back({Severity::Warning, {}, {},
        fmt::format("{} numeric field{} ({} value{}), none recognized: {}{}; nothing was read from this file",
            e.unplacedFields, e.unplacedFields == 1 ? "" : "s", e.unplacedNumbers, e.unplacedNumbers == 1 ? "" : "s",
            names, e.unplacedNames.size() < e.unplacedFields ? ", ..." : "")});
}

// What each rule of the user's map touched (files counted once: duplicates are not read again), and a warning for a
// rule that matched nothing, which is most often a misspelt name or a glob that selects no file.
void applyUserMapCounts(Dataset& ds, const UserMap& map)
{
    if (map.empty())
        return;
    ds.userMap = map;
    ds.userMapUse.assign(map.rules.size(), {});
    for (const auto& f : ds.files) {
        if (f.duplicateOf)
            continue;
        for (const auto& use : f.extract.mapped) {
            if (use.rule >= ds.userMapUse.size())
                continue;
            ++ds.userMapUse[use.rule].files;
            ds.userMapUse[use.rule].values += use.values;
        }
    }
    for (size_t r = 0; r < map.rules.size(); ++r) {
        if (ds.userMapUse[r].files == 0)
            ds.diagnostics.push_back({Severity::Warning, {}, {},
                fmt::format("map {} rule {} ({}) matched no column or field in any file read by the generic readers",
                    map.source, r + 1, map.rules[r].describe())});
    }
}

} // namespace

Result<std::shared_ptr<const Dataset>> ingestFolder(const std::string& root, const IngestOptions& options,
    const IngestProgress& progress, const std::atomic<bool>* cancel)
{
    auto scanned = scanFolder(root);
    if (!scanned)
        return Error {scanned.error()};
    const ScanResult& scan = scanned.value();

    auto dataset = std::make_shared<Dataset>();
    Dataset& ds = *dataset;
    std::error_code ec;
    ds.diskRoot = std::filesystem::absolute(root, ec).lexically_normal().string();
    if (ds.diskRoot.size() > 1 && ds.diskRoot.back() == '/')
        ds.diskRoot.pop_back();
    ds.root = displayPath(ds.diskRoot);
    for (const auto& p : scan.problems)
        ds.diagnostics.push_back({Severity::Warning, {}, {}, p});

    const size_t count = scan.files.size();
    ds.files.resize(count);
    // Only files that share their size with another can be byte-identical: hash just those.
    std::unordered_map<uint64_t, int> sizeCount;
    for (const auto& f : scan.files)
        ++sizeCount[f.bytes];

    std::atomic<size_t> next {0};
    std::atomic<size_t> done {0};
    const auto worker = [&] {
        thread_local std::string buffer;
        for (;;) {
            if (cancel && cancel->load())
                return;
            const size_t i = next.fetch_add(1);
            if (i >= count)
                return;
            const ScannedFile& in = scan.files[i];
            SourceFile& out = ds.files[i];
            out.path = in.relativePath;
            out.bytes = in.bytes;
            out.modifiedMs = in.modifiedMs;
            out.type = fileTypeFromPath(in.relativePath);
            try {
                const ReadOutcome read = readFile(in.absolutePath, options.maxFileBytes, buffer);
                if (!read.ok) {
                    out.status = FileStatus::Error;
                    out.extract.diagnostics.push_back({Severity::Error, {}, {}, "cannot read file: " + read.error});
                } else {
                    out.bytes = buffer.size();
                    if (options.hashAllFiles || sizeCount.find(in.bytes)->second > 1) {
                        out.sha256 = QCryptographicHash::hash(
                            QByteArrayView(buffer.data(), qsizetype(buffer.size())), QCryptographicHash::Sha256)
                                         .toHex()
                                         .toStdString();
                    }
                    if (out.type == FileType::Other) {
                        // An unknown extension: read only when a tool recognizer claims the content (go test -bench
                        // output saved as .bench); text that no tool claims, and binary files, stay skipped.
                        out.status = FileStatus::Skipped;
                        const std::string_view bytes(buffer.data(), buffer.size());
                        if (head(bytes).find('\0') == std::string_view::npos
                            && !findLineLongerThan(buffer, options.limits.maxLineBytes).line) {
                            const ReadBudget budget(options.limits, cancel);
                            if (FileExtract e = recognizeFile({out.path, bytes, out.type}); !e.recognizer.empty()) {
                                out.status = FileStatus::Ok;
                                out.extract = std::move(e);
                                out.recognizer = out.extract.recognizer;
                            }
                        }
                    } else if (const LongLine longLine = out.type == FileType::Json
                                   ? LongLine {}
                                   : findLineLongerThan(buffer, options.limits.maxLineBytes);
                               longLine.line != 0) {
                        out.extract.diagnostics.push_back({Severity::Error, {}, {},
                            fmt::format("line {} is {} bytes long, over the line length limit of {} "
                                        "(--max-line-length); the file was not read",
                                longLine.line, longLine.bytes, describeBytes(options.limits.maxLineBytes))});
                    } else {
                        const ReadBudget budget(options.limits, cancel);
                        out.extract = recognizeFile({out.path, buffer, out.type, &options.userMap});
                        out.recognizer = out.extract.recognizer;
                    }
                    if (!read.note.empty())
                        out.extract.diagnostics.push_back({Severity::Warning, {}, {}, read.note});
                    else if (buffer.size() != in.bytes)
                        out.extract.diagnostics.push_back({Severity::Warning, {}, {},
                            fmt::format("the file changed size after the folder was scanned ({} -> {} bytes; still "
                                        "being written?); {} bytes were read",
                                in.bytes, buffer.size(), buffer.size())});
                }
            } catch (const ReadLimitReached& e) {
                out.extract = FileExtract {};
                out.extract.diagnostics.push_back({Severity::Error, {}, {}, e.what()});
            } catch (const ReadCancelled&) {
                return; // the cancel flag is set: the ingest ends below
            } catch (const std::exception& e) {
                // Exceptions never cross the thread boundary: a parser bug on one file is that file's error, and
                // the rest of the folder is still read.
                out.extract = FileExtract {};
                out.extract.diagnostics.push_back({Severity::Error, {}, {},
                    std::string("internal error while reading this file: ") + cleanText(e.what(), 500).text});
            } catch (...) {
                out.extract = FileExtract {};
                out.extract.diagnostics.push_back(
                    {Severity::Error, {}, {}, "internal error while reading this file (unknown exception)"});
            }
            for (const auto& d : out.extract.diagnostics) {
                if (d.severity == Severity::Error)
                    out.status = FileStatus::Error;
            }
            markNotUnderstood(out);
            const size_t finished = done.fetch_add(1) + 1;
            if (progress)
                progress(finished, count, out.path);
        }
    };
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const size_t threadCount
        = std::min<size_t>(options.threads > 0 ? size_t(options.threads) : hw, std::max<size_t>(count, 1));
    std::vector<std::thread> threads;
    for (size_t t = 1; t < threadCount; ++t)
        threads.emplace_back(worker);
    worker();
    for (auto& t : threads)
        t.join();
    if (cancel && cancel->load())
        return Error {"cancelled"};

    // Inventory.
    Inventory& inv = ds.inventory;
    inv.files = count;
    inv.directories = scan.directories;
    for (const auto& f : ds.files) {
        inv.bytes += f.bytes;
        ++inv.byType[static_cast<int>(f.type)];
        inv.latestModifiedMs = std::max(inv.latestModifiedMs, f.modifiedMs);
    }
    std::unordered_map<std::string, uint32_t> firstByHash;
    for (uint32_t i = 0; i < count; ++i) {
        auto& f = ds.files[i];
        if (f.sha256.empty())
            continue;
        const auto [it, inserted] = firstByHash.emplace(f.sha256, i);
        if (!inserted) {
            f.duplicateOf = FileIndex(it->second);
            inv.duplicates.emplace_back(FileIndex(it->second), FileIndex(i));
        }
    }

    // Link files that do not name their model to a sibling that does (gemma3_1b-it-qat_param_tuning.csv and
    // gemma3_1b-it-qat_baseline.json); else name the benchmark after the file.
    std::map<std::pair<std::string, std::string>, std::string> namedBySubject; // (dir, subject) -> model
    for (const auto& f : ds.files) {
        if (!f.extract.namedModel.empty() && !f.duplicateOf)
            namedBySubject.emplace(std::pair(parentOf(f.path), subjectStem(f.path)), f.extract.namedModel);
    }
    for (auto& f : ds.files) {
        std::string model = f.extract.namedModel;
        if (model.empty()) {
            if (const auto it = namedBySubject.find({parentOf(f.path), subjectStem(f.path)});
                it != namedBySubject.end())
                model = it->second;
        }
        for (auto& dims : f.extract.groups) {
            const bool hasModel
                = std::any_of(dims.begin(), dims.end(), [](const auto& kv) { return kv.first == "model"; });
            const bool hasBenchmark
                = std::any_of(dims.begin(), dims.end(), [](const auto& kv) { return kv.first == "benchmark"; });
            if (hasModel)
                continue;
            if (!model.empty())
                dims.emplace_back("model", model);
            else if (!hasBenchmark)
                dims.emplace_back("benchmark", benchmarkStem(f.path));
            std::sort(dims.begin(), dims.end());
        }
    }

    // Same samples in two formats: the later file is another source of the same run.
    std::map<std::vector<std::pair<uint32_t, double>>, uint32_t> firstByFingerprint;
    for (uint32_t i = 0; i < count; ++i) {
        auto& f = ds.files[i];
        if (f.duplicateOf)
            continue;
        Fingerprint fp = fingerprintOf(f.extract);
        if (fp.values.empty())
            continue;
        const size_t size = fp.values.size();
        const auto [it, inserted] = firstByFingerprint.emplace(std::move(fp.values), i);
        // Equal values are strong evidence for the same stem beside each other (x.csv, x.json), otherwise
        // only when there are many of them: two one-number files agreeing by chance are two runs.
        const bool sameStem = !inserted && parentOf(ds.files[it->second].path) == parentOf(f.path)
            && stemOf(ds.files[it->second].path) == stemOf(f.path);
        if (!inserted && (sameStem || size >= 20)) {
            f.equivalentOf = FileIndex(it->second);
            inv.equivalents.emplace_back(FileIndex(it->second), FileIndex(i));
        }
    }

    reconcileRestatedJmhScores(ds.files);

    // Runs: a timestamped folder is one run; elsewhere each file is its own run.
    std::map<std::string, RunIndex> runIndex;
    for (uint32_t i = 0; i < count; ++i) {
        auto& f = ds.files[i];
        const std::string parent = parentOf(f.path);
        const std::string parentName
            = parent.substr(parent.rfind('/') == std::string::npos ? 0 : parent.rfind('/') + 1);
        std::string id = !f.extract.runFolder.empty() ? f.extract.runFolder
            : isTimestampFolder(parentName)           ? parent
                                                      : f.path;
        if (f.equivalentOf)
            id = ds.run(ds.file(*f.equivalentOf).run).id;
        if (f.duplicateOf)
            id = ds.run(ds.file(*f.duplicateOf).run).id;
        const auto [it, inserted] = runIndex.emplace(id, RunIndex(ds.runs.size()));
        if (inserted)
            ds.runs.push_back({id, {}});
        f.run = it->second;
        ds.runs[it->second.value].files.push_back(FileIndex(i));
    }

    // Variants and metrics: collect identities first, then sort, so indices are deterministic.
    std::map<std::string, std::pair<std::string, FileExtract::Dims>> variantKeys;
    std::map<std::string, std::pair<std::optional<CatalogIndex>, std::string>> metricKeys; // id -> (catalog, unit)
    for (const auto& f : ds.files) {
        if (f.duplicateOf)
            continue;
        for (const auto& dims : f.extract.groups) {
            auto [model, config] = splitModel(dims);
            variantKeys.emplace(variantId(model, config), std::pair(model, config));
        }
        for (const auto& m : f.extract.metrics)
            metricKeys.emplace(m.name, std::pair(m.catalog, m.unit));
    }
    std::unordered_map<std::string, uint32_t> variantIndex;
    for (const auto& [id, mc] : variantKeys) {
        variantIndex.emplace(id, static_cast<uint32_t>(ds.variants.size()));
        Variant v;
        v.id = id;
        v.model = mc.first;
        v.config = mc.second;
        ds.variants.push_back(std::move(v));
    }
    std::vector<std::pair<std::string, std::pair<std::optional<CatalogIndex>, std::string>>> metricList(
        metricKeys.begin(), metricKeys.end());
    std::stable_sort(metricList.begin(), metricList.end(), [](const auto& a, const auto& b) {
        // Catalog metrics first, in catalog order; then the others by name.
        const uint32_t ca = a.second.first ? a.second.first->value : UINT32_MAX;
        const uint32_t cb = b.second.first ? b.second.first->value : UINT32_MAX;
        return ca != cb ? ca < cb : a.first < b.first;
    });
    std::unordered_map<std::string, uint32_t> metricIndex;
    for (const auto& [id, cu] : metricList) {
        metricIndex.emplace(id, static_cast<uint32_t>(ds.metrics.size()));
        ds.metrics.push_back({id, cu.second, cu.first});
    }

    // Samples and reported values, in file order.
    std::vector<std::set<RunIndex>> variantRuns(ds.variants.size());
    std::vector<std::set<FileIndex>> variantFiles(ds.variants.size());
    for (uint32_t i = 0; i < count; ++i) {
        auto& f = ds.files[i];
        auto& e = f.extract;
        for (auto& d : e.diagnostics) {
            d.file = f.path;
            ds.diagnostics.push_back(d);
        }
        if (f.duplicateOf) {
            f.recognizer = ds.file(*f.duplicateOf).recognizer;
            continue;
        }
        std::vector<VariantIndex> groupVariant;
        for (const auto& dims : e.groups) {
            auto [model, config] = splitModel(dims);
            groupVariant.push_back(VariantIndex(variantIndex.at(variantId(model, config))));
        }
        f.groupVariants.assign(groupVariant.begin(), groupVariant.end());
        std::vector<uint32_t> localMetric;
        for (const auto& m : e.metrics)
            localMetric.push_back(metricIndex.at(m.name));
        const auto attach = [&](VariantIndex variant) {
            variantRuns[variant.value].insert(f.run);
            variantFiles[variant.value].insert(FileIndex(i));
        };
        if (f.equivalentOf) {
            // Its samples are already counted from the first file; it is a source of the same variants.
            for (const VariantIndex g : groupVariant)
                attach(g);
        } else {
            for (const auto& v : e.values) {
                const auto& rec = e.records[v.record];
                Locator loc = rec.locator;
                loc.key = v.key;
                if (v.pointer != Locator::kNone)
                    loc.pointer = v.pointer;
                ds.samples.variant.push_back(groupVariant[rec.group].value);
                ds.samples.metric.push_back(localMetric[v.metric]);
                ds.samples.value.push_back(v.value);
                ds.samples.file.push_back(i);
                ds.samples.record.push_back(v.record);
                ds.samples.locator.push_back(loc);
            }
        }
        for (const auto& r : e.reported) {
            attach(groupVariant[r.group]);
            ReportedValue rv;
            rv.variant = groupVariant[r.group].value;
            rv.metric = localMetric[r.metric];
            rv.statistic = r.statistic;
            rv.value = r.value;
            rv.n = r.n;
            rv.file = i;
            rv.locator = r.locator;
            ds.reported.push_back(rv);
            ++f.reported;
        }
        for (const auto& d : e.statedDeltas) {
            ds.statedDeltas.push_back({groupVariant[d.baselineGroup].value, groupVariant[d.candidateGroup].value,
                localMetric[d.metric], d.percent, i, d.locator});
        }
        // The values are now in the dataset's columns; keep only the tables behind the locators.
        e.values.clear();
        e.values.shrink_to_fit();
    }
    // Observations, failed or not, per variant and per file (the records of the files counted above).
    const ObservationCounts counts = countObservations(ds);
    for (uint32_t i = 0; i < count; ++i) {
        ds.files[i].observations = counts.fileObservations[i];
        ds.files[i].failedObservations = counts.fileFailures[i];
    }
    for (size_t v = 0; v < ds.variants.size(); ++v) {
        ds.variants[v].observations = counts.variantObservations[v];
        ds.variants[v].failedObservations = counts.variantFailures[v];
        for (const uint32_t f : counts.variantFiles[v]) {
            variantRuns[v].insert(ds.files[f].run);
            variantFiles[v].insert(FileIndex(f));
        }
        ds.variants[v].runs.assign(variantRuns[v].begin(), variantRuns[v].end());
        ds.variants[v].files.assign(variantFiles[v].begin(), variantFiles[v].end());
    }

    // Cross-check what files report against what the samples say: the same run's samples where the run has
    // them, else all samples of the variant. Each sample set is sorted and summarized once, however many
    // reported values ask about it.
    struct SampleSet
    {
        std::vector<double> values;
        Summary summary;
    };
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, SampleSet> byRun; // (variant, metric, run)
    std::map<std::pair<uint32_t, uint32_t>, SampleSet> byVariant;
    if (!ds.reported.empty()) {
        for (size_t s = 0; s < ds.samples.size(); ++s) {
            const uint32_t run = ds.files[ds.samples.file[s]].run.value;
            byRun[{ds.samples.variant[s], ds.samples.metric[s], run}].values.push_back(ds.samples.value[s]);
            byVariant[{ds.samples.variant[s], ds.samples.metric[s]}].values.push_back(ds.samples.value[s]);
        }
        const auto finish = [](SampleSet& set) {
            std::sort(set.values.begin(), set.values.end());
            set.summary = summarize(set.values);
        };
        for (auto& [key, set] : byRun)
            finish(set);
        for (auto& [key, set] : byVariant)
            finish(set);
    }
    for (auto& rv : ds.reported) {
        const uint32_t run = ds.files[rv.file].run.value;
        const SampleSet* set = nullptr;
        if (const auto it = byRun.find({rv.variant, rv.metric, run}); it != byRun.end()) {
            set = &it->second;
            rv.computedFromSameRun = true;
        } else if (const auto it2 = byVariant.find({rv.variant, rv.metric}); it2 != byVariant.end()) {
            set = &it2->second;
        }
        if (!set)
            continue;
        rv.computed = statisticOf(set->summary, set->values, rv.statistic);
        if (!rv.computed)
            continue;
        const auto* values = &set->values;
        rv.computedN = static_cast<uint32_t>(values->size());
        const double diff = std::fabs(*rv.computed - rv.value);
        const double scale = std::max(std::fabs(*rv.computed), std::fabs(rv.value));
        // Files round what they report; a difference beyond 1% (and beyond rounding of tiny values) is real.
        // A standard deviation much smaller than the mean is also moved by the rounding of the samples
        // themselves (llama-bench prints samples_ts to 2 decimals): there, compare on the scale of the mean.
        const double spreadScale = rv.statistic == Statistic::StdDev ? 0.001 * std::fabs(set->summary.mean) : 0;
        if (diff > 0.01 * scale && diff > 1e-6 && diff > spreadScale) {
            const MetricInfo& m = ds.metrics[rv.metric];
            // A prose report's numbers are tied to a variant only by its headings and "Model:" lines: a
            // disagreement there is worth a note, not a warning.
            const bool prose = ds.files[rv.file].extract.report;
            ds.diagnostics.push_back({prose ? Severity::Info : Severity::Warning, ds.files[rv.file].path,
                ds.locatorText(rv.file, rv.locator),
                fmt::format("reported {} {} = {} {} differs from {} computed from {} sample(s) of {}{}",
                    statisticName(rv.statistic), m.id, formatValue(rv.value), m.unit, formatValue(*rv.computed),
                    values->size(), ds.variants[rv.variant].id, rv.computedFromSameRun ? " in the same run" : "")});
        }
    }

    applyUserMapCounts(ds, options.userMap);

    std::stable_sort(ds.diagnostics.begin(), ds.diagnostics.end(),
        [](const Diagnostic& a, const Diagnostic& b) { return a.file < b.file; });
    return std::shared_ptr<const Dataset>(std::move(dataset));
}

} // namespace benchlens
