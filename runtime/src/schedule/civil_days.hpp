#pragma once
/// Calendar arithmetic on day numbers (days since 1970-01-01) for Schedule::next(): Neri and Schneider's
/// "Euclidean affine functions" conversion to a date, which uses multiplications and shifts on 32-bit values
/// instead of the divisions of the classic algorithm (it is what libstdc++ 14 uses for std::chrono), and month
/// tables from which the engine finds later months by addition. The engine benchmark (README.md, "Performance")
/// is what they are for; civil_days_test.cpp checks them against std::chrono.

#include <cstdint>

namespace cron::detail {

/// The first and last day numbers the conversion answers for: 1 March of the year -32,800 (its 32-bit shift)
/// and a day in the year 2,739,877, with 60 years to spare below its upper bound for the engine's search.
inline constexpr std::int64_t kFirstCivilDay = -12699422;
inline constexpr std::int64_t kLastCivilDay = 1000000000;

/// A date in the proleptic Gregorian calendar.
struct CivilDate {
  int year;
  int month;  ///< 1-12
  int day;    ///< 1-31
};

/// The date of a day number in [kFirstCivilDay, kLastCivilDay + 60 years].
constexpr CivilDate civil_from_days(std::int64_t day) {
  // The day count from 1 March of the year -32,800, so that every value is unsigned and years start in March.
  const auto shifted = static_cast<std::uint32_t>(day - kFirstCivilDay);
  const std::uint32_t century_quarters = 4 * shifted + 3;
  const std::uint32_t century = century_quarters / 146097;
  const std::uint32_t day_of_century = century_quarters % 146097 / 4;
  const std::uint64_t year_fraction = std::uint64_t{2939745} * (4 * day_of_century + 3);
  const auto year_of_century = static_cast<std::uint32_t>(year_fraction >> 32);
  const std::uint32_t day_of_year = static_cast<std::uint32_t>(year_fraction) / 2939745 / 4;  // 0 is 1 March
  const std::uint32_t month_day = 2141 * day_of_year + 197913;
  const std::uint32_t month = month_day >> 16;  // 3-14: January and February end the shifted year
  const bool january_or_february = day_of_year >= 306;
  return {static_cast<int>(100 * century + year_of_century) - 32800 + january_or_february,
          static_cast<int>(january_or_february ? month - 12 : month),
          static_cast<int>((month_day & 0xffff) / 2141 + 1)};
}

/// 0 = Sunday, for a day number in [kFirstCivilDay, kLastCivilDay + 60 years]; kFirstCivilDay was a Wednesday.
constexpr int weekday_of(std::int64_t day) {
  return static_cast<int>(static_cast<std::uint32_t>(day - kFirstCivilDay + 3) % 7);
}

/// Gregorian leap years; of two multiples of 100, the one that is also a multiple of 16 is a multiple of 400.
constexpr bool is_leap(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 16 == 0); }

/// Days in `month` (1-12), in a leap year or not.
constexpr int month_length(int month, bool leap) {
  return month == 2 ? 28 + leap : 30 + ((month + (month >> 3)) & 1);
}

inline constexpr int kDaysBeforeMonth[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

/// Days from 1 January to the 1st of `month` (1-12): a month is found from its year's start without a conversion.
constexpr int days_before_month(int month, bool leap) { return kDaysBeforeMonth[month] + (leap && month > 2); }

static_assert(civil_from_days(0).year == 1970 && civil_from_days(-1).month == 12 && civil_from_days(59).day == 1);
static_assert(is_leap(2000) && !is_leap(2100) && is_leap(-4) && !is_leap(-100) && days_before_month(12, true) == 335);
static_assert(weekday_of(0) == 4 && weekday_of(-1) == 3 && weekday_of(kFirstCivilDay) == 3);
static_assert(month_length(2, false) == 28 && month_length(2, true) == 29 && month_length(8, false) == 31);

}  // namespace cron::detail
