#include "models/report/verify.h"

#include "models/ingest/scanner.h"
#include "models/util/escape.h"

#include <QCryptographicHash>
#include <QFile>
#include <QString>

#include <fstream>
#include <map>
#include <vector>

namespace benchlens {

namespace {
bool isHex(std::string_view s)
{
    return s.size() == 64
        && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The first code span of a Markdown table row: "| `path` | ..." (fenced with as many backticks as needed; a '|'
// inside is written "\|").
std::optional<std::string> markdownPath(std::string_view line)
{
    const auto open = line.find('`');
    if (open == std::string_view::npos)
        return std::nullopt;
    size_t fence = 0;
    while (open + fence < line.size() && line[open + fence] == '`')
        ++fence;
    const std::string closing(fence, '`');
    const auto close = line.find(closing, open + fence);
    if (close == std::string_view::npos)
        return std::nullopt;
    std::string body(line.substr(open + fence, close - open - fence));
    if (fence > 1 && body.size() >= 2 && body.front() == ' ' && body.back() == ' ')
        body = body.substr(1, body.size() - 2);
    std::string out;
    for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '|')
            continue;
        out.push_back(body[i]);
    }
    return out;
}
} // namespace

std::vector<std::pair<std::string, std::string>> reportChecksums(std::string_view text)
{
    std::vector<std::pair<std::string, std::string>> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        const auto at = line.find("sha256:");
        if (at == std::string_view::npos || !isHex(line.substr(at + 7, 64)))
            continue;
        const std::string hex(line.substr(at + 7, 64));
        if (line.starts_with("benchlens-input sha256:")) {
            // A PDF's XMP metadata: "benchlens-input sha256:<hex> <path>" (XML-escaped).
            const auto space = line.find(' ', at + 7 + 64);
            if (space != std::string_view::npos)
                out.emplace_back(unescapeHtml(line.substr(space + 1)), hex);
        } else if (line.starts_with("<tr>")) {
            const auto open = line.find("<code>");
            const auto close = line.find("</code>", open);
            if (open != std::string_view::npos && close != std::string_view::npos)
                out.emplace_back(unescapeHtml(line.substr(open + 6, close - open - 6)), hex);
        } else if (line.starts_with("|")) {
            if (auto path = markdownPath(line))
                out.emplace_back(std::move(*path), hex);
        }
    }
    return out;
}

Result<VerifyResult> verifyFolder(
    const std::string& root, const std::vector<std::pair<std::string, std::string>>& checksums)
{
    auto scan = scanFolder(root);
    if (!scan)
        return Error {scan.error()};
    std::map<std::string, std::string> expected(checksums.begin(), checksums.end());
    VerifyResult r;
    for (const auto& f : scan.value().files) {
        const auto it = expected.find(f.relativePath);
        if (it == expected.end()) {
            r.added.push_back(f.relativePath);
            continue;
        }
        // Opened by its bytes on disk: a name that is not UTF-8 does not survive a trip through QString.
        std::ifstream file(f.absolutePath, std::ios::binary);
        if (!file)
            return Error {f.relativePath + ": cannot be opened"};
        QCryptographicHash hash(QCryptographicHash::Sha256);
        std::vector<char> chunk(1 << 16);
        while (file) {
            file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            hash.addData(QByteArrayView(chunk.data(), static_cast<qsizetype>(file.gcount())));
        }
        if (file.bad())
            return Error {f.relativePath + ": cannot be read"};
        if (hash.result().toHex().toStdString() != it->second)
            r.changed.push_back(f.relativePath);
        ++r.checked;
        expected.erase(it);
    }
    for (const auto& [path, hex] : expected)
        r.missing.push_back(path);
    return r;
}

} // namespace benchlens
