// The routing table and target parsing on their own (no sockets).

#include "http/router.hpp"
#include "http/target.hpp"

#include <gtest/gtest.h>

namespace cruddur::http {
namespace {

api::Handler handler_named(std::string name) {
  return [name](api::Request) -> boost::asio::awaitable<api::Response> {
    api::Response r;
    r.body = name;
    co_return r;
  };
}

TEST(Router, MostSpecificPatternWinsRegardlessOfOrder) {
  Router router({{"GET", "/api/messages/{uuid}", handler_named("param")},
                 {"GET", "/api/messages/@{handle}", handler_named("at")},
                 {"GET", "/api/messages/new", handler_named("literal")}});
  auto literal = router.match("GET", {"api", "messages", "new"});
  auto at = router.match("GET", {"api", "messages", "@bob"});
  auto param = router.match("GET", {"api", "messages", "bob"});
  ASSERT_EQ(literal.outcome, RouteMatch::Outcome::found);
  ASSERT_EQ(at.outcome, RouteMatch::Outcome::found);
  ASSERT_EQ(param.outcome, RouteMatch::Outcome::found);
  EXPECT_TRUE(literal.params.empty());
  EXPECT_EQ(at.params, (std::map<std::string, std::string>{{"handle", "bob"}}));
  EXPECT_EQ(param.params, (std::map<std::string, std::string>{{"uuid", "bob"}}));
}

TEST(Router, EmptySegmentsMatchNoParameter) {
  Router router({{"GET", "/api/messages/{uuid}", handler_named("param")}});
  EXPECT_EQ(router.match("GET", {"api", "messages", ""}).outcome, RouteMatch::Outcome::not_found);
  EXPECT_EQ(router.match("GET", {"api", "messages"}).outcome, RouteMatch::Outcome::not_found);
}

TEST(Router, AllowListsEveryMethodOfThePathSorted) {
  Router router({{"POST", "/api/x", handler_named("post")},
                 {"GET", "/api/x", handler_named("get")},
                 {"DELETE", "/api/{id}", handler_named("delete")}});
  auto match = router.match("PUT", {"api", "x"});
  EXPECT_EQ(match.outcome, RouteMatch::Outcome::method_not_allowed);
  EXPECT_EQ(match.allow, "DELETE, GET, HEAD, POST");
}

TEST(Router, HeadIsAnsweredByTheGetRouteUnlessThePathHasAHeadRoute) {
  Router router({{"GET", "/api/x/{id}", handler_named("get x")},
                 {"GET", "/api/y", handler_named("get y")},
                 {"HEAD", "/api/y", handler_named("head y")},
                 {"POST", "/api/z", handler_named("post z")}});
  auto head_x = router.match("HEAD", {"api", "x", "7"});
  ASSERT_EQ(head_x.outcome, RouteMatch::Outcome::found);
  EXPECT_EQ(head_x.handler, router.match("GET", {"api", "x", "7"}).handler);
  EXPECT_EQ(head_x.params, (std::map<std::string, std::string>{{"id", "7"}}));
  auto head_y = router.match("HEAD", {"api", "y"});
  ASSERT_EQ(head_y.outcome, RouteMatch::Outcome::found);
  EXPECT_NE(head_y.handler, router.match("GET", {"api", "y"}).handler);
  auto head_z = router.match("HEAD", {"api", "z"});
  EXPECT_EQ(head_z.outcome, RouteMatch::Outcome::method_not_allowed);
  EXPECT_EQ(head_z.allow, "POST");
  EXPECT_EQ(router.match("PUT", {"api", "x", "1"}).allow, "GET, HEAD");
}

TEST(Router, RootPattern) {
  Router router({{"GET", "/", handler_named("root")}});
  EXPECT_EQ(router.match("GET", {}).outcome, RouteMatch::Outcome::found);
  EXPECT_EQ(router.match("GET", {""}).outcome, RouteMatch::Outcome::not_found);
}

TEST(Router, RejectsAmbiguousOrMalformedRoutes) {
  EXPECT_THROW(Router({{"GET", "/a/{x}", handler_named("1")}, {"GET", "/a/{y}", handler_named("2")}}),
               std::invalid_argument);
  EXPECT_THROW(Router({{"GET", "/a//b", handler_named("1")}}), std::invalid_argument);
  EXPECT_THROW(Router({{"GET", "/a/{}", handler_named("1")}}), std::invalid_argument);
  EXPECT_THROW(Router({{"GET", "/a/x{y}", handler_named("1")}}), std::invalid_argument);
  EXPECT_THROW(Router({{"GET", "/a", nullptr}}), std::invalid_argument);
  EXPECT_NO_THROW(Router({{"GET", "/a/{x}", handler_named("1")}, {"POST", "/a/{y}", handler_named("2")}}));
}

TEST(Target, DecodesSegmentsAndQuery) {
  auto target = parse_target("/api/a%20b/%40c/?q=%C3%A9t%C3%A9&empty=&flag");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->segments, (std::vector<std::string>{"api", "a b", "@c", ""}));
  EXPECT_EQ(target->path, "/api/a b/@c/");
  EXPECT_EQ(target->query,
            (std::map<std::string, std::string>{{"q", "\xC3\xA9t\xC3\xA9"}, {"empty", ""}, {"flag", ""}}));
  EXPECT_EQ(parse_target("/")->path, "/");
  EXPECT_TRUE(parse_target("/")->segments.empty());
}

TEST(Target, RejectsWhatIsNotOriginForm) {
  EXPECT_FALSE(parse_target("http://host/api"));
  EXPECT_FALSE(parse_target("*"));
  EXPECT_FALSE(parse_target("api/x"));
  EXPECT_FALSE(parse_target("/api/x#frag"));
  EXPECT_FALSE(parse_target("/api/%zz"));
  EXPECT_FALSE(parse_target(""));
}

}  // namespace
}  // namespace cruddur::http
