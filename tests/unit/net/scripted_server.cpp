#include "scripted_server.hpp"

#include "support/temp_dir.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cruddur::net::testing {

struct ScriptedServer::Tls {
  SSL_CTX* ctx = nullptr;
  ~Tls() { SSL_CTX_free(ctx); }
};

namespace {

// One accepted connection, plain or TLS.
struct Peer {
  int fd;
  SSL* ssl = nullptr;

  long read(char* buf, int n) { return ssl ? SSL_read(ssl, buf, n) : ::recv(fd, buf, n, 0); }
  bool write(const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
      long n = ssl ? SSL_write(ssl, s.data() + done, static_cast<int>(s.size() - done))
                   : ::send(fd, s.data() + done, s.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

ScriptedServer::ScriptedServer(Script script, std::string cert_pem, std::string key_pem)
    : script_(std::move(script)) {
  if (!cert_pem.empty()) {
    tls_ = std::make_unique<Tls>();
    tls_->ctx = SSL_CTX_new(TLS_server_method());
    BIO* cert_bio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
    X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
    BIO* key_bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
    if (!cert || !key || SSL_CTX_use_certificate(tls_->ctx, cert) != 1 || SSL_CTX_use_PrivateKey(tls_->ctx, key) != 1) {
      throw std::runtime_error("ScriptedServer: bad certificate or key");
    }
    X509_free(cert);
    EVP_PKEY_free(key);
    BIO_free(cert_bio);
    BIO_free(key_bio);
  }

  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0) {
    throw std::runtime_error("ScriptedServer: cannot listen");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

ScriptedServer::~ScriptedServer() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  ::close(listen_fd_);
  {
    std::lock_guard lock(mutex_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : threads_) t.join();
}

std::vector<ReceivedRequest> ScriptedServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::string ScriptedServer::last_sni() const {
  std::lock_guard lock(mutex_);
  return last_sni_;
}

void ScriptedServer::accept_loop() {
  while (!stopping_) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) break;
    accepted_++;
    std::lock_guard lock(mutex_);
    open_fds_.push_back(fd);
    threads_.emplace_back([this, fd] { serve(fd); });
  }
}

void ScriptedServer::serve(int fd) {
  Peer peer{fd};
  if (tls_) {
    peer.ssl = SSL_new(tls_->ctx);
    SSL_set_fd(peer.ssl, fd);
    if (SSL_accept(peer.ssl) != 1) {  // e.g. the client rejected our certificate
      SSL_free(peer.ssl);
      std::lock_guard lock(mutex_);
      std::erase(open_fds_, fd);
      ::close(fd);
      return;
    }
    const char* sni = SSL_get_servername(peer.ssl, TLSEXT_NAMETYPE_host_name);
    std::lock_guard lock(mutex_);
    last_sni_ = sni ? sni : "";
  }

  std::string buffer;
  char chunk[4096];
  for (int on_connection = 0; !stopping_; ++on_connection) {
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      long n = peer.read(chunk, sizeof chunk);
      if (n <= 0) goto done;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    ReceivedRequest request;
    request.head = buffer.substr(0, head_end);
    std::size_t length = 0;
    if (auto cl = request.head.find("Content-Length: "); cl != std::string::npos) {
      length = std::stoul(request.head.substr(cl + 16));
    }
    while (buffer.size() < head_end + 4 + length) {
      long n = peer.read(chunk, sizeof chunk);
      if (n <= 0) goto done;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    request.body = buffer.substr(head_end + 4, length);
    buffer.erase(0, head_end + 4 + length);
    std::string target = request.head.substr(request.head.find(' ') + 1);
    target = target.substr(0, target.find(' '));
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }

    const Reply reply_kind = script_(on_connection, total_++);
    switch (reply_kind) {
      case Reply::answer:
      case Reply::answer_then_close: {
        std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Test: yes\r\nContent-Length: " +
                            std::to_string(target.size()) + "\r\n\r\n" + target;
        if (!peer.write(reply) || reply_kind == Reply::answer_then_close) goto done;
        break;
      }
      case Reply::close_silently:
        goto done;
      case Reply::never_answer:
        while (!stopping_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        goto done;
    }
  }
done:
  if (peer.ssl) SSL_free(peer.ssl);
  ::shutdown(fd, SHUT_RDWR);
  // The fd itself is closed by nobody else; closing here is safe because the destructor only shuts down.
  std::lock_guard lock(mutex_);
  std::erase(open_fds_, fd);
  ::close(fd);
  closed_++;
}

TestCertificate make_localhost_certificate() {
  cruddur::testing::TempDir dir;
  std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                    "-addext subjectAltName=DNS:localhost -keyout " + dir.str() + "/key.pem -out " +
                    dir.str() + "/cert.pem >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl req failed");
  return {read_file(dir.str() + "/cert.pem"), read_file(dir.str() + "/key.pem")};
}

}  // namespace cruddur::net::testing
