#include "engine_servers.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "support/engines_dir.hpp"
#include "support/free_port.hpp"

namespace cruddur::store::dynamodb::testing {
namespace {

const std::filesystem::path engines_dir = cruddur::testing::engines_dir();

int listen_on_loopback(uint16_t port, uint16_t* bound) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *bound = ntohs(addr.sin_port);
  return fd;
}

bool can_connect(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// Reads one HTTP message (head, then a Content-Length body) into `message`; `buffer` keeps what follows.
bool read_message(int fd, std::string& buffer, std::string& message) {
  char chunk[16384];
  std::size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    long n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  std::size_t length = 0;
  for (const char* name : {"Content-Length: ", "content-length: "}) {
    auto at = buffer.find(name);
    if (at != std::string::npos && at < head_end) length = std::stoul(buffer.substr(at + 16));
  }
  while (buffer.size() < head_end + 4 + length) {
    long n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  message = buffer.substr(0, head_end + 4 + length);
  buffer.erase(0, head_end + 4 + length);
  return true;
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    long n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string error_answer(int status, const std::string& type) {
  std::string body = R"({"__type":")" + type + R"(","message":"injected by the test proxy"})";
  return "HTTP/1.1 " + std::to_string(status) + (status == 400 ? " Bad Request" : " Internal Server Error") +
         "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

}  // namespace

Dynalite::Dynalite() : port_(cruddur::testing::free_port()) { start(); }

Dynalite::~Dynalite() {
  if (process_) process_->terminate();
}

void Dynalite::kill_hard() { process_->kill_hard(); }

void Dynalite::start() {
  const auto cli = engines_dir / "node_modules/dynalite/cli.js";
  if (!std::filesystem::exists(cli)) {
    throw std::runtime_error(cli.string() + " is missing: run npm ci in tests/engines (scripts/install-deps.sh)");
  }
  process_ = std::make_unique<cruddur::testing::ChildProcess>(
      "node",
      std::vector<std::string>{cli.string(), "--host", "127.0.0.1", "--port", std::to_string(port_), "--path",
                               data_.str(), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"},
      data_.path() / "dynalite.log");
  if (!cruddur::testing::wait_until([&] { return !process_->running() || can_connect(port_); },
                                    std::chrono::seconds(15)) ||
      !process_->running()) {
    throw std::runtime_error("dynalite did not start: " + cruddur::testing::file_tail(process_->log_file()));
  }
}

SilentServer::SilentServer() { fd_ = listen_on_loopback(0, &port_); }  // never accepts, never reads

SilentServer::~SilentServer() { ::close(fd_); }

RefusingPort::RefusingPort() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("cannot bind");
  socklen_t len = sizeof addr;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
}

RefusingPort::~RefusingPort() { ::close(fd_); }

FaultProxy::FaultProxy(uint16_t upstream_port, std::function<Answer(int)> script)
    : upstream_port_(upstream_port), script_(std::move(script)) {
  listen_fd_ = listen_on_loopback(0, &port_);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  ::close(listen_fd_);
  {
    std::lock_guard lock(mutex_);
    for (int fd : fds_) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : threads_) t.join();
  for (int fd : fds_) ::close(fd);
}

void FaultProxy::accept_loop() {
  while (!stopping_) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    std::lock_guard lock(mutex_);
    fds_.push_back(fd);
    threads_.emplace_back([this, fd] { serve(fd); });
  }
}

void FaultProxy::serve(int client_fd) {
  int upstream_fd = -1;
  std::string client_buffer, upstream_buffer, request, response;
  while (!stopping_ && read_message(client_fd, client_buffer, request)) {
    Answer answer = script_(seen_++);
    if (answer == Answer::throttle) {
      response = error_answer(400, "com.amazonaws.dynamodb.v20120810#ThrottlingException");
    } else if (answer == Answer::server_error) {
      response = error_answer(500, "com.amazonaws.dynamodb.v20120810#InternalServerError");
    } else {
      if (upstream_fd < 0) {
        upstream_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(upstream_port_);
        if (::connect(upstream_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) break;
      }
      if (!write_all(upstream_fd, request) || !read_message(upstream_fd, upstream_buffer, response)) break;
    }
    if (!write_all(client_fd, response)) break;
  }
  if (upstream_fd >= 0) ::close(upstream_fd);
  ::shutdown(client_fd, SHUT_RDWR);
}

}  // namespace cruddur::store::dynamodb::testing
