#include "api/stream_endpoint.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "api/error_reply.hpp"
#include "api/render.hpp"
#include "api/stream_frames.hpp"
#include "core/error.hpp"

namespace cruddur::api {

namespace {

constexpr std::size_t kTypingMemory = 100'000;  // (user, conversation) pairs remembered for the rate limit

std::string normalise_origin(std::string origin) {
  std::transform(origin.begin(), origin.end(), origin.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!origin.empty() && origin.back() == '/') origin.pop_back();
  return origin;
}

}  // namespace

StreamEndpoint::StreamEndpoint(live::Hub& hub, live::TicketStore& tickets, messaging::MessagingService& messaging,
                               const Clock& clock, std::vector<std::string> allowed_origins,
                               live::RedisBackplane* backplane)
    : hub_(hub),
      backplane_(backplane),
      tickets_(tickets),
      messaging_(messaging),
      recent_typing_(clock, kTypingInterval, kTypingMemory) {
  for (auto& origin : allowed_origins) allowed_origins_.push_back(normalise_origin(std::move(origin)));
}

Response StreamEndpoint::issue_ticket(const users::User& me) {
  auto ticket = tickets_.issue(live::TicketHolder{me.uuid, me.handle});
  if (!ticket) throw Error::unavailable("too_many_tickets");
  live::bump(stats().tickets_issued);
  JsonWriter out;
  out.begin_object();
  out.member("ticket", *ticket);
  out.key("expires_in");
  out.number(tickets_.ttl() / kMicrosPerSecond);
  out.end_object();
  return json_text_reply(out.take());
}

bool StreamEndpoint::origin_allowed(const std::optional<std::string>& origin, const std::string& host) const {
  // No Origin: not a browser (browsers send it with every WebSocket handshake), so no cross-site page can be
  // behind it; the ticket alone decides.
  if (!origin) return true;
  std::string seen = normalise_origin(*origin);
  std::string own_host = normalise_origin(host);
  if (!own_host.empty() && (seen == "http://" + own_host || seen == "https://" + own_host)) return true;
  return std::find(allowed_origins_.begin(), allowed_origins_.end(), seen) != allowed_origins_.end();
}

std::variant<StreamClient, Response> StreamEndpoint::admit(const StreamHandshake& handshake) {
  if (!origin_allowed(handshake.origin, handshake.host)) {
    live::bump(stats().origins_rejected);
    return error_reply(Error::forbidden("origin_not_allowed"));
  }
  auto ticket = handshake.query.find("ticket");
  std::optional<live::TicketHolder> holder;
  if (ticket != handshake.query.end()) holder = tickets_.redeem(ticket->second);
  if (!holder) {
    live::bump(stats().tickets_rejected);
    return error_reply(Error(401, {"ticket_invalid"}));
  }
  StreamClient client{std::move(holder->user_uuid), std::move(holder->handle), std::nullopt};
  if (auto since = handshake.query.find("since"); since != handshake.query.end()) client.since = since->second;
  return client;
}

boost::asio::awaitable<std::variant<StreamOpening, Response>> StreamEndpoint::open(
    const StreamClient& client, std::shared_ptr<live::Subscriber> subscriber) {
  // (No co_await inside a conditional expression: GCC 12 miscompiles that.)
  live::Hub::Subscription subscription;
  if (backplane_) {
    subscription = co_await backplane_->subscribe(client.user_uuid, client.since, std::move(subscriber));
  } else {
    subscription = hub_.subscribe(client.user_uuid, client.since, std::move(subscriber));
  }
  if (subscription.outcome != live::Hub::Subscription::Outcome::opened) {
    live::bump(stats().sockets_refused_limit);
    Response refusal = error_reply(Error::unavailable("too_many_streams"));
    refusal.headers.emplace_back("Retry-After", "1");
    co_return refusal;
  }
  StreamOpening opening;
  opening.id = subscription.id;
  opening.frames.reserve(2 + subscription.replay.size());
  opening.frames.push_back(std::make_shared<const std::string>(stream_frames::hello(subscription.start)));
  if (subscription.resync) opening.frames.push_back(std::make_shared<const std::string>(stream_frames::resync()));
  for (auto& frame : subscription.replay) opening.frames.push_back(std::move(frame));
  co_return opening;
}

void StreamEndpoint::close(const StreamClient& client, std::uint64_t id) { hub_.unsubscribe(client.user_uuid, id); }

boost::asio::awaitable<std::optional<std::string>> StreamEndpoint::on_text(const StreamClient& client, std::string text) {
  boost::system::error_code ec;
  boost::json::value frame = boost::json::parse(text, ec);
  if (ec) {
    live::bump(stats().client_malformed_json);
    co_return stream_frames::error("malformed_json");
  }
  const boost::json::object* object = frame.if_object();
  const boost::json::value* type = object ? object->if_contains("type") : nullptr;
  if (!type || !type->is_string() || type->get_string() != "typing") co_return stream_frames::error("unknown_type");
  const boost::json::value* group = object->if_contains("message_group_uuid");
  if (!group || !group->is_string()) co_return stream_frames::error("message_group_uuid_must_be_string");
  co_await relay_typing(client, std::string(group->get_string()));
  co_return std::nullopt;
}

boost::asio::awaitable<void> StreamEndpoint::relay_typing(const StreamClient& client, std::string group) {
  std::optional<std::string> other;
  try {
    other = co_await messaging_.other_member_of(client.user_uuid, group);
  } catch (const std::exception& e) {  // storage unavailable: a typing hint is not worth an error
    spdlog::debug("stream: typing dropped, membership unknown: {}", e.what());
    co_return;
  }
  if (!other) {
    live::bump(stats().drops_typing_not_member);
    co_return;
  }
  std::transform(group.begin(), group.end(), group.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string key = client.user_uuid + group;
  if (recent_typing_.find(key)) {
    live::bump(stats().drops_typing_rate);
    co_return;
  }
  recent_typing_.store(std::move(key), true);
  live::bump(stats().typing_relayed);
  auto frame = std::make_shared<const std::string>(stream_frames::typing(group, client.handle));
  if (backplane_) {
    backplane_->publish_transient(*other, frame);
  } else {
    hub_.publish_transient(*other, frame);
  }
}

}  // namespace cruddur::api
