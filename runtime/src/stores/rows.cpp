#include "stores/rows.hpp"

namespace cron::stores {

std::string outcome_list(std::span<const Outcome> outcomes) {
  std::string list = ",";
  for (Outcome outcome : outcomes) list.append(to_string(outcome)).append(",");
  return list;
}

std::string one_line(std::string_view text) {
  std::string line;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace cron::stores
