#include "http/request_reader.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/rfc7230.hpp>

#include <algorithm>
#include <iterator>
#include <string_view>

namespace cruddur::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr size_t kReadChunk = 4096;

Error bad_request() { return Error::bad_request("bad_request"); }

std::string_view buffered(const beast::flat_buffer& buffer) {
  auto data = buffer.data();
  return {static_cast<const char*>(data.data()), data.size()};
}

// The reply for a parser or read error, or nullopt when the connection is simply gone (or timed out).
std::optional<Error> refusal_for(const beast::error_code& ec) {
  if (ordinary_disconnect(ec)) return std::nullopt;
  if (ec == bhttp::error::body_limit) return Error::payload_too_large();
  if (ec == bhttp::error::header_limit) return Error::headers_too_large();
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) return bad_request();
  return std::nullopt;
}

ReadResult failed(const beast::error_code& ec) {
  auto refusal = refusal_for(ec);
  if (refusal) return {{}, std::move(refusal)};
  return {ec, std::nullopt};
}

ReadResult refused(Error error) { return {{}, std::move(error)}; }

// Reads until the header section's empty line is buffered; the section's length, or header_limit when
// header_limit bytes hold no empty line.
asio::awaitable<std::pair<beast::error_code, size_t>> buffer_header(beast::tcp_stream& stream,
                                                                  beast::flat_buffer& buffer, size_t limit) {
  size_t searched = 0;
  for (;;) {
    std::string_view data = buffered(buffer);
    auto end = data.find("\r\n\r\n", searched);
    if (end != std::string_view::npos && end + 4 <= limit) co_return std::pair{beast::error_code{}, end + 4};
    if (data.size() >= limit) co_return std::pair{beast::error_code(bhttp::error::header_limit), size_t{0}};
    searched = data.size() < 3 ? 0 : data.size() - 3;
    size_t room = std::min({kReadChunk, limit - data.size(), buffer.max_size() - data.size()});
    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(room), use_tuple);
    if (ec) co_return std::pair{ec, size_t{0}};
    buffer.commit(n);
  }
}

// A field line that starts with white space continues the previous one (obs-fold, RFC 9112 section 5.2);
// a request line followed by such a line is refused the same way (section 2.2).
bool has_obs_fold(std::string_view header) {
  return header.find("\r\n ") != std::string_view::npos || header.find("\r\n\t") != std::string_view::npos;
}

// The framing rules Beast leaves to the server (see the header). Host is checked later, by the policy.
std::optional<Error> framing_error(const bhttp::request<bhttp::string_body>& request) {
  auto lengths = request.count(bhttp::field::content_length);
  if (lengths > 1 || (lengths == 1 && request[bhttp::field::content_length].find(',') != beast::string_view::npos))
    return bad_request();
  auto encodings = request.count(bhttp::field::transfer_encoding);
  if (encodings > 1) return bad_request();
  if (encodings == 1) {
    if (request.version() < 11) return bad_request();
    bhttp::token_list codings(request[bhttp::field::transfer_encoding]);
    auto count = std::distance(codings.begin(), codings.end());
    std::string_view last;
    for (auto coding : codings) last = coding;
    if (count == 0 || !beast::iequals(last, "chunked")) return bad_request();
    if (count > 1) return Error(501, {"not_implemented"});
  }
  auto hosts = request.count(bhttp::field::host);
  if (hosts > 1 || (hosts == 0 && request.version() >= 11)) return bad_request();
  return std::nullopt;
}

std::optional<Error> host_error(const bhttp::request<bhttp::string_body>& request, const beast::tcp_stream& stream,
                                const HostPolicy& hosts) {
  auto host = request.find(bhttp::field::host);
  if (host == request.end()) return std::nullopt;  // HTTP/1.0 without Host: no browser sends that
  boost::system::error_code ec;
  auto local = stream.socket().local_endpoint(ec).address();
  switch (hosts.check(host->value(), local)) {
    case HostPolicy::Verdict::allowed:
      return std::nullopt;
    case HostPolicy::Verdict::malformed:
      return bad_request();
    case HostPolicy::Verdict::misdirected:
      break;
  }
  return Error(421, {"misdirected_request"});
}

