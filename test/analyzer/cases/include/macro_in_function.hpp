// A header that never spells the job type: its function bodies hold a job only through job_macros.hpp's macro.
#pragma once
#include "job_macros.hpp"

void work();

inline void register_through_macro() { HOURLY_JOB(through_macro, "through-macro", work); }

#define NOT_A_JOB(x) (x + 1)
inline int plain_function(int x) { return NOT_A_JOB(x); }
