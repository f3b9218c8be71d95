// A WebSocket load client for the live stream (doc/stream.md), for `make bench` (bench/README.md):
//   stream_load --port P [--idle N] [--pairs N] [--rate SENDS_PER_S] [--seconds S] [--server-pid PID]
// 1. Idle: opens N streams for users who receive nothing (8 per user, the per-user limit) and reports the
//    server's RSS growth per socket (VmRSS of --server-pid before and after).
// 2. Active: `pairs` pairs; the first of each pair sends to the second over HTTP (one keep-alive connection
//    per pair) at `rate` sends/s in all, for `seconds`. The second's stream records when each message's
//    message.created frame arrives; latency = frame received - send acknowledged (negative: the frame came
//    first; counted as 0). Reports deliveries/s, p50/p99 and frames lost (acknowledged, never received).
// 3. Reconnect: every receiver drops its stream, each pair sends 3 messages, and all receivers reconnect at
//    once with their last `since`: time until all have resumed, resyncs, events lost.
// Two client threads (senders, receivers); sign-ups are sequential (argon2 on the server: minutes for
// thousands). Prints one line per figure. Numbers are for bench/results, never asserted.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  unsigned short port = 4567;
  int idle = 100;
  int pairs = 10;
  double rate = 100;
  int seconds = 5;
  int server_pid = 0;
};

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port") a.port = static_cast<unsigned short>(std::stoi(value));
    else if (flag == "--idle") a.idle = std::stoi(value);
    else if (flag == "--pairs") a.pairs = std::stoi(value);
    else if (flag == "--rate") a.rate = std::stod(value);
    else if (flag == "--seconds") a.seconds = std::stoi(value);
    else if (flag == "--server-pid") a.server_pid = std::stoi(value);
    else throw std::invalid_argument("unknown flag " + flag);
  }
  return a;
}

long rss_kib(int pid) {
  if (pid <= 0) return -1;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

struct User {
  std::string handle, token;
};

// One synchronous HTTP exchange on a fresh connection (set-up only).
boost::json::value http_json(asio::io_context& io, unsigned short port, bhttp::verb verb, const std::string& target,
                             const std::string& body, const std::string& token = "") {
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> request(verb, target, 11);
  request.set(bhttp::field::host, "127.0.0.1");
  request.set(bhttp::field::content_type, "application/json");
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(stream, request);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(stream, buffer, response);
  if (response.result_int() >= 300)
    throw std::runtime_error(target + ": " + std::to_string(response.result_int()) + " " + response.body());
  return boost::json::parse(response.body());
}

User sign_up(asio::io_context& io, unsigned short port, const std::string& prefix, int n) {
  static const std::string run = std::to_string(std::random_device{}() % 1000000);
  std::string handle = prefix + run + "_" + std::to_string(n);
  boost::json::object body{{"display_name", handle}, {"handle", handle}, {"email", handle + "@bench.example"},
                           {"password", "bench-password-1"}};
  auto reply = http_json(io, port, bhttp::verb::post, "/api/auth/signup", boost::json::serialize(body));
  return {handle, std::string(reply.at("access_token").as_string())};
}

using Socket = websocket::stream<beast::tcp_stream>;

std::unique_ptr<Socket> open_stream(asio::io_context& io, unsigned short port, const User& user) {
  auto ticket = http_json(io, port, bhttp::verb::post, "/api/stream/ticket", "", user.token);
  auto ws = std::make_unique<Socket>(io);
  beast::get_lowest_layer(*ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  ws->handshake("127.0.0.1", "/api/stream?ticket=" + std::string(ticket.at("ticket").as_string()));
  beast::flat_buffer hello;
  ws->read(hello);
  return ws;
}

// The active phase's state: ack and receipt times by message uuid.
struct Timings {
  std::unordered_map<std::string, Clock::time_point> acked, received;
};

// Reads one receiver's stream until the io_context stops, recording message.created arrivals.
struct Receiver {
  User user;
  std::unique_ptr<Socket> ws;
  beast::flat_buffer buffer;
  Timings* timings;
  std::string last_since;                 // of the last frame that had one: where a reconnect resumes
  std::vector<std::string> missed;        // message uuids sent while disconnected (reconnect phase)
  void read() {
    ws->async_read(buffer, [this](beast::error_code ec, std::size_t) {
      if (ec) return;
      auto now = Clock::now();
      boost::system::error_code parse_ec;
      auto frame = boost::json::parse(beast::buffers_to_string(buffer.data()), parse_ec);
      buffer.consume(buffer.size());
      if (parse_ec) return read();
      if (auto* since = frame.as_object().if_contains("since")) last_since = std::string(since->as_string());
      if (frame.at("type") == "message.created")
        timings->received.emplace(std::string(frame.at("message").at("uuid").as_string()), now);
      read();
    });
  }
};

// One pair's sender: a keep-alive HTTP connection sending on a fixed period.
struct Sender {
  beast::tcp_stream stream;
  asio::steady_timer timer;
  std::string token, to_handle, group;
  Clock::duration period;
  Clock::time_point next, end;
  Timings* timings;
  beast::flat_buffer buffer;
  bhttp::request<bhttp::string_body> request;
  bhttp::response<bhttp::string_body> response;
  int sent = 0;

  Sender(asio::io_context& io) : stream(io), timer(io) {}

  void schedule() {
    next += period;
    if (next >= end) return;
    timer.expires_at(next);
    timer.async_wait([this](beast::error_code ec) {
      if (!ec) send();
    });
  }
  void send() {
    boost::json::object body{{"message", "bench " + std::to_string(sent++)}};
    if (group.empty()) body["handle"] = to_handle;
    else body["message_group_uuid"] = group;
    request = {bhttp::verb::post, "/api/messages", 11};
    request.set(bhttp::field::host, "127.0.0.1");
    request.set(bhttp::field::content_type, "application/json");
    request.set(bhttp::field::authorization, "Bearer " + token);
    request.body() = boost::json::serialize(body);
    request.prepare_payload();
    bhttp::async_write(stream, request, [this](beast::error_code ec, std::size_t) {
      if (ec) return;
      response = {};
      bhttp::async_read(stream, buffer, response, [this](beast::error_code ec, std::size_t) {
        if (ec) return;
        auto now = Clock::now();
        if (response.result_int() == 200) {
          auto reply = boost::json::parse(response.body());
          group = std::string(reply.at("message_group_uuid").as_string());
          timings->acked.emplace(std::string(reply.at("uuid").as_string()), now);
        }
        schedule();
      });
    });
  }
};

double percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(i), values.end());
  return values[i];
}

}  // namespace

