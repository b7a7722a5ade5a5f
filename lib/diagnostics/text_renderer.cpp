#include "diagnostics/text_renderer.hpp"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/ConvertUTF.h>
#include <llvm/Support/Locale.h>

#include <algorithm>
#include <climits>
#include <optional>
#include <ostream>
#include <span>
#include <sstream>
#include <string_view>
#include <utility>

// The snippet and caret logic follows clang 19's TextDiagnostic.cpp step by step (tab expansion, the byte-to-column
// map, trimming of highlighted whitespace, fix-it placement, the line-number gutter), so the output is byte for
// byte what clang prints for the same locations. Syntax highlighting of the source line is left out.

namespace cronc {
namespace {

constexpr unsigned tab_stop = 8;               // clang's -ftabstop default
constexpr unsigned max_snippet_lines = 16;     // clang's -fcaret-diagnostics-max-lines default
constexpr std::size_t max_line_length = 4096;  // clang prints no snippet for longer lines

// The escape sequences llvm::raw_ostream writes for the colours clang uses.
constexpr std::string_view reset = "\033[0m";
constexpr std::string_view bold = "\033[1m";
constexpr std::string_view reverse = "\033[7m";
constexpr std::string_view bold_red = "\033[0;1;31m";
constexpr std::string_view bold_green = "\033[0;1;32m";
constexpr std::string_view bold_magenta = "\033[0;1;35m";
constexpr std::string_view bold_cyan = "\033[0;1;36m";
constexpr std::string_view green = "\033[0;32m";

int bytes_since_tab_or_line_begin(std::string_view line, std::size_t i) {
  int bytes = 0;
  while (i > 0) {
    if (line[--i] == '\t') break;
    ++bytes;
  }
  return bytes;
}

struct PrintableText {
  std::string text;
  bool printable;
};

/// What the terminal shows for the character at byte `i`: a tab as spaces to the next stop, a printable UTF-8
/// character as itself, anything else as `<U+XXXX>` or `<XX>`. Advances `i` past the character.
PrintableText next_printable(std::string_view line, std::size_t& i) {
  if (line[i] == '\t') {
    unsigned spaces = tab_stop - static_cast<unsigned>(bytes_since_tab_or_line_begin(line, i)) % tab_stop;
    ++i;
    return {std::string(spaces, ' '), true};
  }
  const auto* begin = reinterpret_cast<const llvm::UTF8*>(line.data()) + i;
  const auto* line_end = reinterpret_cast<const llvm::UTF8*>(line.data()) + line.size();
  if (*begin < 0x80 && llvm::sys::locale::isPrint(*begin)) {
    ++i;
    return {std::string(1, line[i - 1]), true};
  }
  unsigned size = llvm::getNumBytesForUTF8(*begin);
  const llvm::UTF8* end = begin + size;
  if (end <= line_end && llvm::isLegalUTF8Sequence(begin, end)) {
    llvm::UTF32 c = 0;
    llvm::UTF32* target = &c;
    const llvm::UTF8* source = begin;
    llvm::ConvertUTF8toUTF32(&source, end, &target, target + 1, llvm::strictConversion);
    std::string original(line.substr(i, size));
    i += size;
    if (llvm::sys::locale::isPrint(static_cast<int>(c))) return {std::move(original), true};
    std::string escaped = "<U+>";
    for (; c != 0; c /= 16) escaped.insert(escaped.begin() + 3, llvm::hexdigit(c % 16));
    while (escaped.size() < 8) escaped.insert(escaped.begin() + 3, '0');
    return {std::move(escaped), false};
  }
  std::string escaped = "<XX>";
  auto byte = static_cast<unsigned char>(line[i]);
  escaped[1] = llvm::hexdigit(byte / 16);
  escaped[2] = llvm::hexdigit(byte % 16);
  ++i;
  return {std::move(escaped), false};
}

int column_width(std::string_view text) {
  int width = llvm::sys::locale::columnWidth(text);
  return width < 0 ? static_cast<int>(text.size()) : width;
}

void expand_tabs(std::string& text) {
  for (std::size_t i = text.size(); i-- > 0;) {
    if (text[i] != '\t') continue;
    std::size_t at = i;
    text.replace(i, 1, next_printable(text, at).text);
  }
}

/// Which display column each byte of a line starts, and which byte starts each column (-1: none).
class ColumnMap {
 public:
  explicit ColumnMap(std::string_view line) : line_(line) {
    if (line.empty()) {
      byte_to_column_ = {0};
      column_to_byte_ = {0};
      return;
    }
    byte_to_column_.assign(line.size() + 1, -1);
    int columns = 0;
    std::size_t i = 0;
    while (i < line.size()) {
      byte_to_column_[i] = columns;
      column_to_byte_.resize(static_cast<std::size_t>(columns) + 1, -1);
      column_to_byte_.back() = static_cast<int>(i);
      columns += column_width(next_printable(line, i).text);
    }
    byte_to_column_.back() = columns;
    column_to_byte_.resize(static_cast<std::size_t>(columns) + 1, -1);
    column_to_byte_.back() = static_cast<int>(i);
  }

