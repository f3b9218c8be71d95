#include "core/usable_cpus.hpp"

#include <gtest/gtest.h>
#include <sched.h>

namespace cruddur {
namespace {

// The count follows the affinity mask (what `taskset -c 0` sets), not the machine's CPU count.
TEST(UsableCpus, CountsTheCpusOfTheAffinityMask) {
  cpu_set_t original;
  ASSERT_EQ(sched_getaffinity(0, sizeof original, &original), 0);
  EXPECT_EQ(usable_cpus(), CPU_COUNT(&original));

  int first = 0;
  while (!CPU_ISSET(first, &original)) ++first;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  EXPECT_EQ(usable_cpus(), 1);
  ASSERT_EQ(sched_setaffinity(0, sizeof original, &original), 0);
  EXPECT_EQ(usable_cpus(), CPU_COUNT(&original));
}

}  // namespace
}  // namespace cruddur