// The read buffer filled up while the parser waited for the end of a line: either a chunk-size line (with
// its extensions) that long, or, once the last chunk's line is complete, the trailer section.
Error refusal_for_overflow(std::string_view data) {
  if (data.starts_with("\r\n")) data.remove_prefix(2);  // the CRLF that ends the previous chunk's data
  bool in_trailers = data.find("\r\n") != std::string_view::npos;
  return in_trailers ? Error::headers_too_large() : Error::payload_too_large();
}

// Drops the fields after the first `header_fields` (the trailers, which Beast appends); their size.
size_t drop_trailers(bhttp::request<bhttp::string_body>& request, size_t header_fields) {
  size_t bytes = 0;
  auto field = request.begin();
  std::advance(field, header_fields);
  while (field != request.end()) {
    bytes += field->name_string().size() + field->value().size() + 4;  // name ": " value CRLF
    field = request.erase(field);
  }
  return bytes;
}

}  // namespace

bool ordinary_disconnect(const beast::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
         ec == asio::error::broken_pipe || ec == asio::error::not_connected || ec == beast::error::timeout ||
         ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message;
}

asio::awaitable<ReadResult> read_request(beast::tcp_stream& stream, beast::flat_buffer& buffer, RequestParser& parser,
                                         const SessionSettings& settings, const HostPolicy& hosts) {
  parser.header_limit(static_cast<std::uint32_t>(settings.header_limit));
  parser.body_limit(settings.body_limit);

  stream.expires_after(settings.header_timeout);
  auto [read_ec, header_size] = co_await buffer_header(stream, buffer, settings.header_limit);
  if (read_ec) co_return failed(read_ec);
  std::string_view header = buffered(buffer).substr(0, header_size);
  if (has_obs_fold(header)) co_return refused(bad_request());
  beast::error_code parse_ec;  // not a structured binding: GCC 12 gives those no stable address in a coroutine
  size_t used = parser.put(asio::buffer(header.data(), header.size()), parse_ec);
  buffer.consume(used);
  if (parse_ec) co_return failed(parse_ec);
  if (!parser.is_header_done()) co_return refused(bad_request());

  auto& request = parser.get();
  if (auto error = framing_error(request)) co_return refused(std::move(*error));
  if (auto error = host_error(request, stream, hosts)) co_return refused(std::move(*error));
  if (parser.is_done()) co_return ReadResult{};

  stream.expires_after(settings.idle_timeout);
  if (beast::iequals(request[bhttp::field::expect], "100-continue")) {
    static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
    auto [write_ec, unused] = co_await asio::async_write(stream, asio::buffer(go_on), use_tuple);
    if (write_ec) co_return ReadResult{write_ec, std::nullopt};
  }

  // Chunk data and extensions count against body_limit together (Beast counts the data alone).
  std::uint64_t counted = 0;
  auto count_chunk = [&counted, limit = settings.body_limit](std::uint64_t size, beast::string_view extensions,
                                                            beast::error_code& chunk_ec) {
    counted += size + extensions.size();  // size <= body_limit: Beast checked it before calling
    if (counted > limit) chunk_ec = bhttp::error::body_limit;
  };
  parser.on_chunk_header(count_chunk);
  parser.eager(true);
  size_t header_fields = std::distance(request.begin(), request.end());
  size_t max_on_wire = 2 * settings.body_limit + settings.header_limit;
  size_t on_wire = 0;
  while (!parser.is_done()) {
    auto [body_ec, n] = co_await bhttp::async_read_some(stream, buffer, parser, use_tuple);
    on_wire += n;
    if (body_ec == bhttp::error::buffer_overflow) co_return refused(refusal_for_overflow(buffered(buffer)));
    if (body_ec) co_return failed(body_ec);
    if (on_wire > max_on_wire) co_return refused(Error::payload_too_large());
  }
  size_t trailer_size = drop_trailers(request, header_fields);
  if (trailer_size > 0 && header_size + trailer_size > settings.header_limit)
    co_return refused(Error::headers_too_large());
  co_return ReadResult{};
}

}  // namespace cruddur::http
