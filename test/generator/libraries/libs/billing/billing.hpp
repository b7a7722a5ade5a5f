#pragma once

namespace billing {
void runInvoices();
}  // namespace billing
