// The one Beast translation unit of the net layer (see http_client.hpp for the contract).
//
// Where the network work runs: on the caller's io_context when that io_context opted in
// (run_requests_in_place: the server's), so that a request costs no thread hand-off; otherwise on the
// client's own io thread. Idle keep-alive connections are kept per io_context, in a service of that
// io_context (IdleConnections), so they can never outlive it.

#include "net/http_client.hpp"

#include "core/mutex.hpp"
#include "net/url.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <poll.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
#include <thread>
#include <unordered_map>

namespace cruddur::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace asio::experimental::awaitable_operators;

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return value;
  }
  return std::nullopt;
}

namespace {

constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

// One open connection: a TCP stream, wrapped in TLS for https. Owned by exactly one request at a time, or
// by the idle pool.
struct Connection {
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  Clock::time_point idle_since;

  beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

  // An idle connection is usable only if the peer has not closed it (FIN, reset) meanwhile. On plain TCP
  // any byte that arrived unasked also disqualifies it; over TLS bytes may be a late session ticket, which
  // OpenSSL consumes on the next read, so only a hang-up counts there.
  bool looks_alive() {
    auto& socket = tcp().socket();
    if (!socket.is_open()) return false;
    pollfd p{socket.native_handle(), static_cast<short>(POLLIN | POLLRDHUP), 0};
    if (::poll(&p, 1, 0) == 0) return true;
    if (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) return false;
    return tls != nullptr;
  }
};

std::string pool_key(const Url& url) { return url.scheme + "://" + url.host + ":" + std::to_string(url.port); }

// The idle keep-alive connections whose sockets belong to one io_context, by client and scheme/host/port.
// An io_context service: shut down (connections closed) with its io_context, never after it. It is added to
// an io_context only once a connection exists there, i.e. after the socket services, so it is shut down
// before them (Asio shuts services down newest first). Thread-safety: guarded by its mutex (a server runs
// one io_context on several threads).
class IdleConnections : public asio::execution_context::service {
 public:
  using key_type = IdleConnections;
  static inline asio::execution_context::id id;

  explicit IdleConnections(asio::execution_context& context) : asio::execution_context::service(context) {}

  std::unique_ptr<Connection> take(const std::string& key, const HttpClientOptions& options) {
    MutexLock lock(mutex_);
    auto it = lists_.find(key);
    if (it == lists_.end()) return nullptr;
    auto& list = it->second;
    while (!list.empty()) {
      auto conn = std::move(list.back());  // the most recently used is the least likely to be closed
      list.pop_back();
      if (Clock::now() - conn->idle_since < options.max_idle_time && conn->looks_alive()) return conn;
    }
    return nullptr;
  }

  // Keeps `conn` for reuse. The oldest idle connections go: past the limit, and any idle for max_idle_time
  // (the peer has likely closed them: without this they would linger half-closed until taken).
  void give_back(const std::string& key, std::unique_ptr<Connection> conn, const HttpClientOptions& options) {
    const auto now = Clock::now();
    conn->idle_since = now;
    std::vector<std::unique_ptr<Connection>> closing;  // closed outside the lock
    MutexLock lock(mutex_);
    auto& list = lists_[key];
    list.push_back(std::move(conn));
    while (list.size() > options.max_idle_per_host || now - list.front()->idle_since >= options.max_idle_time) {
      closing.push_back(std::move(list.front()));
      list.pop_front();
    }
  }

 private:
  void shutdown() override {
    MutexLock lock(mutex_);
    lists_.clear();
  }

