// A WebSocket load client for the live stream (doc/stream.md), for `make bench` (bench/README.md):
//   stream_load --port P [--pairs N] [--sockets-per-receiver K] [--rates R1,R2,...] [--seconds S]
//               [--hold S] [--server-pid PID]
// Set-up: `pairs` pairs of people (a sender and a receiver each; sign-ups are sequential, argon2 on the
// server). Every receiver opens K streams (at most 8, the per-user limit), so pairs x K sockets in all; the
// client reads every one of them (a socket nobody reads would be cut off as a slow consumer).
// 1. Idle: the server's RSS growth per socket (VmRSS of --server-pid before and after opening them).
//    With --hold S it then prints "holding" and keeps the sockets open and quiet for S seconds, so that
//    bench/run.sh can measure the HTTP endpoints with them connected.
// 2. Active, once per rate: each sender sends to its receiver over HTTP (one keep-alive connection per pair)
//    at rate/pairs sends/s for S seconds. Reported per rate: sends acknowledged per second, frames delivered
//    per second over all sockets (message.created and group.updated), and the latency from "send
//    acknowledged" to "message.created received", on the first socket of the receiver to get it and on the
//    last one (p50 and p99; negative, i.e. the frame came before the reply, counts as 0), and frames lost
//    (acknowledged, never received on some socket of the receiver), and the server's CPU per acknowledged send
//    (its sends, their fan-out and the drain after the run, from /proc/<server-pid>/stat).
// 3. Reconnect: every socket drops, each pair sends 3 messages, and all sockets reconnect at once with their
//    last `since`: the time until all have resumed, resyncs, and events lost.
// Two client threads: senders (and set-up) on the main thread, every socket's reads on a reader thread.
// Prints one `name value` line per figure. Numbers are for bench/results, never asserted.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <unistd.h>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  unsigned short port = 4567;
  int pairs = 10;
  int sockets_per_receiver = 1;
  std::vector<double> rates{100};
  int seconds = 5;
  int hold = 0;
  int server_pid = 0;
};

std::vector<double> parse_rates(const std::string& text) {
  std::vector<double> rates;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) rates.push_back(std::stod(item));
  return rates;
}

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port") a.port = static_cast<unsigned short>(std::stoi(value));
    else if (flag == "--pairs") a.pairs = std::stoi(value);
    else if (flag == "--sockets-per-receiver") a.sockets_per_receiver = std::clamp(std::stoi(value), 1, 8);
    else if (flag == "--rates") a.rates = parse_rates(value);
    else if (flag == "--seconds") a.seconds = std::stoi(value);
    else if (flag == "--hold") a.hold = std::stoi(value);
    else if (flag == "--server-pid") a.server_pid = std::stoi(value);
    else throw std::invalid_argument("unknown flag " + flag);
  }
  return a;
}

// A `/proc/<pid>/status` figure in KiB: "VmRSS" (all resident pages, including the database file's pages
// SQLite maps in) or "RssAnon" (the process's own memory: heap, stacks).
long status_kib(int pid, const std::string& field) {
  if (pid <= 0) return -1;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const std::string prefix = field + ":";
  while (std::getline(status, line))
    if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
  return -1;
}

