#include "support/accept_loop.hpp"

#include <unistd.h>

#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace cruddur::testing {

AcceptLoop::AcceptLoop(Serve serve, Threads threads) : serve_(std::move(serve)), threads_(threads) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 256) != 0) {
    ::close(listener_);
    throw std::runtime_error("accept loop: cannot listen on 127.0.0.1");
  }
  socklen_t length = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_connections(); });
}

AcceptLoop::~AcceptLoop() { stop(); }

void AcceptLoop::stop() {
  if (stopping_.exchange(true)) return;
  ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
  {
    std::lock_guard lock(mutex_);
    for (int fd : open_) ::shutdown(fd, SHUT_RDWR);  // (with Threads::one, the acceptor may be serving)
  }
  acceptor_.join();
  ::close(listener_);
  std::unique_lock lock(mutex_);
  all_closed_.wait(lock, [this] { return open_.empty(); });
}

void AcceptLoop::accept_connections() {
  while (!stopping_) {
    int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (!stopping_) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // EINTR, EMFILE, ...
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      if (stopping_) {
        ::close(fd);
        break;
      }
      ++accepted_;
      open_.insert(fd);
    }
    if (threads_ == Threads::one)
      serve_then_close(fd);
    else
      std::thread([this, fd] { serve_then_close(fd); }).detach();
  }
}

void AcceptLoop::serve_then_close(int fd) {
  serve_(fd);
  // Closed under the lock, so stop() never shuts down a descriptor number that was reused meanwhile; the
  // notification is sent under it too, so stop() cannot return (and the loop go) while this thread still
  // touches it.
  std::lock_guard lock(mutex_);
  open_.erase(fd);
  ::close(fd);
  ++closed_;
  all_closed_.notify_all();
}

void reset_on_close(int fd) {
  linger hard{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
}

}  // namespace cruddur::testing
