#include "billing.hpp"

#include <cron/cron.hpp>

#include <iostream>

namespace billing {

void runInvoices() { std::cout << "ran invoice-run" << std::endl; }

// Bills every customer once an hour.
const cron::CronJob invoiceRun{"invoice-run", {.title = "Invoice run", .every = "1h", .endpoint = &runInvoices}};

}  // namespace billing
