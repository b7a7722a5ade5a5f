// A service that links billing, and through it the runtime, without cronc_generate(): billing's jobs would not be
// registered, so it must not link.
#include <cron/runtime.hpp>

int main() {
  cron::Runtime runtime(cron::Options{});
  return 0;
}