// The server's CPU time so far (user + system), in seconds; -1 without a pid.
double cpu_seconds(int pid) {
  if (pid <= 0) return -1;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));  // after "pid (comm) "
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; fields >> field; ++i) {  // field 3 is the state; utime and stime are 14 and 15
    if (i == 14) utime = std::stol(field);
    if (i == 15) {
      stime = std::stol(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

const tcp::endpoint& server(unsigned short port) {
  static const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  return endpoint;
}

struct User {
  std::string handle, token;
};

// One synchronous HTTP exchange on a fresh connection (set-up only).
boost::json::value http_json(asio::io_context& io, unsigned short port, bhttp::verb verb, const std::string& target,
                             const std::string& body, const std::string& token = "") {
  beast::tcp_stream stream(io);
  stream.connect(server(port));
  bhttp::request<bhttp::string_body> request(verb, target, 11);
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
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

std::string ticket_for(asio::io_context& io, unsigned short port, const User& user) {
  return std::string(http_json(io, port, bhttp::verb::post, "/api/stream/ticket", "", user.token).at("ticket").as_string());
}

using Socket = websocket::stream<beast::tcp_stream>;

// The string value of `"key":"..."` in a frame's text, without parsing the whole frame ("" when absent).
std::string field_of(std::string_view frame, std::string_view key) {
  std::string needle = "\"" + std::string(key) + "\":\"";
  auto at = frame.find(needle);
  if (at == std::string_view::npos) return {};
  auto start = at + needle.size();
  auto end = frame.find('"', start);
  return std::string(frame.substr(start, end - start));
}

// When each message.created frame arrived: first and last socket of its receiver, and on how many. Touched
// by the reader thread only (during a run), then read by the main thread after it joined.
struct Arrival {
  Clock::time_point first, last;
  int sockets = 0;
};

struct Counters {
  std::unordered_map<std::string, Arrival> arrivals;  // by message uuid
  long frames = 0;
};

// One open stream of a receiver: reads every frame until the io_context stops or the socket closes,
// remembering the last `since` (where a reconnect resumes).
struct Stream {
  std::unique_ptr<Socket> ws;
  beast::flat_buffer buffer;
  std::string last_since;
  Counters* counters = nullptr;

  void read() {
    ws->async_read(buffer, [this](beast::error_code ec, std::size_t) {
      if (ec) return;
      auto now = Clock::now();
      std::string text = beast::buffers_to_string(buffer.data());
      buffer.consume(buffer.size());
      if (auto since = field_of(text, "since"); !since.empty()) last_since = std::move(since);
      ++counters->frames;
      if (text.find("\"type\":\"message.created\"") != std::string::npos) {
        // The message's own uuid is the first "uuid" inside "message".
        auto message = text.find("\"message\":{");
        std::string uuid = message == std::string::npos ? "" : field_of(std::string_view(text).substr(message), "uuid");
        Arrival& a = counters->arrivals[uuid];
        if (a.sockets++ == 0) a.first = now;
        a.last = now;
      }
      read();
    });
  }
};

std::unique_ptr<Socket> open_socket(asio::io_context& io, unsigned short port, const std::string& ticket,
                                    const std::string& since = "") {
  auto ws = std::make_unique<Socket>(io);
  beast::get_lowest_layer(*ws).connect(server(port));
  std::string target = "/api/stream?ticket=" + ticket + (since.empty() ? "" : "&since=" + since);
  ws->handshake("127.0.0.1:" + std::to_string(port), target);
  beast::flat_buffer hello;
  ws->read(hello);
  return ws;
}

// One pair's sender: a keep-alive HTTP connection sending on a fixed period. Main thread only.
struct Sender {
  beast::tcp_stream stream;
  asio::steady_timer timer;
  unsigned short port = 0;
  std::string token, to_handle, group;
  Clock::duration period{};
  Clock::time_point next, end;
  std::unordered_map<std::string, Clock::time_point>* acked = nullptr;
  beast::flat_buffer buffer;
  bhttp::request<bhttp::string_body> request;
  bhttp::response<bhttp::string_body> response;
  int sent = 0;

  explicit Sender(asio::io_context& io) : stream(io), timer(io) {}

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
    request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
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
          acked->emplace(std::string(reply.at("uuid").as_string()), now);
        }
        schedule();
      });
    });
  }
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(i), values.end());
  return values[i];
}

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::max(0.0, std::chrono::duration<double, std::milli>(to - from).count());
}

struct Pair {
  User from, to;
  std::vector<std::unique_ptr<Stream>> streams;  // the receiver's sockets
  std::unique_ptr<Sender> sender;
};