  std::string_view line() const { return line_; }
  int bytes() const { return column_to_byte_.back(); }

  int containing_column(int byte) const {
    byte = std::clamp(byte, 0, bytes());
    while (byte_to_column_[static_cast<std::size_t>(byte)] == -1) --byte;
    return byte_to_column_[static_cast<std::size_t>(byte)];
  }
  int start_of_next_column(int byte) const {
    do ++byte;
    while (byte_to_column_[static_cast<std::size_t>(byte)] == -1);
    return byte;
  }
  int start_of_previous_column(int byte) const {
    do --byte;
    while (byte_to_column_[static_cast<std::size_t>(byte)] == -1);
    return byte;
  }

 private:
  std::string_view line_;
  std::vector<int> byte_to_column_;
  std::vector<int> column_to_byte_;
};

/// The bytes [start, end) of one line to mark with `~`.
struct LineRange {
  unsigned line;
  int start;
  int end;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

void highlight(const LineRange& range, const ColumnMap& map, std::string& caret_line) {
  std::string_view line = map.line();
  int start = std::clamp(range.start, 0, map.bytes());
  while (start < map.bytes() && is_blank(line[static_cast<std::size_t>(start)])) {
    start = map.start_of_next_column(start);
  }
  int end = std::clamp(range.end, 0, map.bytes());
  while (end != 0 && is_blank(line[static_cast<std::size_t>(end) - 1])) end = map.start_of_previous_column(end);
  // Only whitespace: most likely a blank line inside a multi-line range.
  if (start > end) return;
  auto start_column = static_cast<std::size_t>(map.containing_column(start));
  auto end_column = static_cast<std::size_t>(map.containing_column(end));
  if (caret_line.size() < end_column) caret_line.resize(end_column, ' ');
  std::fill(caret_line.begin() + static_cast<std::ptrdiff_t>(start_column),
            caret_line.begin() + static_cast<std::ptrdiff_t>(end_column), '~');
}

unsigned display_width(unsigned number) {
  unsigned width = 1;
  for (unsigned limit = 10; limit <= number && width < 10; limit *= 10) ++width;
  return width;
}

/// Grows the inclusive line span `a` towards `b` without making it longer than `max_lines` (clang's maybeAddRange).
std::pair<unsigned, unsigned> add_lines(std::pair<unsigned, unsigned> a, std::pair<unsigned, unsigned> b,
                                        unsigned max_lines) {
  unsigned slack = max_lines - (a.second - a.first + 1);
  if (slack == 0) return a;
  unsigned min = std::min(a.first, b.first);
  unsigned max = std::max(a.second, b.second);
  if (max - min + 1 <= max_lines) return {min, max};
  if ((b.first > a.first && b.first - a.first + 1 > max_lines) ||
      (b.second < a.second && a.second - b.second + 1 > max_lines)) {
    return a;
  }
  a.second = std::min(a.second + (slack + 1) / 2, max);
  slack = max_lines - (a.second - a.first + 1);
  a.first = std::max(min + slack, a.first) - slack;
  a.second = std::min(a.first + max_lines - 1, max);
  return a;
}

bool same_point(const SourceLocation& a, const SourceLocation& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column;
}

/// A range clang would underline: valid, in one file, and not empty. An empty range is a bare caret.
bool is_marked(const SourceRange& range) {
  return range.begin.valid() && range.end.valid() && range.begin.file == range.end.file &&
         !same_point(range.begin, range.end);
}

class Printer {
 public:
  Printer(const SourceFiles& files, std::ostream& out, bool color) : files_(files), out_(out), color_(color) {}

