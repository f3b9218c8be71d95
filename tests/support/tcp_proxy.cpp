#include "support/tcp_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string>

namespace cruddur::testing {
namespace {

sockaddr_in loopback(uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool write_all(int fd, const char* data, ssize_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, static_cast<size_t>(size), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= n;
  }
  return true;
}

}  // namespace

TcpProxy::TcpProxy(uint16_t target_port) : target_port_(target_port) {
  loop_ = std::make_unique<AcceptLoop>([this](int client) { pump(client); });
}

TcpProxy::~TcpProxy() {
  stopping_ = true;  // hung pumps notice within 20 ms; the loop shuts down the rest
  loop_->stop();
}

// Runs on the connection's thread; the accept loop closes `client` when this returns.
void TcpProxy::pump(int client) {
  if (mode_ == Mode::refuse) {  // refused as it arrives
    reset_on_close(client);
    return;
  }
  int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in target = loopback(target_port_);
  int one = 1;
  ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ::setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // A hung proxy does not even connect onwards; a refused target resets the client.
  while (mode_ == Mode::hang && !stopping_) ::usleep(20000);
  if (stopping_ || mode_ == Mode::refuse ||
      ::connect(server, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
    reset_on_close(client);
    ::close(server);
    return;
  }
  char buffer[65536];
  while (!stopping_) {
    if (mode_ == Mode::refuse) break;
    if (mode_ == Mode::hang) {
      ::usleep(20000);
      continue;
    }
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    if (::poll(fds, 2, 50) <= 0) continue;
    bool closed = false;
    for (int i = 0; i < 2 && !closed; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed = true;
        break;
      }
      if (int delay = delay_ms_; delay > 0) ::usleep(static_cast<useconds_t>(delay) * 1000);
      while (mode_ == Mode::hang && !stopping_) ::usleep(20000);
      if (mode_ == Mode::refuse || !write_all(fds[1 - i].fd, buffer, n)) closed = true;
    }
    if (closed) break;
  }
  reset_on_close(client);
  reset_on_close(server);
  ::close(server);
}

}  // namespace cruddur::testing
