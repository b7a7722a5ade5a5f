// Valid declarations beyond the seed: chrono intervals, constexpr arguments, static members, noexcept, macros.
#include <cron/cron.hpp>

#include <chrono>
#include <string_view>

using namespace std::chrono_literals;

namespace billing::inline v2 {
struct Invoices {
  static cron::Status send() noexcept;
};
void rotate();
constexpr std::string_view kNightly = "@daily";
constexpr const char* kRotateId = "log-rotate";

const cron::CronJob invoices{"send-invoices", {.every = std::chrono::hours{6}, .endpoint = &Invoices::send}};
const cron::CronJob rotation{kRotateId, {.every = 90min, .endpoint = rotate}};
const cron::CronJob nightly{"nightly", {.schedule = kNightly, .endpoint = &rotate}};
inline const cron::CronJob weekdays{"weekdays", {.schedule = "30 9 * * MON-FRI", .endpoint = &rotate}};
const cron::CronJob berlin{"berlin", {.schedule = "30 9 * * *", .time_zone = "Europe/Berlin", .endpoint = &rotate}};
const cron::CronJob concatenated{"concat", {.title = "Two " "parts", .schedule = "0 4 " "15 * *", .endpoint = &rotate}};
}  // namespace billing::inline v2
