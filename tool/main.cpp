// The cronc command line: parses options with LLVM's cl and hands the work to lib/.

#include "cli/schedule_commands.hpp"

#include <cron/schedule.hpp>

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>

#include <chrono>
#include <iostream>

namespace cl = llvm::cl;

namespace {

cl::OptionCategory schedule_category("Schedule options");

cl::SubCommand next_command("next", "Print the next fire times of a schedule (UTC, ISO-8601)");
cl::SubCommand explain_command("explain", "Describe a schedule in English and print its next fire times");

cl::opt<std::string> next_expression(cl::Positional, cl::Required, cl::desc("<cron expression | every 2h>"),
                                     cl::sub(next_command), cl::sub(explain_command));
cl::opt<int> count("count", cl::desc("How many fire times to print (default 5)"), cl::init(5),
                   cl::sub(next_command), cl::sub(explain_command), cl::cat(schedule_category));
cl::opt<std::string> from("from", cl::desc("Start after this UTC time, e.g. 2026-03-01T10:00:00Z (default: now)"),
                          cl::sub(next_command), cl::sub(explain_command), cl::cat(schedule_category));

void print_version(llvm::raw_ostream& out) { out << "cronc " CRONC_VERSION "\n"; }

/// Builds the query from the options; false (with a message) on a bad --from or --count.
bool make_query(cronc::ScheduleQuery& query) {
  query.expression = next_expression;
  query.count = count;
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
  if (!cl::ParseCommandLineOptions(argc, argv, "cronc: the cron compiler for C++\n", &llvm::errs())) return 2;

  cronc::ScheduleQuery query;
  if (next_command) {
    if (!make_query(query)) return 2;
    return cronc::print_next_fire_times(query, std::cout, std::cerr);
  }
  if (explain_command) {
    if (!make_query(query)) return 2;
    return cronc::print_explanation(query, std::cout, std::cerr);
  }
  cl::PrintHelpMessage();
  return 2;
}
