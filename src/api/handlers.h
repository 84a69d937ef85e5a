// Handlers, one file per resource. Each is parse -> core/store -> JSON.
#pragma once

#include "api/app_context.h"
#include "core/inner_world.h"
#include "core/validation.h"
#include "http/request.h"

namespace pillars::api {

using http::Context;
using http::Response;
using Awaitable = boost::asio::awaitable<http::Reply>;

// health.cpp
Awaitable healthz(AppContext&, Context&);
Awaitable readyz(AppContext&, Context&);
Awaitable metrics(AppContext&, Context&);

// auth.cpp
Awaitable register_account(AppContext&, Context&);
Awaitable login(AppContext&, Context&);
Awaitable logout(AppContext&, Context&);

// password_reset.cpp
Awaitable forgot_password(AppContext&, Context&);
Awaitable reset_password(AppContext&, Context&);

// me.cpp
Awaitable get_me(AppContext&, Context&);
Awaitable patch_me(AppContext&, Context&);
Awaitable change_password(AppContext&, Context&);
Awaitable delete_me(AppContext&, Context&);

// export.cpp: everything a person wrote and was shown, and bringing their writing to another Pillars
inline constexpr std::size_t kImportLimit = 32 * 1024 * 1024;

// The body limit of a request carrying the longest text of a journal (an entry, an answer to a
// reflection, a note on time of one's own: kMaxEntryBody characters, each up to 12 bytes as JSON).
// Every other route's longest valid request fits the server's default (kBodyFrameBytes; see
// the static_asserts beside the route table).
inline constexpr std::size_t kJournalTextLimit = kBodyFrameBytes + json_text_bytes(kMaxEntryBody);
Awaitable export_me(AppContext&, Context&);
Awaitable import_me(AppContext&, Context&);
Awaitable list_sessions(AppContext&, Context&);
Awaitable revoke_session(AppContext&, Context&);

// invites.cpp
Awaitable create_invite(AppContext&, Context&);
Awaitable list_invites(AppContext&, Context&);
Awaitable accept_invite(AppContext&, Context&);

// bonds.cpp
Awaitable list_bonds(AppContext&, Context&);
Awaitable get_bond(AppContext&, Context&);
Awaitable end_bond(AppContext&, Context&);

// catalog.cpp
Awaitable get_catalog(AppContext&, Context&);

// entries.cpp
Awaitable create_entry(AppContext&, Context&);
Awaitable list_entries(AppContext&, Context&);
Awaitable get_entry(AppContext&, Context&);
Awaitable patch_entry(AppContext&, Context&);
Awaitable delete_entry(AppContext&, Context&);
Awaitable share_entry(AppContext&, Context&);
Awaitable withdraw_share(AppContext&, Context&);
Awaitable respond_to_entry(AppContext&, Context&);
Awaitable bond_entries(AppContext&, Context&);

// bond_space.cpp
Awaitable send_appreciation(AppContext&, Context&);
Awaitable list_appreciations(AppContext&, Context&);
Awaitable ask_for_comfort(AppContext&, Context&);
Awaitable list_comfort_requests(AppContext&, Context&);
Awaitable answer_comfort_request(AppContext&, Context&);
Awaitable ask_for_space(AppContext&, Context&);
Awaitable list_space_requests(AppContext&, Context&);
Awaitable answer_space_request(AppContext&, Context&);

// checkins.cpp
Awaitable put_checkin(AppContext&, Context&);
Awaitable get_checkin(AppContext&, Context&);
Awaitable list_checkins(AppContext&, Context&);

// insights.cpp
Awaitable bond_insights(AppContext&, Context&);
Awaitable my_insights(AppContext&, Context&);

// needs.cpp
Awaitable my_needs(AppContext&, Context&);
Awaitable take_needs(AppContext&, Context&);
Awaitable delete_needs(AppContext&, Context&);
Awaitable bond_needs(AppContext&, Context&);
Awaitable show_needs(AppContext&, Context&);

// entries.cpp: reflections, answered as entries of their own kind
Awaitable list_reflections(AppContext&, Context&);
Awaitable answer_reflection(AppContext&, Context&);
// decks.cpp: conversation decks in a bond
Awaitable list_decks(AppContext&, Context&);
Awaitable get_deck(AppContext&, Context&);
Awaitable get_prompt(AppContext&, Context&);
Awaitable answer_prompt(AppContext&, Context&);
Awaitable skip_prompt(AppContext&, Context&);
// entries.cpp: time of one's own, noted as entries of their own kind
Awaitable list_own_time(AppContext&, Context&);
Awaitable log_own_time(AppContext&, Context&);
Awaitable edit_own_time(AppContext&, Context&);

// moments.cpp
Awaitable list_moments(AppContext&, Context&);
Awaitable add_moment(AppContext&, Context&);
Awaitable edit_moment(AppContext&, Context&);
Awaitable delete_moment(AppContext&, Context&);

// menus.cpp
Awaitable list_menus(AppContext&, Context&);
Awaitable my_menu_answers(AppContext&, Context&);
Awaitable list_menu_matches(AppContext&, Context&);
Awaitable answer_menu_item(AppContext&, Context&);
Awaitable clear_menu_answer(AppContext&, Context&);
Awaitable set_menu_opening(AppContext&, Context&);
Awaitable suggest_menu_item(AppContext&, Context&);
Awaitable remove_menu_suggestion(AppContext&, Context&);
// The bond's menu matches as both members see them, read in `tx` (`member` is either of the two).
Result<std::vector<MenuMatch>> read_menu_matches(store::ReadTx& tx, const Catalog& catalog, const BondView& bond,
                                                 const std::string& member);

// events.cpp
Awaitable open_events(AppContext&, Context&);
// Tells `to` (the other member of `bond_id`) that something happened: {type, bond_id, id}.
// Never carries text; the app refetches what changed.
void notify(AppContext& app, const std::string& to, std::string_view type, const std::string& bond_id,
            const std::string& id);

// What is new (notices.cpp). Something the other member did that a person should find later too
// is a notice: made with `notice_of`, written by the write job that does the thing (so both commit
// or neither), and after the commit told at once with `tell` ({type, bond_id, id, notice_id}).
Notice notice_of(NoticeKind kind, std::string to, std::string bond_id, std::string from, std::string subject,
                 Millis at, std::optional<std::string> entry_id = std::nullopt, std::optional<Day> day = std::nullopt);
void tell(AppContext& app, const Notice& notice);
// Notifications (notify.cpp): one's own choices and push devices.
Awaitable get_notifications(AppContext&, Context&);
Awaitable put_notifications(AppContext&, Context&);
Awaitable add_push_device(AppContext&, Context&);
Awaitable remove_push_device(AppContext&, Context&);

Awaitable list_notices(AppContext&, Context&);
Awaitable mark_notices_seen(AppContext&, Context&);

// Today on the caller's calendar from ?day=YYYY-MM-DD (within a day of UTC's date), UTC's by
// default; a 422 for any other day (entries.cpp).
std::expected<Day, Error> day_param(AppContext& app, const Context& ctx);

// The origin a same-site request carries: the configured public URL, else http://<Host>.
std::string expected_origin(const AppContext& app, const Context& ctx);

// Session cookie handling shared by auth.cpp and me.cpp.
// Behind https both names get the __Host- prefix: __Host-pillars_session, __Host-pillars_device.
inline constexpr std::string_view kSessionCookie = "pillars_session";
inline constexpr std::string_view kDeviceCookie = "pillars_device";
std::string session_cookie_name(const AppContext& app);
std::string session_cookie(const AppContext& app, const std::string& token, Millis max_age_ms);
std::string clear_session_cookie(const AppContext& app);
// Creates a session for `user` (a write) and returns the cookie token and the session.
struct NewSession {
  std::string token;
  Session session;
};
NewSession make_session(const AppContext& app, const std::string& user_id, std::string_view user_agent);

}  // namespace pillars::api
