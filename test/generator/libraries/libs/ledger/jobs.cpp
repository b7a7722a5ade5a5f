#include <cron/cron.hpp>

#include <iostream>

namespace ledger {

cron::Status close() {
  std::cout << "ran ledger-close" << std::endl;
  return cron::Status::success();
}

const cron::CronJob ledgerClose{"ledger-close", {.title = "Close the ledger", .schedule = "@daily", .endpoint = &close}};

}  // namespace ledger