  Mutex mutex_;
  std::unordered_map<std::string, std::deque<std::unique_ptr<Connection>>> lists_ CRUDDUR_GUARDED_BY(mutex_);
};

bool is_ip_address(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

// Errors that mean "the peer had already closed this connection" when seen on a reused connection before
// any byte of the response.
bool closed_by_peer(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::connection_aborted ||
         ec == ssl::error::stream_truncated;
}

// A response parser that fills an HttpResponse as it goes: headers straight into its list, the body into its
// string (reserved once when the length is known). Limits are basic_parser's (body_limit, header_limit).
class ResponseParser : public http::basic_parser<false> {
 public:
  explicit ResponseParser(HttpResponse& response) : response_(response) {}

 private:
  void on_request_impl(http::verb, beast::string_view, beast::string_view, int, beast::error_code&) override {}
  void on_response_impl(int code, beast::string_view, int, beast::error_code&) override { response_.status = code; }
  void on_field_impl(http::field, beast::string_view name, beast::string_view value, beast::error_code&) override {
    response_.headers.emplace_back(std::string(name), std::string(value));
  }
  void on_header_impl(beast::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, beast::error_code&) override {
    if (length) response_.body.reserve(static_cast<std::size_t>(*length));  // within body_limit: checked before
  }
  std::size_t on_body_impl(beast::string_view body, beast::error_code&) override {
    response_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, beast::error_code& ec) override {
    return on_body_impl(body, ec);
  }
  void on_finish_impl(beast::error_code&) override {}

  HttpResponse& response_;
};

// The least room each read of a response asks for: a connection's buffer grows to this once (a usual DynamoDB
// answer then arrives in one read) and is reused by its later requests.
constexpr std::size_t kReadSize = 16 * 1024;

std::size_t read_size(const beast::flat_buffer& buffer) {
  return std::max(kReadSize, buffer.capacity() - buffer.size());
}

// The request line and header block of `request`, written out directly (Beast's serializer costs more than
// the rest of a small request's exchange): the caller's headers as given, then Host and User-Agent unless
// given, and Content-Length (when there is a body, or the method carries one). HTTP/1.1 keeps the connection
// alive without a Connection header. A CR or LF in a name or value would split the header: refused.
bool splits_line(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; });
}

std::string request_head(const HttpRequest& request, const Url& url, const std::string& user_agent) {
  std::size_t size = request.method.size() + url.target.size() + user_agent.size() + 96;
  for (const auto& [name, value] : request.headers) size += name.size() + value.size() + 4;
  std::string head;
  head.reserve(size);
  head += request.method;
  head += ' ';
  head += url.target;
  head += " HTTP/1.1\r\n";
  bool has_host = false;
  bool has_user_agent = false;
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || name.find(':') != std::string::npos || splits_line(name) || splits_line(value)) {
      throw HttpError(HttpError::Kind::invalid_request, "header '" + name + "' has a line break or an invalid name");
    }
    has_host = has_host || beast::iequals(name, "Host");
    has_user_agent = has_user_agent || beast::iequals(name, "User-Agent");
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  if (!has_host) {
    head += "Host: ";
    head += url.host_header();
    head += "\r\n";
  }
  if (!has_user_agent) {
    head += "User-Agent: ";
    head += user_agent;
    head += "\r\n";
  }
  const bool carries_body = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
  if (!request.body.empty() || carries_body) {
    head += "Content-Length: ";
    head += std::to_string(request.body.size());
    head += "\r\n";
  }
  head += "\r\n";
  return head;
}

// Marks an io_context whose callers' requests run in place (run_requests_in_place). No state.
class InPlaceRequests : public asio::execution_context::service {
 public:
  using key_type = InPlaceRequests;
  static inline asio::execution_context::id id;
  explicit InPlaceRequests(asio::execution_context& context) : asio::execution_context::service(context) {}

 private:
  void shutdown() override {}
};

// The io_context an executor runs on, or nullptr when it is something else (a thread pool, ...).
asio::io_context* io_context_of(const asio::any_io_executor& executor) {
  using Plain = asio::io_context::executor_type;
  using Tracked = decltype(asio::prefer(std::declval<Plain>(), asio::execution::outstanding_work.tracked));
  if (const auto* plain = executor.target<Plain>()) return &plain->context();
  if (const auto* tracked = executor.target<Tracked>()) return &tracked->context();
  if (const auto* strand = executor.target<asio::strand<Plain>>()) return &strand->get_inner_executor().context();
  if (const auto* strand = executor.target<asio::strand<Tracked>>()) return &strand->get_inner_executor().context();
  return nullptr;
}

}  // namespace

struct HttpClient::Impl {
  HttpClientOptions options;
  asio::io_context io;  // declared before everything that holds sockets: destroyed last
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  ssl::context tls_context{ssl::context::tls_client};
  const std::string client_id = std::to_string(reinterpret_cast<std::uintptr_t>(this));  // pool key prefix
  std::atomic<std::size_t> opened{0};
  std::thread thread;

  explicit Impl(HttpClientOptions o) : options(std::move(o)) {
    tls_context.set_default_verify_paths();
    if (!options.extra_ca_pem.empty()) {
      tls_context.add_certificate_authority(asio::buffer(options.extra_ca_pem));
    }
    tls_context.set_verify_mode(options.verify_peer ? ssl::verify_peer : ssl::verify_none);
    tls_context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                            ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    thread = std::thread([this] { io.run(); });
  }

  ~Impl() {
    work.reset();
    io.stop();
    thread.join();
  }  // `io` goes with its IdleConnections service (and the connections pooled there)