  void print(const Diagnostic& diagnostic) {
    std::vector<SourceRange> ranges;
    if (is_marked(diagnostic.range)) ranges.push_back(diagnostic.range);
    for (const FixIt& fixit : diagnostic.fixits) {
      if (!fixit.range.begin.valid()) continue;
      SourceRange removed = fixit.range;
      if (!removed.end.valid()) removed.end = removed.begin;
      ranges.push_back(removed);
    }
    std::string message = diagnostic.message;
    if (!diagnostic.rule.empty()) message += " [" + diagnostic.rule + "]";
    emit(diagnostic.severity, diagnostic.range.begin, message, ranges, diagnostic.fixits);

    for (const Note& note : diagnostic.notes) {
      std::vector<SourceRange> note_ranges;
      if (is_marked(note.range)) note_ranges.push_back(note.range);
      emit(Severity::note, note.range.begin, note.message, note_ranges, {});
    }
  }

  void summary(std::size_t warnings, std::size_t errors) {
    if (warnings != 0) out_ << warnings << " warning" << (warnings == 1 ? "" : "s");
    if (warnings != 0 && errors != 0) out_ << " and ";
    if (errors != 0) out_ << errors << " error" << (errors == 1 ? "" : "s");
    if (warnings != 0 || errors != 0) out_ << " generated.\n";
  }

 private:
  void paint(std::string_view escape) {
    if (color_) out_ << escape;
  }

  void emit(Severity level, const SourceLocation& location, std::string_view message,
            const std::vector<SourceRange>& ranges, std::span<const FixIt> fixits) {
    if (location.valid()) {
      paint(bold);
      out_ << location.file << ':' << location.line;
      if (location.column != 0) out_ << ':' << location.column;
      out_ << ": ";
      paint(reset);
    } else {
      out_ << "cronc: ";
    }
    switch (level) {
      case Severity::error:
        paint(bold_red);
        out_ << "error: ";
        break;
      case Severity::warning:
        paint(bold_magenta);
        out_ << "warning: ";
        break;
      case Severity::note:
        paint(bold_cyan);
        out_ << "note: ";
        break;
    }
    paint(reset);
    // The primary message is bold; a note's is not, to set it apart.
    if (level != Severity::note) paint(bold);
    out_ << message;
    paint(reset);
    out_ << '\n';

    if (location.valid()) snippet(level, location, ranges, fixits);
    last_location_ = location;
    last_level_ = level;
  }

