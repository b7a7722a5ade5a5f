#include <cron/cron.hpp>

#include <iostream>

namespace reports {

void daily() { std::cout << "ran report-daily" << std::endl; }

const cron::CronJob dailyReport{"report-daily", {.title = "Daily report", .schedule = "0 6 * * *", .endpoint = &daily}};

}  // namespace reports