  std::unique_ptr<Connection> take_idle(asio::io_context& context, const std::string& key) {
    if (!asio::has_service<IdleConnections>(context)) return nullptr;
    return asio::use_service<IdleConnections>(context).take(client_id + key, options);
  }

  void give_back(asio::io_context& context, const std::string& key, std::unique_ptr<Connection> conn) {
    asio::use_service<IdleConnections>(context).give_back(client_id + key, std::move(conn), options);
  }

  asio::awaitable<std::unique_ptr<Connection>> connect(asio::io_context& io, const Url& url, Clock::time_point limit) {
    const auto deadline = std::min(Clock::now() + options.connect_timeout, limit);
    const std::string where = url.host + ":" + std::to_string(url.port);

    tcp::resolver resolver(io);
    asio::steady_timer timer(io, deadline);
    auto resolved = co_await (resolver.async_resolve(url.host, std::to_string(url.port), use_nothrow) ||
                              timer.async_wait(use_nothrow));
    if (resolved.index() == 1) throw HttpError(HttpError::Kind::resolve, "timed out resolving " + url.host);
    auto [resolve_ec, endpoints] = std::get<0>(std::move(resolved));
    if (resolve_ec) throw HttpError(HttpError::Kind::resolve, "cannot resolve " + url.host + ": " + resolve_ec.message());

    auto conn = std::make_unique<Connection>();
    if (url.is_tls()) {
      conn->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io, tls_context);
    } else {
      conn->plain = std::make_unique<beast::tcp_stream>(io);
    }
    auto& tcp_stream = conn->tcp();
    tcp_stream.expires_at(deadline);
    auto [connect_ec, endpoint] = co_await tcp_stream.async_connect(endpoints, use_nothrow);
    if (connect_ec == beast::error::timeout) throw HttpError(HttpError::Kind::connect, "connect to " + where + " timed out");
    if (connect_ec) throw HttpError(HttpError::Kind::connect, "cannot connect to " + where + ": " + connect_ec.message());
    tcp_stream.socket().set_option(tcp::no_delay(true));