int main(int argc, char** argv) try {
  Args args = parse_args(argc, argv);
  asio::io_context io;

  // 1. Idle sockets.
  std::vector<User> idle_users;
  for (int i = 0; i * 8 < args.idle; ++i) idle_users.push_back(sign_up(io, args.port, "bi", i));
  long before = rss_kib(args.server_pid);
  std::vector<std::unique_ptr<Socket>> idle;
  for (int i = 0; i < args.idle; ++i) idle.push_back(open_stream(io, args.port, idle_users[i / 8]));
  long after = rss_kib(args.server_pid);
  std::printf("idle_sockets %d\n", args.idle);
  if (before > 0 && args.idle > 0)
    std::printf("server_rss_per_idle_socket_kib %.2f\n", static_cast<double>(after - before) / args.idle);

  // 2. Active pairs.
  // Receivers run on a thread of their own, so a frame is timed when it arrives, not after the HTTP reply
  // that came with it (acked is written by this thread only, received by the reader only).
  asio::io_context reader_io;
  Timings timings;
  std::vector<std::unique_ptr<Receiver>> receivers;
  std::vector<std::unique_ptr<Sender>> senders;
  auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(args.pairs / args.rate));
  for (int i = 0; i < args.pairs; ++i) {
    User from = sign_up(io, args.port, "bs", i);
    User to = sign_up(io, args.port, "br", i);
    auto receiver = std::make_unique<Receiver>();
    receiver->user = to;
    receiver->ws = open_stream(reader_io, args.port, to);
    receiver->timings = &timings;
    receivers.push_back(std::move(receiver));
    auto sender = std::make_unique<Sender>(io);
    sender->token = from.token;
    sender->to_handle = to.handle;
    sender->period = period;
    sender->timings = &timings;
    senders.push_back(std::move(sender));
  }
  // After the set-up (sign-ups take long, and a connection must send its first request within the server's
  // 10 s header timeout): connect, then spread the pairs' first sends over one period.
  for (auto& sender : senders) sender->stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), args.port));
  auto start = Clock::now() + std::chrono::milliseconds(200);
  auto end = start + std::chrono::seconds(args.seconds);
  for (int i = 0; i < args.pairs; ++i) {
    senders[i]->next = start + period * i / std::max(1, args.pairs) - period;
    senders[i]->end = end;
  }
  for (auto& r : receivers) r->read();
  std::thread reader([&] { reader_io.run_until(end + std::chrono::seconds(2)); });  // the last frames' grace
  for (auto& s : senders) s->schedule();
  io.run_until(end + std::chrono::seconds(2));
  reader.join();

  std::vector<double> latencies_ms;
  std::size_t lost = 0;
  for (const auto& [uuid, acked] : timings.acked) {
    auto got = timings.received.find(uuid);
    if (got == timings.received.end()) {
      ++lost;
      continue;
    }
    latencies_ms.push_back(std::max(0.0, std::chrono::duration<double, std::milli>(got->second - acked).count()));
  }
  std::printf("pairs %d\nsends_acknowledged %zu\ndeliveries_per_s %.0f\n", args.pairs, timings.acked.size(),
              static_cast<double>(latencies_ms.size()) / args.seconds);
  std::printf("latency_p50_ms %.3f\nlatency_p99_ms %.3f\nframes_lost %zu\n", percentile(latencies_ms, 0.50),
              percentile(latencies_ms, 0.99), lost);

  // 3. Every receiver drops its connection; each pair sends kMissed messages; all reconnect at once with
  // `since`. Reported: the time until all have resumed, resyncs, and events lost (sent, never replayed).
  constexpr int kMissed = 3;
  for (auto& r : receivers) r->ws.reset();
  for (int i = 0; i < args.pairs; ++i) {
    for (int k = 0; k < kMissed && !senders[i]->group.empty(); ++k) {
      boost::json::object body{{"message", "missed " + std::to_string(k)}, {"message_group_uuid", senders[i]->group}};
      auto reply = http_json(io, args.port, bhttp::verb::post, "/api/messages", boost::json::serialize(body),
                             senders[i]->token);
      receivers[i]->missed.push_back(std::string(reply.at("uuid").as_string()));
    }
  }
  std::vector<std::string> tickets;
  for (auto& r : receivers)
    tickets.push_back(std::string(
        http_json(io, args.port, bhttp::verb::post, "/api/stream/ticket", "", r->user.token).at("ticket").as_string()));
  asio::io_context again_io;
  int resumed = 0, resyncs = 0, failed = 0;
  std::size_t events_lost = 0;
  auto reconnect_start = Clock::now();
  Clock::time_point last_done = reconnect_start;
  for (int i = 0; i < args.pairs; ++i) {
    asio::co_spawn(again_io, [&, i]() -> asio::awaitable<void> {
      Receiver& r = *receivers[i];
      try {
        Socket ws(again_io);
        co_await beast::get_lowest_layer(ws).async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), args.port),
                                                           asio::use_awaitable);
        std::string target = "/api/stream?ticket=" + tickets[i] + "&since=" + r.last_since;
        co_await ws.async_handshake("127.0.0.1", target, asio::use_awaitable);
        std::vector<std::string> waiting = r.missed;
        beast::flat_buffer buffer;
        co_await ws.async_read(buffer, asio::use_awaitable);  // hello
        buffer.consume(buffer.size());
        while (!waiting.empty()) {
          co_await ws.async_read(buffer, asio::use_awaitable);
          auto frame = boost::json::parse(beast::buffers_to_string(buffer.data()));
          buffer.consume(buffer.size());
          if (frame.at("type") == "resync") {
            ++resyncs;
            co_return;
          }
          if (frame.at("type") != "message.created") continue;
          std::string uuid(frame.at("message").at("uuid").as_string());
          std::erase(waiting, uuid);
        }
        ++resumed;
        last_done = std::max(last_done, Clock::now());
      } catch (const std::exception&) {
        ++failed;
        events_lost += r.missed.size();
      }
    }, asio::detached);
  }
  again_io.run_for(std::chrono::seconds(60));
  std::printf("reconnected_with_since %d\nreconnect_all_resumed_ms %.1f\nreconnect_resyncs %d\nreconnect_failed %d\n"
              "reconnect_events_lost %zu\n",
              resumed, std::chrono::duration<double, std::milli>(last_done - reconnect_start).count(), resyncs, failed,
              events_lost);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "stream_load: %s\n", e.what());
  return 1;
}
