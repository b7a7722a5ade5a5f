#pragma once

namespace reports {

void monthly(int month);

}  // namespace reports
