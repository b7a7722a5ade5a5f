#pragma once
// `host:pid`: how the records name this process (a replica's default name, a SQLite file's holder).

#include <string>

namespace cron {

std::string process_name();

}  // namespace cron