// Runs the active phase at `rate` sends/s in all; prints its figures. Reads happen on `reader_io`'s thread.
void run_active(const Args& args, double rate, asio::io_context& io, asio::io_context& reader_io,
                std::vector<Pair>& pairs, Counters& counters) {
  std::unordered_map<std::string, Clock::time_point> acked;
  counters.arrivals.clear();
  counters.frames = 0;
  auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(args.pairs / rate));
  for (auto& pair : pairs) {
    pair.sender = std::make_unique<Sender>(io);
    pair.sender->port = args.port;
    pair.sender->token = pair.from.token;
    pair.sender->to_handle = pair.to.handle;
    pair.sender->period = period;
    pair.sender->acked = &acked;
    pair.sender->stream.connect(server(args.port));
  }
  auto start = Clock::now() + std::chrono::milliseconds(200);
  auto end = start + std::chrono::seconds(args.seconds);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    pairs[i].sender->next = start + period * static_cast<long>(i) / std::max<long>(1, args.pairs) - period;
    pairs[i].sender->end = end;
  }
  std::thread reader([&] {
    reader_io.restart();
    reader_io.run_until(end + std::chrono::seconds(2));  // the last frames' grace
  });
  const double cpu_before = cpu_seconds(args.server_pid);
  for (auto& pair : pairs) pair.sender->schedule();
  io.restart();
  io.run_until(end + std::chrono::seconds(2));
  reader.join();
  const double cpu_used = cpu_seconds(args.server_pid) - cpu_before;  // sends, fan-out and the drain after

  std::vector<double> first_ms, last_ms;
  std::size_t lost = 0;
  const int sockets = args.sockets_per_receiver;
  for (const auto& [uuid, at] : acked) {
    auto got = counters.arrivals.find(uuid);
    if (got == counters.arrivals.end()) {
      lost += sockets;
      continue;
    }
    lost += static_cast<std::size_t>(std::max(0, sockets - got->second.sockets));
    first_ms.push_back(ms_between(at, got->second.first));
    last_ms.push_back(ms_between(at, got->second.last));
  }
  double seconds = args.seconds;
  std::printf("rate %.0f: sends_acknowledged_per_s %.0f frames_delivered_per_s %.0f message_deliveries_per_s %.0f "
              "p50_ms %.2f p99_ms %.2f p99_last_socket_ms %.2f frames_lost %zu server_cpu_us_per_send %.0f\n",
              rate, static_cast<double>(acked.size()) / seconds, static_cast<double>(counters.frames) / seconds,
              static_cast<double>(first_ms.size()) * sockets / seconds, percentile(first_ms, 0.50),
              percentile(first_ms, 0.99), percentile(last_ms, 0.99), lost,
              acked.empty() || cpu_before < 0 ? 0.0 : cpu_used * 1e6 / static_cast<double>(acked.size()));
  std::fflush(stdout);
  // Sends still in flight when the run ended (the server fell behind) have handlers queued on `io` that point
  // at their Sender: close and cancel everything, run those handlers out (they see the error and stop), and
  // only then destroy the senders. Destroying them first left the handlers dangling for the next rate's run.
  for (auto& pair : pairs) {
    beast::error_code ignored;
    pair.sender->timer.cancel();
    pair.sender->stream.socket().close(ignored);
  }
  io.restart();
  io.run();  // nothing else is pending on `io` between runs: returns once the aborted handlers ran
  for (auto& pair : pairs) pair.sender.reset();
}

}  // namespace

