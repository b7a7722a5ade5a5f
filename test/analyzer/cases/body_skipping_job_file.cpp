// In a file that spells the job type, cronc still skips the bodies that do not (docs/analyzer.md, "Skipped function
// bodies"), reading each body's raw text to its closing brace; these bodies hold jobs and must be parsed. (The
// parameters matter: after `()` Clang reads a token ahead, and cronc then parses the body without looking.)
#include <cron/cron.hpp>

#include <string>

void work();

int no_job_here(const std::string& text) { return text == "}" ? 1 : static_cast<int>(text.size()); }

void brace_in_a_string_and_a_comment(int) {
  const char* close = "}";  // }
  (void)close;
  const cron::CronJob after_brace{"after-brace", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:23: error: cron::CronJob 'after-brace' must be declared at namespace scope, not as a local variable; cronc only registers namespace-scope jobs [cron-not-top-level]
}

#define OPEN_SCOPE {
void brace_from_a_macro(int) {
  OPEN_SCOPE }
  const cron::CronJob past_macro_brace{"past-macro-brace", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:23: error: cron::CronJob 'past-macro-brace' must be declared at namespace scope, not as a local variable; cronc only registers namespace-scope jobs [cron-not-top-level]
}

void brace_in_a_skipped_branch(int) {
#if 0
  }
#endif
  const cron::CronJob past_directive{"past-directive", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:23: error: cron::CronJob 'past-directive' must be declared at namespace scope, not as a local variable; cronc only registers namespace-scope jobs [cron-not-top-level]
}

#define LOCAL_JOB(name, id) const cron::CronJob name{id, {.every = "1h", .endpoint = &work}}
void job_through_a_macro(int) { LOCAL_JOB(through_macro, "local-through-macro"); }
// CHECK-MESSAGES: :[[@LINE-1]]:43: error: cron::CronJob 'local-through-macro' must be declared at namespace scope, not as a local variable; cronc only registers namespace-scope jobs [cron-not-top-level]

struct Holder {
  int answer() const { return 42; }
  void member_function() const {
    static const cron::CronJob in_member{"in-member", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:32: error: cron::CronJob 'in-member' must be declared at namespace scope, not as a static local variable; cronc only registers namespace-scope jobs [cron-not-top-level]
  }
};

const cron::CronJob top_level{"top-level", {.every = "1h", .endpoint = &work}};
