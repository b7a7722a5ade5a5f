// The cronc command line: parses options with LLVM's cl and hands the work to lib/.

#include "cli/analyze_command.hpp"
#include "cli/export_command.hpp"
#include "cli/schedule_commands.hpp"

#include <cron/schedule.hpp>

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/raw_ostream.h>

#include <chrono>
#include <iostream>

namespace cl = llvm::cl;

namespace {

cl::OptionCategory schedule_category("Schedule options");

cl::SubCommand next_command("next", "Print the next fire times of a schedule (UTC, ISO-8601)");
cl::SubCommand explain_command("explain", "Describe a schedule in English and print its next fire times");

cl::opt<std::string> next_expression(cl::Positional, cl::desc("<cron expression | every 2h>"), cl::sub(next_command),
                                     cl::sub(explain_command));
cl::opt<std::string> next_manifest("manifest", cl::desc("Print the next fire times of every job of this manifest"),
                                   cl::value_desc("FILE"), cl::sub(next_command), cl::cat(schedule_category));
cl::opt<int> count("count", cl::desc("How many fire times to print (default 5)"), cl::init(5),
                   cl::sub(next_command), cl::sub(explain_command), cl::cat(schedule_category));
cl::opt<std::string> time_zone("time-zone",
                               cl::desc("Read the expression in this IANA zone's local time, e.g. Europe/Berlin"),
                               cl::value_desc("ZONE"), cl::sub(next_command), cl::sub(explain_command),
                               cl::cat(schedule_category));
cl::opt<std::string> from("from", cl::desc("Start after this UTC time, e.g. 2026-03-01T10:00:00Z (default: now)"),
                          cl::sub(next_command), cl::sub(explain_command), cl::cat(schedule_category));

cl::SubCommand export_command("export", "Write Kubernetes CronJobs or systemd timers for the jobs of a manifest");
cl::OptionCategory export_category("Export options");
cl::opt<std::string> export_platform(cl::Positional, cl::desc("<kubernetes|systemd>"), cl::sub(export_command));
cl::opt<std::string> export_manifest("manifest", cl::desc("The JSON manifest cronc wrote"), cl::value_desc("FILE"),
                                     cl::sub(export_command), cl::cat(export_category));
cl::opt<std::string> export_output("o", cl::desc("kubernetes: the YAML file (default: standard output); "
                                                 "systemd: the folder for the units (default: .)"),
                                   cl::value_desc("FILE|DIR"), cl::sub(export_command), cl::cat(export_category));
cl::opt<std::string> export_name_prefix("name-prefix", cl::desc("Put before each job ID in CronJob and unit names"),
                                        cl::value_desc("PREFIX"), cl::sub(export_command), cl::cat(export_category));
cl::opt<std::string> export_catch_up("catch-up",
                                     cl::desc("Ticks missed during an outage: skip (default) or run-latest"),
                                     cl::value_desc("POLICY"), cl::sub(export_command), cl::cat(export_category));
cl::opt<int> export_misfire_grace("misfire-grace",
                                  cl::desc("kubernetes: seconds a tick may start late before it is missed "
                                           "(default 60)"),
                                  cl::value_desc("SECONDS"), cl::sub(export_command), cl::cat(export_category));
cl::opt<std::string> export_image("image", cl::desc("kubernetes: the image whose entrypoint is the program"),
                                  cl::value_desc("IMAGE"), cl::sub(export_command), cl::cat(export_category));
cl::opt<std::string> export_namespace("namespace", cl::desc("kubernetes: the namespace of the CronJobs"),
                                      cl::value_desc("NAMESPACE"), cl::sub(export_command), cl::cat(export_category));
cl::opt<std::string> export_exec("exec", cl::desc("systemd: the absolute path of the program"), cl::value_desc("PATH"),
                                 cl::sub(export_command), cl::cat(export_category));
cl::opt<bool> export_user("user", cl::desc("systemd: units for the user's manager (systemctl --user)"),
                          cl::sub(export_command), cl::cat(export_category));
cl::opt<std::string> export_run_as("run-as", cl::desc("systemd: User= of the system services"), cl::value_desc("USER"),
                                   cl::sub(export_command), cl::cat(export_category));

cl::OptionCategory analyzer_category("Analyzer options");

cl::opt<std::string> build_path("p", cl::desc("Build folder that holds compile_commands.json"),
                                cl::value_desc("BUILD_DIR"), cl::cat(analyzer_category));
cl::list<std::string> source_files(cl::Positional, cl::desc("[FILES...]"), cl::cat(analyzer_category));
cl::opt<std::string> root("root", cl::desc("Analyse only entries under this folder; paths in outputs are relative to it"),
                          cl::cat(analyzer_category));
// cl::Prefix: `-j2` as make, ninja and run-clang-tidy spell it, as well as `-j 2`.
cl::opt<unsigned> threads("j", cl::desc("Translation units analysed in parallel (default: the core count)"),
                          cl::value_desc("N"), cl::init(0), cl::Prefix, cl::cat(analyzer_category));
cl::opt<bool> no_cache("no-cache", cl::desc("Analyse every unit again instead of reusing BUILD_DIR/cronc-cache"),
                       cl::cat(analyzer_category));
cl::opt<std::string> sarif("sarif", cl::desc("Write the diagnostics as SARIF 2.1.0 to this file"),
                           cl::value_desc("FILE"), cl::cat(analyzer_category));
cl::opt<std::string> export_fixes("export-fixes", cl::desc("Write fix-its in clang-tidy's YAML format to this file"),
                                  cl::value_desc("FILE"), cl::cat(analyzer_category));
cl::opt<std::string> manifest("manifest", cl::desc("Write the JSON manifest of the jobs to this file"),
                              cl::value_desc("FILE"), cl::cat(analyzer_category));
cl::opt<std::string> stub("stub", cl::desc("Write the C++ registration stub to this file"), cl::value_desc("FILE"),
                          cl::cat(analyzer_category));
cl::opt<std::string> depfile("depfile", cl::desc("Write every file the analysis read, for CMake's DEPFILE"),
                             cl::value_desc("FILE"), cl::cat(analyzer_category));
cl::opt<std::string> resource_dir("resource-dir", cl::desc("Clang's resource folder (default: the one cronc was built with)"),
                                  cl::cat(analyzer_category));
enum class ColorMode { automatic, always, never };

/// `--color=auto|always|never`. LLVM registers a boolean `--color` of its own, which is renamed first.
cl::opt<ColorMode>& color_option() {
  if (cl::Option* llvm_color = cl::getRegisteredOptions().lookup("color")) {
    llvm_color->setArgStr("llvm-color");
    llvm_color->setHiddenFlag(cl::ReallyHidden);
  }
  static cl::opt<ColorMode> color("color", cl::desc("Colour diagnostics"), cl::init(ColorMode::automatic),
                                  cl::values(clEnumValN(ColorMode::automatic, "auto", "when standard error is a terminal"),
                                             clEnumValN(ColorMode::always, "always", "always"),
                                             clEnumValN(ColorMode::never, "never", "never")),
                                  cl::cat(analyzer_category));
  return color;
}

void print_version(llvm::raw_ostream& out) { out << "cronc " CRONC_VERSION "\n"; }

/// Builds the query from the options; false (with a message) on a bad --from or --count.
bool make_query(cronc::ScheduleQuery& query) {
  query.expression = next_expression;
  query.count = count;
  query.time_zone = time_zone;
  if (count < 1 || count > 100000) {
    llvm::errs() << "cronc: error: --count must be between 1 and 100000\n";
    return false;
  }
  if (from.empty()) {
    query.from = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  } else if (!cron::parse_utc(from, query.from)) {
    llvm::errs() << "cronc: error: --from '" << from << "' is not a UTC time like 2026-03-01T10:00:00Z\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  cl::SetVersionPrinter(print_version);
  cl::opt<ColorMode>& color = color_option();
  // --help lists cronc's own options, not the hundreds that LLVM's libraries register (--x86-*, --amdgpu-*, ...).
  for (cl::SubCommand* command : {&cl::SubCommand::getTopLevel(), &next_command, &explain_command, &export_command}) {
    cl::HideUnrelatedOptions({&analyzer_category, &schedule_category, &export_category}, *command);
  }
  if (!cl::ParseCommandLineOptions(argc, argv, "cronc: the cron compiler for C++\n", &llvm::errs())) return 2;

  cronc::ScheduleQuery query;
  if (next_command || explain_command) {
    if (next_expression.empty() == next_manifest.empty() || (explain_command && next_expression.empty())) {
      llvm::errs() << "cronc: error: give one schedule"
                   << (next_command ? " or --manifest FILE" : "") << " (see cronc "
                   << (next_command ? "next" : "explain") << " --help)\n";
      return 2;
    }
    if (!make_query(query)) return 2;
  }
  if (next_command) {
    if (!next_manifest.empty()) return cronc::print_manifest_fire_times(next_manifest, query, std::cout, std::cerr);
    return cronc::print_next_fire_times(query, std::cout, std::cerr);
  }
  if (explain_command) {
    return cronc::print_explanation(query, std::cout, std::cerr);
  }
  if (export_command) {
    cronc::ExportCommand command;
    command.platform = export_platform;
    command.manifest_file = export_manifest;
    command.output = export_output;
    command.name_prefix = export_name_prefix;
    command.catch_up = export_catch_up;
    if (export_misfire_grace.getNumOccurrences() > 0) command.misfire_grace = export_misfire_grace;
    command.image = export_image;
    command.name_space = export_namespace;
    command.exec = export_exec;
    command.user = export_user;
    command.run_as = export_run_as;
    return cronc::run_export(command, std::cout, std::cerr);
  }
  if (build_path.empty()) {
    llvm::errs() << "cronc: error: no build folder; run 'cronc -p BUILD_DIR [FILES...]' (see --help)\n";
    return 2;
  }
  cronc::AnalyzeCommand command;
  command.analyzer.build_dir = build_path;
  command.analyzer.files.assign(source_files.begin(), source_files.end());
  command.analyzer.root = root;
  command.analyzer.threads = threads;
  command.analyzer.resource_dir = resource_dir;
  if (!no_cache) command.analyzer.cache_dir = build_path + "/cronc-cache";
  command.color = color == ColorMode::always || (color == ColorMode::automatic && llvm::sys::Process::StandardErrHasColors());
  command.analyzer.color = command.color;
  command.sarif_file = sarif;
  command.fixes_file = export_fixes;
  command.manifest_file = manifest;
  command.stub_file = stub;
  command.depfile = depfile;
  return cronc::run_analysis(command, std::cerr);
}