  /// The source lines under a diagnostic with their caret lines and fix-it lines.
  void snippet(Severity level, const SourceLocation& caret, const std::vector<SourceRange>& all_ranges,
               std::span<const FixIt> fixits) {
    // Several diagnostics at one place show its snippet once, unless they add ranges or fix-its of their own.
    if (same_point(caret, last_location_) && all_ranges.empty() && fixits.empty() &&
        (last_level_ != Severity::note || level == last_level_)) {
      return;
    }
    if (caret.column > max_line_length || !files_.content(caret.file)) return;

    std::vector<SourceRange> ranges;
    for (const SourceRange& range : all_ranges) {
      if (range.begin.file == caret.file && range.end.file == caret.file) ranges.push_back(range);
    }

    std::pair<unsigned, unsigned> lines{caret.line, caret.line};
    unsigned first_display_line = caret.line;
    for (const SourceRange& range : ranges) {
      lines = add_lines(lines, {range.begin.line, range.end.line}, max_snippet_lines);
      first_display_line = std::min(first_display_line, range.begin.line);
    }
    const unsigned gutter = std::max(4u, display_width(first_display_line + max_snippet_lines));

    std::vector<LineRange> line_ranges;
    for (const SourceRange& range : ranges) {
      if (range.begin.line > lines.second || range.end.line < lines.first) continue;
      int start = static_cast<int>(range.begin.column) - 1;
      int end = static_cast<int>(range.end.column) - 1;
      if (range.begin.line == range.end.line) {
        line_ranges.push_back({range.begin.line, start, end});
        continue;
      }
      line_ranges.push_back({range.begin.line, start, INT_MAX});
      // Only the middle lines that are printed: a range may span far more than the snippet shows.
      unsigned last_middle = std::min(range.end.line - 1, lines.second);
      for (unsigned middle = std::max(range.begin.line + 1, lines.first); middle <= last_middle; ++middle) {
        line_ranges.push_back({middle, 0, INT_MAX});
      }
      line_ranges.push_back({range.end.line, 0, end});
    }

    for (unsigned number = lines.first; number <= lines.second; ++number) {
      std::optional<std::string_view> line = files_.line(caret.file, number);
      if (!line) break;
      if (line->size() > max_line_length) return;
      const ColumnMap map(*line);

      std::string caret_line;
      for (const LineRange& range : line_ranges) {
        if (range.line == number) highlight(range, map, caret_line);
      }
      if (number == caret.line) {
        auto column = static_cast<std::size_t>(map.containing_column(static_cast<int>(caret.column) - 1));
        caret_line.resize(std::max(column + 1, caret_line.size()), ' ');
        caret_line[column] = '^';
      }
      std::string fixit_line = fixit_insertions(caret.file, number, map, fixits);

      out_ << std::string(gutter - display_width(number) + 1, ' ') << number << " | ";
      source_line(*line);
      if (!caret_line.empty()) {
        out_ << std::string(gutter + 2, ' ') << "| ";
        paint(bold_green);
        out_ << caret_line << '\n';
        paint(reset);
      }
      if (!fixit_line.empty()) {
        out_ << std::string(gutter + 2, ' ') << "| ";
        paint(green);
        out_ << fixit_line << '\n';
        paint(reset);
      }
    }
  }

  /// The source line as the terminal should show it; unprintable bytes in reverse video when in colour.
  void source_line(std::string_view line) {
    bool reversed = false;
    for (std::size_t i = 0; i < line.size();) {
      PrintableText next = next_printable(line, i);
      if (color_ && next.printable == reversed) {
        reversed = !reversed;
        out_ << (reversed ? reverse : reset);
      }
      out_ << next.text;
    }
    paint(reset);
    out_ << '\n';
  }

  /// The replacement texts that start on this line, each under the column it replaces (clang's
  /// buildFixItInsertionLine); a replacement that would overlap the one before it moves right.
  static std::string fixit_insertions(const std::string& file, unsigned number, const ColumnMap& map,
                                      std::span<const FixIt> fixits) {
    std::string result;
    int previous_end = 0;
    for (const FixIt& fixit : fixits) {
      const SourceLocation& at = fixit.range.begin;
      if (fixit.replacement.empty() || at.file != file || at.line != number || at.column == 0 ||
          fixit.replacement.find_first_of("\r\n") != std::string::npos) {
        continue;
      }
      int column = map.containing_column(static_cast<int>(at.column) - 1);
      if (column < previous_end) column = previous_end + 1;
      std::size_t size = result.size() + static_cast<std::size_t>(column - previous_end) + fixit.replacement.size();
      if (size > result.size()) result.resize(size, ' ');
      std::copy(fixit.replacement.begin(), fixit.replacement.end(),
                result.end() - static_cast<std::ptrdiff_t>(fixit.replacement.size()));
      previous_end = column + column_width(fixit.replacement);
    }
    expand_tabs(result);
    return result;
  }

  const SourceFiles& files_;
  std::ostream& out_;
  bool color_;
  SourceLocation last_location_;
  Severity last_level_ = Severity::error;
};

}  // namespace

void render_text(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files, std::ostream& out,
                 bool color) {
  Printer printer(files, out, color);
  std::size_t warnings = 0;
  std::size_t errors = 0;
  for (const Diagnostic& diagnostic : diagnostics) {
    printer.print(diagnostic);
    if (diagnostic.severity == Severity::error) ++errors;
    if (diagnostic.severity == Severity::warning) ++warnings;
  }
  printer.summary(warnings, errors);
}

std::string render_text(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files, bool color) {
  std::ostringstream out;
  render_text(diagnostics, files, out, color);
  return std::move(out).str();
}

}  // namespace cronc
