#pragma once

// Helpers shared by the libFuzzer targets in tests/fuzz: a private temporary folder for targets that go through
// the file system (ingestFolder), splitting one fuzz input into several files, and a Dataset whose model names,
// configuration values and cell text come from the input.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {
struct Dataset;
}

namespace benchlens::fuzz {

// The fuzz input as bytes.
inline std::string_view bytesOf(const uint8_t* data, size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

// Reads every byte of `s`, so that a view into freed or out-of-bounds memory is caught by ASan here, where the
// writer or parser handed it out, and not later.
void touch(std::string_view s);

// A folder made with mkdtemp under $TMPDIR (or /tmp), private to this process and removed when it exits normally.
// `reset()` empties it between inputs.
class FuzzFolder
{
public:
    static FuzzFolder& instance();
    ~FuzzFolder();
    const std::string& path() const { return m_path; }
    void reset();
    // Writes `bytes` to `relativePath` (folders created as needed).
    void write(const std::string& relativePath, std::string_view bytes);

private:
    FuzzFolder();
    std::string m_path;
};

// Splits `bytes` at the ASCII record separator 0x1E into at most `maxParts` parts (the last one keeps the rest).
std::vector<std::string_view> splitParts(std::string_view bytes, size_t maxParts);

// A Dataset read from a small folder written from the input: a CSV and a JSON file whose model names,
// configuration key and values, metric column name and free-text cells are the input's lines, plus a Markdown
// report quoting them. Two or three variants, a few samples each, so that statistics, comparisons and sweeps
// have something to compute. Returns nullptr when the ingest fails (it should not: the folder exists).
std::shared_ptr<const Dataset> datasetFromInput(std::string_view bytes);

} // namespace benchlens::fuzz
