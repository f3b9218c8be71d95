#pragma once
// A plain blocking TCP connection to 127.0.0.1 for tests that must control the bytes and their timing
// (a request whose body arrives late, a connection left idle). POSIX sockets; not thread-safe.

#include <chrono>
#include <cstdint>
#include <string>

namespace cruddur::testing {

class RawConnection {
 public:
  // Connects; throws std::system_error when refused.
  explicit RawConnection(uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // True when a new connection to `port` is accepted now (false: refused).
  static bool accepts(uint16_t port);

  // Writes all of `bytes`; throws std::system_error on failure.
  void send(const std::string& bytes);

  // Everything received until the peer closes, or until `timeout` passed (then `timed_out` is set).
  struct Received {
    std::string bytes;
    bool timed_out = false;
  };
  Received read_until_closed(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
};

}  // namespace cruddur::testing
