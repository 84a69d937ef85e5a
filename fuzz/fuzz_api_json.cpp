// Every JSON body the API accepts, through the real router, guard and handlers over a real SQLite
// store (under /dev/shm, where fsync costs nearly nothing).
//
// At start (and again every kRecreateEvery inputs, so the database stays small) the harness
// registers three people through the API: A and B share a bond, A has an entry shared in it, an
// open comfort request and an open request for space, and C has an open invite. Per input, the
// first byte picks a JSON-body route and who calls it; the rest is the request body, in which
// "@bond", "@entry", "@comfort", "@space", "@notice" (one of B's notices) and "@code" stand for
// those ids, so the corpus can name objects that exist. The request carries the
// caller's session cookie, Origin and X-CSRF-Token, as the web app sends them.
//
// Invariants: never a 5xx; every 4xx is application/problem+json with a matching status; every 2xx
// with a body is a JSON object.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/app_context.h"
#include "api/handlers.h"
#include "check.h"
#include "core/checkin.h"
#include "crypto/crypto.h"
#include "crypto/seal.h"
#include "store/sqlite/sqlite_store.h"

using namespace pillars;
namespace asio = boost::asio;
namespace json = boost::json;
namespace bhttp = boost::beast::http;
using bhttp::verb;

namespace {

constexpr int kRecreateEvery = 2000;
constexpr std::string_view kHost = "fuzz.test";
constexpr std::string_view kOrigin = "http://fuzz.test";

struct Caller {
  std::string id, token, csrf;
};

struct Answer {
  http::Response res;
  std::vector<std::string> cookies;
  json::object body;  // the parsed JSON body, when it is an object
};

const api::LoadedCatalog& catalog() {
  static const api::LoadedCatalog loaded = [] {
    auto c = api::load_catalog();
    FUZZ_CHECK(c.has_value());
    return std::move(*c);
  }();
  return loaded;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// One database, app and router, with the people and objects the inputs refer to.
class World {
 public:
  World() : dir_(make_dir()) {
    auto sealer = crypto::Sealer::from_hex(std::string(64, '7'));
    FUZZ_CHECK(sealer.has_value());
    store::SqliteOptions options;
    options.readers = 1;
    auto opened = store::SqliteStore::open((dir_ / "pillars.db").string(),
                                           std::make_shared<const crypto::Sealer>(std::move(*sealer)), options);
    FUZZ_CHECK(opened.has_value());
    store_ = std::move(*opened);
    // Sign-in limits high enough that failed attempts do not turn every later sign-in into a 429,
    // which would hide the rest of the sign-in handler from the fuzzer.
    api::Settings settings;
    settings.login_limit_per_account = settings.login_limit_per_address = 1'000'000;
    app_ = std::make_unique<api::AppContext>(*store_, wall_clock(), cpu_, settings, metrics_, events_,
                                             catalog().catalog, catalog().json);
    router_.emplace(api::make_router(*app_));
    populate();
  }

  ~World() {
    router_.reset();
    app_.reset();
    store_->close();
    store_.reset();
    cpu_.join();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Answer call(verb method, const std::string& target, const Caller* caller, std::string body) {
    http::Request req{method, target, 11};
    req.set(bhttp::field::host, kHost);
    req.set(bhttp::field::origin, kOrigin);
    req.set(bhttp::field::user_agent, "fuzz");
    if (caller) {
      req.set(bhttp::field::cookie, std::string(api::kSessionCookie) + "=" + caller->token);
      req.set("X-CSRF-Token", caller->csrf);
    }
    req.set(bhttp::field::content_type, "application/json");
    req.body() = std::move(body);
    req.prepare_payload();

    http::Context ctx(req, "fuzz", "127.0.0.1");
    auto segments = http::path_segments(req.target());
    FUZZ_CHECK(segments.has_value());
    std::optional<http::Response> out;
    asio::co_spawn(io_, router_->dispatch(ctx, *segments), [&](std::exception_ptr e, http::Router::Answer res) {
      FUZZ_CHECK(!e);
      out = std::move(res.response);
    });
    io_.restart();
    io_.run();
    FUZZ_CHECK(out.has_value());
    Answer answer{std::move(*out), std::move(ctx.extra_set_cookies), {}};
    check(answer);
    return answer;
  }

  const Caller& a() const { return a_; }
  const Caller& b() const { return b_; }
  std::string substitute(std::string body) const {
    body = replace_all(std::move(body), "@bond", bond_);
    body = replace_all(std::move(body), "@entry", entry_);
    body = replace_all(std::move(body), "@comfort", comfort_);
    body = replace_all(std::move(body), "@space", space_);
    body = replace_all(std::move(body), "@notice", notice_);
    return replace_all(std::move(body), "@code", code_);
  }
  const std::string& bond() const { return bond_; }
  const std::string& entry() const { return entry_; }
  const std::string& comfort() const { return comfort_; }
  const std::string& space() const { return space_; }
  const std::string& code() const { return code_; }
  std::string today() const { return format_day(utc_day(app_->now())); }

 private:
  static std::filesystem::path make_dir() {
    static int n = 0;
    auto dir = std::filesystem::path("/dev/shm") / ("pillars-fuzz-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
  }

  // The response invariants.
  static void check(Answer& answer) {
    const auto status = static_cast<unsigned>(answer.res.result_int());
    FUZZ_CHECK(status >= 200 && status < 500);
    const std::string_view type = answer.res[bhttp::field::content_type];
    if (status >= 400) FUZZ_CHECK(type == "application/problem+json");
    if (status == 204 || answer.res.body().empty()) return;
    boost::system::error_code ec;
    auto body = json::parse(answer.res.body(), ec);
    FUZZ_CHECK(!ec && body.is_object());
    answer.body = std::move(body.as_object());
    if (status >= 400) {
      const auto* st = answer.body.if_contains("status");
      FUZZ_CHECK(st && st->is_int64() && st->as_int64() == status);
      const auto* problem = answer.body.if_contains("type");
      FUZZ_CHECK(problem && problem->is_string() && problem->as_string().starts_with("/problems/"));
    } else {
      FUZZ_CHECK(type == "application/json");
    }
  }

  static std::string text_at(const json::object& o, std::string_view outer, std::string_view inner) {
    const auto* v = o.if_contains(outer);
    if (v && v->is_object()) v = v->as_object().if_contains(inner);
    FUZZ_CHECK(v && v->is_string());
    return std::string(v->as_string());
  }

  Caller sign_up(std::string_view name) {
    json::object body{{"email", std::string(name) + "@fuzz.test"},
                      {"password", "correct horse battery staple"},
                      {"display_name", name}};
    auto answer = call(verb::post, "/api/v1/auth/register", nullptr, json::serialize(body));
    FUZZ_CHECK(answer.res.result_int() == 201 && answer.cookies.size() == 1);
    const std::string& cookie = answer.cookies.front();
    auto start = cookie.find('=') + 1;
    return Caller{text_at(answer.body, "user", "id"), cookie.substr(start, cookie.find(';') - start),
                  std::string(answer.body.at("csrf").as_string())};
  }

  std::string make_invite(const Caller& who) {
    auto invite = call(verb::post, "/api/v1/invites", &who, R"({"kind":"partner"})");
    FUZZ_CHECK(invite.res.result_int() == 201);
    return std::string(invite.body.at("code").as_string());
  }

  void populate() {
    a_ = sign_up("ana");
    b_ = sign_up("ben");
    c_ = sign_up("cy");
    auto accepted = call(verb::post, "/api/v1/invites/" + make_invite(b_) + "/accept", &a_, "{}");
    FUZZ_CHECK(accepted.res.result_int() == 201);
    bond_ = text_at(accepted.body, "bond", "id");
    code_ = make_invite(c_);
    auto entry = call(verb::post, "/api/v1/entries", &a_, R"({"kind":"hope","feelings":[],"body":"a hope"})");
    FUZZ_CHECK(entry.res.result_int() == 201);
    entry_ = text_at(entry.body, "entry", "id");
    auto shared = call(verb::post, "/api/v1/entries/" + entry_ + "/shares", &a_, R"({"bond_id":")" + bond_ + "\"}");
    FUZZ_CHECK(shared.res.result_int() == 200);
    auto comfort = call(verb::post, "/api/v1/bonds/" + bond_ + "/comfort-requests", &a_, "{}");
    FUZZ_CHECK(comfort.res.result_int() == 201);
    comfort_ = text_at(comfort.body, "comfort_request", "id");
    auto space = call(verb::post, "/api/v1/bonds/" + bond_ + "/space-requests", &a_, R"({"when":"now"})");
    FUZZ_CHECK(space.res.result_int() == 201);
    space_ = text_at(space.body, "space_request", "id");
    // B has notices now (the accepted invite, a share, two requests); one of their ids for "seen" bodies.
    auto notices = call(verb::get, "/api/v1/notices", &b_, "");
    FUZZ_CHECK(notices.res.result_int() == 200);
    const auto& list = notices.body.at("notices").as_array();
    FUZZ_CHECK(list.size() == 4);
    notice_ = std::string(list.front().as_object().at("id").as_string());
  }

  std::filesystem::path dir_;
  asio::thread_pool cpu_{1};
  asio::io_context io_{1};
  http::ServerMetrics metrics_;
  http::EventHub events_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<api::AppContext> app_;
  std::optional<http::Router> router_;
  Caller a_, b_, c_;
  std::string bond_, entry_, comfort_, space_, notice_, code_;
};

struct Target {
  verb method;
  char who;  // 'a', 'b', or 0 for nobody signed in
  std::string (*path)(const World&);
};

// clang-format off
const Target kTargets[] = {
  {verb::post,  0,   [](const World&) { return std::string("/api/v1/auth/register"); }},
  {verb::post,  0,   [](const World&) { return std::string("/api/v1/auth/login"); }},
  {verb::patch, 'a', [](const World&) { return std::string("/api/v1/me"); }},
  {verb::post,  'a', [](const World&) { return std::string("/api/v1/me/password"); }},
  {verb::post,  'a', [](const World&) { return std::string("/api/v1/invites"); }},
  {verb::post,  'a', [](const World& w) { return "/api/v1/invites/" + w.code() + "/accept"; }},
  {verb::post,  'a', [](const World&) { return std::string("/api/v1/entries"); }},
  {verb::patch, 'a', [](const World& w) { return "/api/v1/entries/" + w.entry(); }},
  {verb::post,  'a', [](const World& w) { return "/api/v1/entries/" + w.entry() + "/shares"; }},
  {verb::post,  'b', [](const World& w) { return "/api/v1/entries/" + w.entry() + "/responses"; }},
  {verb::post,  'b', [](const World& w) { return "/api/v1/bonds/" + w.bond() + "/appreciations"; }},
  {verb::post,  'a', [](const World& w) { return "/api/v1/bonds/" + w.bond() + "/comfort-requests"; }},
  {verb::post,  'b', [](const World& w) { return "/api/v1/bonds/" + w.bond() + "/comfort-requests/" + w.comfort() + "/answer"; }},
  {verb::put,   'a', [](const World& w) { return "/api/v1/bonds/" + w.bond() + "/checkins/" + w.today(); }},
  {verb::put,   'b', [](const World& w) { return "/api/v1/bonds/" + w.bond() + "/checkins/" + w.today(); }},
  {verb::post,  'b', [](const World& w) { return "/api/v1/bonds/" + w.bond() + "/space-requests"; }},
  {verb::post,  'b', [](const World& w) { return "/api/v1/bonds/" + w.bond() + "/space-requests/" + w.space() + "/answer"; }},
  {verb::post,  'b', [](const World&) { return std::string("/api/v1/notices/seen"); }},
};
// clang-format on

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  FUZZ_CHECK(crypto::init());
  spdlog::set_level(spdlog::level::warn);
  (void)catalog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::unique_ptr<World> world;
  static int inputs = 0;
  if (!world || ++inputs % kRecreateEvery == 0) {
    world.reset();
    world = std::make_unique<World>();
  }
  if (size == 0) return 0;
  const Target& target = kTargets[data[0] % std::size(kTargets)];
  const Caller* caller = target.who == 'a' ? &world->a() : target.who == 'b' ? &world->b() : nullptr;
  std::string body = world->substitute(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  world->call(target.method, target.path(*world), caller, std::move(body));
  return 0;
}
