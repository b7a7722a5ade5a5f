#include "diagnostics/fixes_yaml_renderer.hpp"

#include <clang/Tooling/Core/Diagnostic.h>
#include <clang/Tooling/Core/Replacement.h>
#include <clang/Tooling/DiagnosticsYaml.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/YAMLTraits.h>
#include <llvm/Support/raw_os_ostream.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>

// Clang's own YAML traits write the document, so the format is exactly the one clang-apply-replacements reads.

namespace cronc {
namespace {

namespace fs = std::filesystem;
namespace tooling = clang::tooling;

tooling::Diagnostic::Level level_of(Severity severity) {
  switch (severity) {
    case Severity::error:
      return tooling::Diagnostic::Error;
    case Severity::warning:
      return tooling::Diagnostic::Warning;
    case Severity::note:
      return tooling::Diagnostic::Remark;
  }
  return tooling::Diagnostic::Error;
}

class Converter {
 public:
  explicit Converter(const SourceFiles& files) : files_(files) {
    std::error_code error;
    fs::path current = fs::current_path(error);
    if (!error) directory_ = current.string();
  }

  tooling::Diagnostic convert(const Diagnostic& diagnostic) const {
    tooling::DiagnosticMessage message = to_message(diagnostic.message, diagnostic.range);
    for (const FixIt& fixit : diagnostic.fixits) {
      if (!fixit.range.begin.valid()) continue;
      std::string file = path(fixit.range.begin.file);
      tooling::Replacement replacement(file, offset(fixit.range.begin), length(fixit.range), fixit.replacement);
      if (llvm::Error error = message.Fix[file].add(replacement)) {
        throw std::invalid_argument("overlapping fix-its in '" + diagnostic.rule +
                                    "' diagnostic: " + llvm::toString(std::move(error)));
      }
    }
    llvm::SmallVector<tooling::DiagnosticMessage, 1> notes;
    for (const Note& note : diagnostic.notes) notes.push_back(to_message(note.message, note.range));
    return tooling::Diagnostic(diagnostic.rule, message, notes, level_of(diagnostic.severity), directory_);
  }

 private:
  tooling::DiagnosticMessage to_message(const std::string& text, const SourceRange& range) const {
    tooling::DiagnosticMessage message(text);
    message.FileOffset = 0;
    if (!range.valid()) return message;
    message.FilePath = path(range.begin.file);
    message.FileOffset = offset(range.begin);
    if (unsigned size = length(range); size != 0) {
      tooling::FileByteRange marked;
      marked.FilePath = message.FilePath;
      marked.FileOffset = message.FileOffset;
      marked.Length = size;
      message.Ranges.push_back(std::move(marked));
    }
    return message;
  }

  /// clang-tidy writes absolute paths; relative ones would depend on where clang-apply-replacements runs.
  static std::string path(const std::string& file) {
    std::error_code error;
    fs::path absolute = fs::absolute(fs::path(file), error);
    return (error ? fs::path(file) : absolute).lexically_normal().string();
  }

  unsigned offset(const SourceLocation& location) const {
    bool unset = location.offset == 0 && (location.line > 1 || location.column > 1);
    if (unset) {
      if (std::optional<unsigned> computed = files_.offset(location.file, location.line, location.column)) {
        return *computed;
      }
    }
    return location.offset;
  }

  unsigned length(const SourceRange& range) const {
    if (!range.end.valid() || range.end.file != range.begin.file) return 0;
    unsigned begin = offset(range.begin);
    unsigned end = offset(range.end);
    return end > begin ? end - begin : 0;
  }

  const SourceFiles& files_;
  std::string directory_;
};

}  // namespace

void render_fixes_yaml(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files, std::ostream& out) {
  const Converter converter(files);
  tooling::TranslationUnitDiagnostics document;
  for (const Diagnostic& diagnostic : diagnostics) document.Diagnostics.push_back(converter.convert(diagnostic));

  llvm::raw_os_ostream stream(out);
  llvm::yaml::Output yaml(stream);
  yaml << document;
  stream.flush();
}

}  // namespace cronc