int main(int argc, char** argv) try {
  Args args = parse_args(argc, argv);
  asio::io_context io;         // set-up and senders (main thread)
  asio::io_context reader_io;  // every stream's reads (the reader thread, during a run)
  Counters counters;

  std::vector<Pair> pairs(static_cast<std::size_t>(args.pairs));
  for (int i = 0; i < args.pairs; ++i) {
    pairs[i].from = sign_up(io, args.port, "bs", i);
    pairs[i].to = sign_up(io, args.port, "br", i);
  }

  // 1. Idle sockets.
  long before = status_kib(args.server_pid, "VmRSS");
  long anon_before = status_kib(args.server_pid, "RssAnon");
  for (auto& pair : pairs) {
    for (int k = 0; k < args.sockets_per_receiver; ++k) {
      auto stream = std::make_unique<Stream>();
      stream->ws = open_socket(reader_io, args.port, ticket_for(io, args.port, pair.to));
      stream->counters = &counters;
      pair.streams.push_back(std::move(stream));
    }
  }
  long after = status_kib(args.server_pid, "VmRSS");
  long anon_after = status_kib(args.server_pid, "RssAnon");
  const long sockets = static_cast<long>(args.pairs) * args.sockets_per_receiver;
  std::printf("sockets %ld\n", sockets);
  if (before > 0 && sockets > 0) {
    std::printf("server_rss_per_idle_socket_kib %.2f\nserver_rss_kib %ld\n", static_cast<double>(after - before) / sockets,
                after);
    std::printf("server_anon_per_idle_socket_kib %.2f\nserver_anon_kib %ld\n",
                static_cast<double>(anon_after - anon_before) / sockets, anon_after);
  }
  for (auto& pair : pairs)
    for (auto& stream : pair.streams) stream->read();
  if (args.hold > 0) {
    std::printf("holding %d\n", args.hold);
    std::fflush(stdout);
    // Keep the sockets served (pings answered) while the HTTP endpoints are measured.
    reader_io.run_for(std::chrono::seconds(args.hold));
  }
  std::fflush(stdout);

  // 2. Active pairs, at each rate.
  for (double rate : args.rates) run_active(args, rate, io, reader_io, pairs, counters);

  // 3. Every socket drops; each pair sends kMissed messages; all reconnect at once with their `since`.
  constexpr int kMissed = 3;
  std::vector<std::vector<std::string>> missed(pairs.size());
  std::vector<std::string> since_of;  // per socket, in pair order
  for (auto& pair : pairs)
    for (auto& stream : pair.streams) {
      since_of.push_back(stream->last_since);
      stream->ws.reset();
    }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the server notices the drops
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    for (int k = 0; k < kMissed; ++k) {
      boost::json::object body{{"message", "missed " + std::to_string(k)}, {"handle", pairs[i].to.handle}};
      auto reply = http_json(io, args.port, bhttp::verb::post, "/api/messages", boost::json::serialize(body),
                             pairs[i].from.token);
      missed[i].push_back(std::string(reply.at("uuid").as_string()));
    }
  }
  std::vector<std::string> tickets;
  for (auto& pair : pairs)
    for (int k = 0; k < args.sockets_per_receiver; ++k) tickets.push_back(ticket_for(io, args.port, pair.to));

  asio::io_context again_io;
  std::atomic<int> resumed = 0, resyncs = 0, failed = 0;
  std::size_t events_lost = 0;
  auto reconnect_start = Clock::now();
  Clock::time_point last_done = reconnect_start;
  std::size_t socket_index = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    for (int k = 0; k < args.sockets_per_receiver; ++k, ++socket_index) {
      asio::co_spawn(again_io, [&, i, socket_index]() -> asio::awaitable<void> {
        try {
          Socket ws(again_io);
          co_await beast::get_lowest_layer(ws).async_connect(server(args.port), asio::use_awaitable);
          std::string target = "/api/stream?ticket=" + tickets[socket_index] + "&since=" + since_of[socket_index];
          co_await ws.async_handshake("127.0.0.1:" + std::to_string(args.port), target, asio::use_awaitable);
          std::vector<std::string> waiting = missed[i];
          beast::flat_buffer buffer;
          co_await ws.async_read(buffer, asio::use_awaitable);  // hello
          buffer.consume(buffer.size());
          while (!waiting.empty()) {
            co_await ws.async_read(buffer, asio::use_awaitable);
            std::string text = beast::buffers_to_string(buffer.data());
            buffer.consume(buffer.size());
            if (text.find("\"type\":\"resync\"") != std::string::npos) {
              ++resyncs;
              co_return;
            }
            if (text.find("\"type\":\"message.created\"") == std::string::npos) continue;
            auto message = text.find("\"message\":{");
            std::erase(waiting, field_of(std::string_view(text).substr(message), "uuid"));
          }
          ++resumed;
          last_done = std::max(last_done, Clock::now());
        } catch (const std::exception&) {
          ++failed;
          events_lost += missed[i].size();
        }
      }, asio::detached);
    }
  }
  again_io.run_for(std::chrono::seconds(60));
  std::printf("reconnected_with_since %d\nreconnect_all_resumed_ms %.1f\nreconnect_resyncs %d\nreconnect_failed %d\n"
              "reconnect_events_lost %zu\n",
              resumed.load(), std::chrono::duration<double, std::milli>(last_done - reconnect_start).count(),
              resyncs.load(), failed.load(), events_lost);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "stream_load: %s\n", e.what());
  return 1;
}