    if (conn->tls) {
      // SNI (names only, never addresses) and host name verification against the certificate.
      if (!is_ip_address(url.host) && !SSL_set_tlsext_host_name(conn->tls->native_handle(), url.host.c_str())) {
        throw HttpError(HttpError::Kind::tls, "cannot set SNI for " + url.host);
      }
      if (options.verify_peer) conn->tls->set_verify_callback(ssl::host_name_verification(url.host));
      auto [handshake_ec] = co_await conn->tls->async_handshake(ssl::stream_base::client, use_nothrow);
      if (handshake_ec == beast::error::timeout) throw HttpError(HttpError::Kind::tls, "TLS handshake with " + where + " timed out");
      if (handshake_ec) throw HttpError(HttpError::Kind::tls, "TLS handshake with " + where + " failed: " + handshake_ec.message());
    }
    tcp_stream.expires_never();
    opened.fetch_add(1, std::memory_order_relaxed);
    co_return conn;
  }

  struct Exchange {
    boost::system::error_code ec;
    bool received_any = false;
    HttpResponse response;
    bool reusable = false;
  };

  // Writes the request (head and body in one gathered write) and reads the whole response into an
  // HttpResponse: reads straight from the stream into the connection's buffer and feeds the parser, as
  // http::async_read does, without its layers of composed operations.
  template <typename Stream>
  asio::awaitable<Exchange> exchange_on(Stream& stream, Connection& conn, const std::string& head, const std::string& body,
                                        bool head_request) {
    Exchange out;
    const std::array<asio::const_buffer, 2> message{asio::buffer(head), asio::buffer(body)};
    auto [write_ec, written] = co_await asio::async_write(stream, message, use_nothrow);
    if (write_ec) {
      out.ec = write_ec;
      co_return out;
    }
    ResponseParser parser(out.response);
    parser.eager(true);
    parser.skip(head_request);  // the answer to HEAD has no body, whatever its Content-Length says
    parser.body_limit(options.max_response_body);
    parser.header_limit(64 * 1024);
    boost::system::error_code ec;
    while (!parser.is_done()) {
      if (conn.buffer.size() > 0) {
        const std::size_t used = parser.put(conn.buffer.data(), ec);
        conn.buffer.consume(used);
        if (ec == http::error::need_more) {
          ec = {};
        } else if (ec) {
          break;
        } else if (used > 0 && conn.buffer.size() > 0) {
          continue;  // more of the message is already here
        }
        if (parser.is_done()) break;
      }
      auto [read_ec, read] = co_await stream.async_read_some(conn.buffer.prepare(read_size(conn.buffer)), use_nothrow);
      conn.buffer.commit(read);
      if (read_ec == asio::error::eof && parser.got_some()) {
        parser.put_eof(ec);  // a body delimited by the end of the connection ends here; anything else is cut short
        if (ec) break;
      } else if (read_ec) {
        ec = read_ec;
        break;
      }
    }
    out.received_any = parser.got_some();
    if (ec) {
      out.ec = ec;
      co_return out;
    }
    out.reusable = parser.keep_alive() && !parser.need_eof();
    co_return out;
  }

  asio::awaitable<Exchange> exchange(Connection& conn, const std::string& head, const std::string& body,
                                     bool head_request, Clock::time_point limit) {
    conn.tcp().expires_at(std::min(Clock::now() + options.request_timeout, limit));  // one deadline for writing and reading
    // (No co_await inside a conditional expression: GCC 12 miscompiles that.)
    Exchange out;
    if (conn.tls) {
      out = co_await exchange_on(*conn.tls, conn, head, body, head_request);
    } else {
      out = co_await exchange_on(*conn.plain, conn, head, body, head_request);
    }
    conn.tcp().expires_never();
    co_return out;
  }

  // Runs on `context` (the caller's io_context, or the client's own): every socket and timer lives there.
  asio::awaitable<HttpResponse> perform(HttpRequest request, asio::io_context& context) {
    Url url;
    try {
      url = parse_url(request.url);
    } catch (const std::invalid_argument& e) {
      throw HttpError(HttpError::Kind::invalid_request, e.what());
    }
    if (http::string_to_verb(request.method) == http::verb::unknown) {
      throw HttpError(HttpError::Kind::invalid_request, "unknown method " + request.method);
    }
    const std::string head = request_head(request, url, options.user_agent);
    const bool head_request = request.method == "HEAD";
    // The caller's deadline for the whole request (connect included), when it gave one.
    const auto limit = request.timeout ? Clock::now() + *request.timeout : Clock::time_point::max();
    const auto limit_ms = request.timeout ? std::min(*request.timeout, options.request_timeout) : options.request_timeout;

    const std::string key = pool_key(url);
    const std::string what = request.method + " " + url.scheme + "://" + url.host_header() + url.target;
    bool retried = false;
    for (;;) {
      std::unique_ptr<Connection> conn = retried ? nullptr : take_idle(context, key);
      const bool reused = conn != nullptr;
      if (!conn) conn = co_await connect(context, url, limit);

      Exchange ex = co_await exchange(*conn, head, request.body, head_request, limit);
      if (!ex.ec) {
        if (ex.reusable) give_back(context, key, std::move(conn));
        co_return std::move(ex.response);
      }
      if (reused && !ex.received_any && closed_by_peer(ex.ec) && !retried) {
        retried = true;  // the pooled connection was dead; once more on a fresh one
        continue;
      }
      if (ex.ec == beast::error::timeout) {
        throw HttpError(HttpError::Kind::timeout, what + ": no complete response within " +
                                                      std::to_string(limit_ms.count()) + " ms");
      }
      if (ex.ec.category() == http::make_error_code(http::error::end_of_stream).category() && !closed_by_peer(ex.ec)) {
        throw HttpError(HttpError::Kind::protocol, what + ": " + ex.ec.message());
      }
      throw HttpError(HttpError::Kind::connection, what + ": " + ex.ec.message());
    }
  }
};

HttpClient::HttpClient(HttpClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpClient::~HttpClient() = default;

asio::awaitable<HttpResponse> HttpClient::send(HttpRequest request) {
  Impl* impl = impl_.get();
  auto executor = co_await asio::this_coro::executor;
  asio::io_context* caller_io = io_context_of(executor);
  if (caller_io && !asio::has_service<InPlaceRequests>(*caller_io)) caller_io = nullptr;
  // Each task built in one statement and awaited in the next (the GCC 12 rule, doc/architecture.md).
  if (caller_io) {
    auto direct = impl->perform(std::move(request), *caller_io);
    co_return co_await std::move(direct);
  }
  auto handed_off = asio::co_spawn(impl->io, impl->perform(std::move(request), impl->io), asio::use_awaitable);
  co_return co_await std::move(handed_off);
}

void run_requests_in_place(asio::io_context& io) { asio::use_service<InPlaceRequests>(io); }

std::size_t HttpClient::connections_opened() const { return impl_->opened.load(std::memory_order_relaxed); }

}  // namespace cruddur::net
