#include "cli/analyze_command.hpp"

#include "diagnostics/fixes_yaml_renderer.hpp"
#include "diagnostics/sarif_renderer.hpp"
#include "diagnostics/source_files.hpp"
#include "diagnostics/text_renderer.hpp"
#include "emit/depfile_emitter.hpp"
#include "emit/manifest_emitter.hpp"
#include "emit/output_file.hpp"
#include "emit/stub_emitter.hpp"
#include "rules/rule_registry.hpp"

#include <ostream>
#include <sstream>

namespace cronc {

namespace {

std::vector<RuleDescription> rule_descriptions() {
  std::vector<RuleDescription> descriptions;
  for (const Rule& rule : all_rules()) descriptions.push_back({rule.id, rule.summary, rule.help, rule.level});
  return descriptions;
}

}  // namespace

int run_analysis(const AnalyzeCommand& command, std::ostream& err) {
  AnalysisResult result;
  analyze(command.analyzer, result);
  if (!result.fatal_error.empty()) {
    err << "cronc: error: " << result.fatal_error << "\n";
    return 2;
  }
  err << result.compiler_output;
  std::vector<Diagnostic> diagnostics = result.diagnostics.sorted();
  SourceFiles files;
  render_text(diagnostics, files, err, command.color);

  std::string error;
  if (!command.sarif_file.empty()) {
    std::ostringstream sarif;
    auto rules = rule_descriptions();
    render_sarif(diagnostics, rules, command.analyzer.root, sarif);
    if (!write_if_changed(command.sarif_file, sarif.str(), error)) {
      err << "cronc: error: " << error << "\n";
      return 2;
    }
  }
  if (!command.fixes_file.empty()) {
    std::ostringstream fixes;
    render_fixes_yaml(diagnostics, files, fixes);
    if (!write_if_changed(command.fixes_file, fixes.str(), error)) {
      err << "cronc: error: " << error << "\n";
      return 2;
    }
  }
  if (result.has_errors()) return 1;

  // Generated files: all rendered before any is written, so a failure leaves none half-done.
  std::vector<std::pair<std::string, std::string>> outputs;
  if (!command.manifest_file.empty())
    outputs.emplace_back(command.manifest_file, render_manifest(result.jobs, command.analyzer.root));
  if (!command.stub_file.empty()) outputs.emplace_back(command.stub_file, render_stub(result.jobs));
  if (!command.depfile.empty()) {
    std::string target = !command.stub_file.empty() ? command.stub_file : command.manifest_file;
    outputs.emplace_back(command.depfile, render_depfile(target, result.files_read));
  }
  for (const auto& [path, content] : outputs) {
    if (!write_if_changed(path, content, error)) {
      err << "cronc: error: " << error << "\n";
      return 2;
    }
  }
  return 0;
}

}  // namespace cronc
