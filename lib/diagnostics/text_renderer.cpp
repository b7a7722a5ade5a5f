#include "diagnostics/text_renderer.hpp"

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/LangOptions.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/TextDiagnostic.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <map>
#include <optional>
#include <ostream>
#include <sstream>

// Clang's own TextDiagnostic prints every diagnostic whose file cronc can read, over a SourceManager that holds
// the files' texts, so snippets, carets, ranges and fix-its are clang's to the byte. Two shapes clang's renderer
// cannot print are written here with its static helpers: a diagnostic without a location (`cronc: error: ...`,
// as clang's TextDiagnosticPrinter writes its prefix) and one in a file that cannot be read (the location and
// message with no snippet, where clang's SourceManager would need the file's lines). The summary line is the
// compiler's, not the renderer's, in clang too.

namespace cronc {
namespace {

clang::DiagnosticsEngine::Level clang_level(Severity severity) {
  switch (severity) {
    case Severity::error:
      return clang::DiagnosticsEngine::Error;
    case Severity::warning:
      return clang::DiagnosticsEngine::Warning;
    case Severity::note:
      return clang::DiagnosticsEngine::Note;
  }
  return clang::DiagnosticsEngine::Error;
}

/// A range clang would underline: valid, in one file, and not empty. An empty range is a bare caret.
bool is_marked(const SourceRange& range) {
  return range.begin.valid() && range.end.valid() && range.begin.file == range.end.file &&
         (range.begin.line != range.end.line || range.begin.column != range.end.column);
}

class Printer {
 public:
  Printer(const SourceFiles& files, llvm::raw_ostream& out, bool color)
      : files_(files),
        out_(out),
        file_system_(llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>()),
        file_manager_(clang::FileSystemOptions{}, file_system_),
        options_(make_options(color)),
        engine_(llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(), options_.get(), &ignored_,
                /*ShouldOwnClient=*/false),
        sources_(engine_, file_manager_),
        renderer_(out, language_, options_.get()) {}

  void print(const Diagnostic& diagnostic) {
    std::vector<clang::CharSourceRange> ranges;
    if (is_marked(diagnostic.range)) add_range(diagnostic.range, ranges);
    std::vector<clang::FixItHint> hints;
    for (const FixIt& fixit : diagnostic.fixits) {
      clang::CharSourceRange removed = char_range(fixit.range);
      if (removed.isInvalid()) continue;
      clang::FixItHint hint;
      hint.RemoveRange = removed;
      hint.CodeToInsert = fixit.replacement;
      hints.push_back(std::move(hint));
    }
    std::string message = diagnostic.message;
    if (!diagnostic.rule.empty()) message += " [" + diagnostic.rule + "]";
    emit(diagnostic.severity, diagnostic.range.begin, message, ranges, hints);

    for (const Note& note : diagnostic.notes) {
      std::vector<clang::CharSourceRange> note_ranges;
      if (is_marked(note.range)) add_range(note.range, note_ranges);
      emit(Severity::note, note.range.begin, note.message, note_ranges, {});
    }
  }

 private:
  static llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> make_options(bool color) {
    auto options = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
    options->ShowColors = color;
    return options;
  }

  void emit(Severity level, const SourceLocation& location, llvm::StringRef message,
            llvm::ArrayRef<clang::CharSourceRange> ranges, llvm::ArrayRef<clang::FixItHint> hints) {
    if (!location.valid()) {
      out_ << "cronc: ";
      message_only(level, message);
      return;
    }
    clang::SourceLocation at = locate(location);
    if (at.isInvalid()) {
      // The file cannot be read: clang's location line without the snippet.
      if (options_->ShowColors) out_.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
      out_ << location.file << ':' << location.line;
      if (location.column != 0) out_ << ':' << location.column;
      out_ << ": ";
      if (options_->ShowColors) out_.resetColor();
      message_only(level, message);
      return;
    }
    renderer_.emitDiagnostic(clang::FullSourceLoc(at, sources_), clang_level(level), message, ranges, hints);
  }

  void message_only(Severity level, llvm::StringRef message) {
    clang::TextDiagnostic::printDiagnosticLevel(out_, clang_level(level), options_->ShowColors);
    clang::TextDiagnostic::printDiagnosticMessage(out_, level == Severity::note, message, 0, 0, options_->ShowColors);
  }

  void add_range(const SourceRange& range, std::vector<clang::CharSourceRange>& ranges) {
    clang::CharSourceRange converted = char_range(range);
    if (converted.isValid()) ranges.push_back(converted);
  }

  /// `range` as Clang's half-open character range; an invalid end is the begin (an insertion).
  clang::CharSourceRange char_range(const SourceRange& range) {
    if (!range.begin.valid()) return {};
    clang::SourceLocation begin = locate(range.begin);
    clang::SourceLocation end = range.end.valid() ? locate(range.end) : begin;
    if (begin.isInvalid() || end.isInvalid()) return {};
    return clang::CharSourceRange::getCharRange(begin, end);
  }

  /// The Clang location of a line and column in a readable file, or an invalid one.
  clang::SourceLocation locate(const SourceLocation& location) {
    std::optional<clang::FileID> file = file_id(location.file);
    if (!file) return {};
    std::optional<unsigned> offset = files_.offset(location.file, location.line, std::max(location.column, 1u));
    if (!offset) return {};
    return sources_.getComposedLoc(*file, *offset);
  }

  std::optional<clang::FileID> file_id(const std::string& path) {
    auto [known, inserted] = file_ids_.try_emplace(path);
    if (inserted) {
      if (std::optional<std::string_view> content = files_.content(path)) {
        file_system_->addFile(path, 0, llvm::MemoryBuffer::getMemBuffer(*content, path, /*RequiresNullTerminator=*/false));
        if (auto entry = file_manager_.getOptionalFileRef(path))
          known->second = sources_.createFileID(*entry, clang::SourceLocation(), clang::SrcMgr::C_User);
      }
    }
    return known->second;
  }

  const SourceFiles& files_;
  llvm::raw_ostream& out_;
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> file_system_;
  clang::FileManager file_manager_;
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> options_;
  clang::IgnoringDiagConsumer ignored_;
  clang::DiagnosticsEngine engine_;
  clang::SourceManager sources_;
  clang::LangOptions language_;
  clang::TextDiagnostic renderer_;
  std::map<std::string, std::optional<clang::FileID>> file_ids_;
};

}  // namespace

void render_text(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files, std::ostream& out,
                 bool color) {
  std::string text;
  {
    llvm::raw_string_ostream stream(text);
    stream.enable_colors(color);
    Printer printer(files, stream, color);
    for (const Diagnostic& diagnostic : diagnostics) printer.print(diagnostic);
  }
  std::size_t warnings = 0;
  std::size_t errors = 0;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity == Severity::error) ++errors;
    if (diagnostic.severity == Severity::warning) ++warnings;
  }
  out << text;
  if (warnings != 0) out << warnings << " warning" << (warnings == 1 ? "" : "s");
  if (warnings != 0 && errors != 0) out << " and ";
  if (errors != 0) out << errors << " error" << (errors == 1 ? "" : "s");
  if (warnings != 0 || errors != 0) out << " generated.\n";
}

std::string render_text(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files, bool color) {
  std::ostringstream out;
  render_text(diagnostics, files, out, color);
  return std::move(out).str();
}

}  // namespace cronc
