#include <cron/cron.hpp>

#include <iostream>

namespace audit {

void rotate() { std::cout << "ran audit-rotate" << std::endl; }

const cron::CronJob rotateLog{"audit-rotate", {.title = "Rotate the audit log", .every = "6h", .endpoint = &rotate}};

}  // namespace audit
