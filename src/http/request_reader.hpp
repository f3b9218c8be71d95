#pragma once
// Reading one request off a connection, within the limits (internal to src/http: session.cpp drives it).
//
// Nothing unparsed can grow memory past header_limit: the read buffer holds at most that many bytes (the
// session makes it so), and every structure the parser keeps has a limit below. Each refusal is answered
// and the connection closed (the session does both):
//   header section (request line + fields + the empty line), buffered whole before it is parsed:
//     more than header_limit bytes                                      -> 431 headers_too_large
//     malformed (Beast's parser), an obs-folded field line, more than one Content-Length field or a list in
//     one, more than one Transfer-Encoding or Host field, a Transfer-Encoding whose last coding is not
//     chunked (RFC 9112 section 6.1; also with Content-Length), Transfer-Encoding in HTTP/1.0, HTTP/1.1
//     without Host, a Host that is not `name[:port]`                    -> 400 bad_request
//     Transfer-Encoding with a coding before chunked ("gzip, chunked")  -> 501 not_implemented
//     a Host this server does not answer (HostPolicy)                   -> 421 misdirected_request
//   body, read only after all of the above passed (and after 100 Continue when the client asked for it):
//     Content-Length over body_limit (before any of it is read)         -> 413 payload_too_large
//     chunk data plus chunk extensions over body_limit, as each chunk-size line arrives; a chunk-size line
//     longer than header_limit; more than 2 * body_limit + header_limit bytes of chunked body on the wire
//     (chunk-size lines, data, CRLFs, trailers)                          -> 413 payload_too_large
//     trailer section and header section together over header_limit    -> 431 headers_too_large
//   Trailer fields are then dropped: the request keeps only the fields of its header section.
// Timeouts (a timeout or a peer that goes away ends the read with `ec` and no reply): header_timeout for
// the header section, idle_timeout for the 100 Continue and for the whole body.

#include "core/error.hpp"
#include "http/host_policy.hpp"
#include "http/session.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <optional>

namespace cruddur::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

struct ReadResult {
  boost::beast::error_code ec;   // the connection failed, closed or timed out: close it without a reply
  std::optional<Error> refusal;  // the request is refused: answer this, then close
  bool ok() const { return !ec && !refusal; }
};

// Reads one whole request into `parser` (a fresh one; its limits are set here) from `buffer` and `stream`.
// Bytes after the request (a pipelined one) stay in `buffer`. Precondition: buffer.max_size() is at most
// settings.header_limit. `parser` keeps a reference to a callback of this coroutine: after the read, use
// only parser.get().
boost::asio::awaitable<ReadResult> read_request(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                                RequestParser& parser, const SessionSettings& settings,
                                                const HostPolicy& hosts);

// The peer closed, reset or timed out: worth a debug line, not an info line, and no reply.
bool ordinary_disconnect(const boost::beast::error_code& ec);

}  // namespace cruddur::http
