#include "process_name.hpp"

#include <unistd.h>

namespace cron {

std::string process_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "localhost") + ":" + std::to_string(getpid());
}

}  // namespace cron
