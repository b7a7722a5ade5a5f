#include "diagnostics/sarif_renderer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>

#ifndef CRONC_VERSION
#define CRONC_VERSION "0.1.0"
#endif

namespace cronc {
namespace {

// Keeps keys in the order written, which is the order the SARIF specification lists them: easier to read, and
// just as deterministic as sorted keys.
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr std::string_view schema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view source_root = "%SRCROOT%";

std::string_view level_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "none";
}

/// `path` as a URI path: unreserved characters and `/` as they are, every other byte as `%XX` (RFC 3986).
std::string percent_encoded(std::string_view path) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string result;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                      byte == '-' || byte == '.' || byte == '_' || byte == '~' || byte == '/';
    if (unreserved) {
      result += c;
    } else {
      result += '%';
      result += hex[byte >> 4];
      result += hex[byte & 0xF];
    }
  }
  return result;
}

fs::path absolute_path(std::string_view path) {
  std::error_code error;
  fs::path absolute = fs::absolute(fs::path(path), error);
  return (error ? fs::path(path) : absolute).lexically_normal();
}

/// Turns cronc's file paths and byte columns into SARIF artifact locations and regions.
class Locator {
 public:
  Locator(std::string_view root, const SourceFiles* sources) : sources_(sources) {
    if (root.empty()) return;
    root_ = absolute_path(root);
    if (!root_.has_filename()) root_ = root_.parent_path();  // "/src/" and "/src" are one root
  }

  /// `originalUriBaseIds`, which tells consumers where `%SRCROOT%` is; null when there is no root.
  Json base_ids() const {
    if (root_.empty()) return nullptr;
    std::string uri = "file://" + percent_encoded(root_.generic_string());
    if (uri.back() != '/') uri += '/';
    return Json{{source_root, {{"uri", uri}}}};
  }

  Json artifact(const std::string& file) const {
    fs::path path = absolute_path(file);
    if (!root_.empty()) {
      fs::path relative = path.lexically_relative(root_);
      if (!relative.empty() && *relative.begin() != ".." && relative != ".") {
        return {{"uri", percent_encoded(relative.generic_string())}, {"uriBaseId", source_root}};
      }
    }
    return {{"uri", "file://" + percent_encoded(path.generic_string())}};
  }

  /// A region; an empty or open-ended range becomes the zero-length region at its start.
  Json region(const SourceRange& range) const {
    const SourceLocation& begin = range.begin;
    bool has_end = range.end.valid() && range.end.file == begin.file;
    const SourceLocation& end = has_end ? range.end : begin;
    return {{"startLine", begin.line},
            {"startColumn", column(begin)},
            {"endLine", end.line},
            {"endColumn", column(end)}};
  }

  Json physical(const SourceRange& range) const {
    return {{"artifactLocation", artifact(range.begin.file)}, {"region", region(range)}};
  }

 private:
  /// The 1-based column in UTF-16 code units when the line can be read, else in bytes.
  unsigned column(const SourceLocation& location) const {
    if (sources_ == nullptr || location.column == 0) return location.column;
    std::optional<std::string_view> line = sources_->line(location.file, location.line);
    if (!line || location.column - 1 > line->size()) return location.column;
    unsigned units = 0;
    for (char c : line->substr(0, location.column - 1)) {
      auto byte = static_cast<unsigned char>(c);
      if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;  // a code point past U+FFFF is a surrogate pair
    }
    return units + 1;
  }

  fs::path root_;
  const SourceFiles* sources_;
};

Json rule_json(const RuleDescription& rule) {
  return {{"id", rule.id},
          {"shortDescription", {{"text", rule.summary}}},
          {"help", {{"text", rule.help}}},
          {"defaultConfiguration", {{"level", level_name(rule.level)}}}};
}

/// All fix-its of one diagnostic as one SARIF fix: they are meant to be applied together.
Json fix_json(const std::vector<FixIt>& fixits, const Locator& locator) {
  Json changes = Json::array();
  std::map<std::string, std::size_t> change_of_file;
  for (const FixIt& fixit : fixits) {
    if (!fixit.range.begin.valid()) continue;
    auto [it, added] = change_of_file.try_emplace(fixit.range.begin.file, changes.size());
    if (added) {
      changes.push_back(
          {{"artifactLocation", locator.artifact(fixit.range.begin.file)}, {"replacements", Json::array()}});
    }
    Json replacement = {{"deletedRegion", locator.region(fixit.range)}};
    if (!fixit.replacement.empty()) replacement["insertedContent"] = {{"text", fixit.replacement}};
    changes[it->second]["replacements"].push_back(std::move(replacement));
  }
  return {{"artifactChanges", std::move(changes)}};
}

Json result_json(const Diagnostic& diagnostic, const std::map<std::string_view, std::size_t>& rule_index,
                 const Locator& locator) {
  Json result = Json::object();
  if (!diagnostic.rule.empty()) {
    result["ruleId"] = diagnostic.rule;
    if (auto it = rule_index.find(diagnostic.rule); it != rule_index.end()) result["ruleIndex"] = it->second;
  }
  result["level"] = level_name(diagnostic.severity);
  result["message"] = {{"text", diagnostic.message}};
  if (diagnostic.range.valid()) {
    result["locations"] = Json::array({{{"physicalLocation", locator.physical(diagnostic.range)}}});
  }
  if (!diagnostic.notes.empty()) {
    Json related = Json::array();
    for (std::size_t i = 0; i < diagnostic.notes.size(); ++i) {
      const Note& note = diagnostic.notes[i];
      Json location = {{"id", i}};
      if (note.range.valid()) location["physicalLocation"] = locator.physical(note.range);
      location["message"] = {{"text", note.message}};
      related.push_back(std::move(location));
    }
    result["relatedLocations"] = std::move(related);
  }
  bool has_fix = std::any_of(diagnostic.fixits.begin(), diagnostic.fixits.end(),
                             [](const FixIt& fixit) { return fixit.range.begin.valid(); });
  if (has_fix) result["fixes"] = Json::array({fix_json(diagnostic.fixits, locator)});
  return result;
}

}  // namespace

void render_sarif(const std::vector<Diagnostic>& diagnostics, std::span<const RuleDescription> rules,
                  std::string_view root, std::ostream& out, const SourceFiles* sources) {
  const Locator locator(root, sources);

  std::map<std::string_view, std::size_t> rule_index;
  Json rules_json = Json::array();
  for (const RuleDescription& rule : rules) {
    rule_index.try_emplace(rule.id, rules_json.size());
    rules_json.push_back(rule_json(rule));
  }

  Json results = Json::array();
  for (const Diagnostic& diagnostic : diagnostics) results.push_back(result_json(diagnostic, rule_index, locator));

  Json driver = {{"name", "cronc"}, {"version", CRONC_VERSION}, {"rules", std::move(rules_json)}};
  Json run = {{"tool", {{"driver", std::move(driver)}}}};
  if (Json base_ids = locator.base_ids(); !base_ids.is_null()) run["originalUriBaseIds"] = std::move(base_ids);
  run["results"] = std::move(results);

  Json log = {{"$schema", schema}, {"version", "2.1.0"}, {"runs", Json::array({std::move(run)})}};
  // Invalid UTF-8 from a user's file must not abort the report: replace it with U+FFFD.
  out << log.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace cronc
