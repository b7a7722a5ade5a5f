#include <shop/invoices.hpp>

#include <iostream>

namespace shop {

cron::Status Invoices::sendDue() {
  std::cout << "shop: sending due invoices" << std::endl;
  return cron::Status::success();
}

}  // namespace shop
