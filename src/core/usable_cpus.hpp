#pragma once
// How many CPUs this process may run on: its affinity mask (taskset, a cgroup cpuset), not the machine's
// count that std::thread::hardware_concurrency reports. Sizes thread pools so that a server confined to one
// CPU does not run two io threads that only take turns on it. Any thread; no state.

namespace cruddur {

// At least 1.
int usable_cpus();

}  // namespace cruddur
