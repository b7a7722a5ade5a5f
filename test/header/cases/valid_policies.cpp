// Valid per-job policies: every field after the endpoint, as text and as std::chrono, and a time zone.
#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

namespace reports {
void build();
constexpr int kRetries = 3;

const cron::CronJob nightly{"nightly-report", {
    .title = "Nightly report",
    .schedule = "30 2 * * *",
    .time_zone = "Europe/Berlin",
    .endpoint = &build,
    .timeout = "20m",
    .retries = kRetries,
    .overlap = cron::Overlap::queue_one,
    .catch_up = cron::CatchUp::run_latest,
    .jitter = "5m",
}};
const cron::CronJob sweep{"sweep", {.every = "10m", .endpoint = &build, .timeout = 90s, .retries = 0,
                                    .overlap = cron::Overlap::cancel_running, .jitter = 9min + 59s}};
// 23:58 and 00:02 are four minutes apart across midnight, so a jitter under that is allowed.
const cron::CronJob midnight{"midnight", {.schedule = "2,58 0,23 * * *", .endpoint = &build,
                                          .overlap = cron::Overlap::allow, .jitter = "3m59s"}};
const cron::CronJob longest{"longest", {.schedule = "@daily", .endpoint = &build, .timeout = 24h, .retries = 10,
                                        .jitter = 1h}};
}  // namespace reports
