#include <cron/cron.hpp>

namespace duplicate {

void runInvoicesAgain() {}

const cron::CronJob invoiceRunAgain{"invoice-run", {.every = "2h", .endpoint = &runInvoicesAgain}};

}  // namespace duplicate
