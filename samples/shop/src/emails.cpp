#include <cron/status.hpp>

#include <iostream>

namespace shop {

cron::Status sendWelcomeEmail() {
  std::cout << "shop: sending welcome emails" << std::endl;
  return cron::Status::success();
}

void syncAccounts() { std::cout << "shop: syncing accounts" << std::endl; }

void purgeCarts() noexcept { std::cout << "shop: purging abandoned carts" << std::endl; }

}  // namespace shop
