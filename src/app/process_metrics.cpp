#include "app/process_metrics.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace cruddur::app {

namespace {

struct ProcStat {
  double cpu_seconds = 0;
  double start_seconds_after_boot = 0;
  double resident_bytes = 0;
};

// /proc/self/stat: fields 14-15 utime, stime and 22 starttime in clock ticks, 24 rss in pages. The command
// name (field 2) is parenthesised and may hold spaces, so fields are counted after its closing parenthesis.
std::optional<ProcStat> read_proc_stat() {
  std::ifstream file("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  auto end_of_name = text.rfind(')');
  if (end_of_name == std::string::npos) return std::nullopt;
  std::istringstream rest(text.substr(end_of_name + 2));
  std::vector<std::string> fields;  // fields[0] is field 3 (state)
  for (std::string field; rest >> field;) fields.push_back(field);
  if (fields.size() < 22) return std::nullopt;
  double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  ProcStat stat;
  stat.cpu_seconds = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;
  stat.start_seconds_after_boot = std::stod(fields[19]) / ticks;
  stat.resident_bytes = std::stod(fields[21]) * static_cast<double>(sysconf(_SC_PAGESIZE));
  return stat;
}

std::optional<double> boot_time_seconds() {
  std::ifstream file("/proc/stat");
  for (std::string line; std::getline(file, line);)
    if (line.starts_with("btime ")) return std::stod(line.substr(6));
  return std::nullopt;
}

std::optional<double> open_fds() {
  std::error_code ec;
  double count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) ++count;
  if (ec) return std::nullopt;
  return count - 1;  // the iterator's own descriptor
}

}  // namespace

void add_process_collector(metrics::Registry& registry) {
  auto boot = boot_time_seconds();
  registry.add_collector([boot](metrics::TextWriter& out) {
    if (auto stat = read_proc_stat()) {
      out.family("process_cpu_seconds_total", metrics::Type::counter, "User and system CPU time spent, seconds.");
      out.sample(stat->cpu_seconds);
      out.family("process_resident_memory_bytes", metrics::Type::gauge, "Resident memory size, bytes.");
      out.sample(stat->resident_bytes);
      if (boot) {
        out.family("process_start_time_seconds", metrics::Type::gauge, "Start time since the Unix epoch, seconds.");
        out.sample(*boot + stat->start_seconds_after_boot);
      }
    }
    if (auto fds = open_fds()) {
      out.family("process_open_fds", metrics::Type::gauge, "Open file descriptors (sockets included).");
      out.sample(*fds);
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
      out.family("process_max_fds", metrics::Type::gauge, "The limit of open file descriptors.");
      out.sample(static_cast<double>(limit.rlim_cur));
    }
  });
}

}  // namespace cruddur::app
