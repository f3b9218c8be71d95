#include "support/exchange_record.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace cruddur::testing {

void record_exchange(std::string_view method, std::string_view target, int status, std::string_view content_type,
                     std::string_view body) {
  static const char* const path = std::getenv("CRUDDUR_API_RECORD");
  if (path == nullptr || *path == '\0') return;
  boost::json::object line;
  line["method"] = method;
  line["target"] = target;
  line["status"] = status;
  line["content_type"] = content_type;
  line["body"] = body;
  const std::string text = boost::json::serialize(line) + "\n";
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  [[maybe_unused]] const auto written = ::write(fd, text.data(), text.size());
  ::close(fd);
}

}  // namespace cruddur::testing
