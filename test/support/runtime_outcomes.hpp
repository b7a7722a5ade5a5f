#pragma once
// What a runtime recorded for a job, as one line per execution, oldest first: the shape the runtime tests compare.

#include <cron/runtime.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cron::test {

/// `KEY OUTCOME` or `KEY OUTCOME: MESSAGE` for each of the job's last 100 executions, oldest first.
inline std::vector<std::string> outcomes(Runtime& runtime, std::string_view job) {
  std::vector<std::string> result;
  auto executions = runtime.history(job, 100);
  for (auto it = executions.rbegin(); it != executions.rend(); ++it)
    result.push_back(it->key + " " + std::string(to_string(it->outcome)) +
                     (it->message.empty() ? "" : ": " + it->message));
  return result;
}

}  // namespace cron::test
