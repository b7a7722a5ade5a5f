#pragma once
// Invoicing, whose job endpoint is a static member function.

#include <cron/status.hpp>

namespace shop {

class Invoices {
 public:
  /// Sends the invoices that are due. Idempotent: an invoice is sent once.
  static cron::Status sendDue();
};

}  // namespace shop
