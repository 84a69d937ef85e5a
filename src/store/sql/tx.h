// The domain operations in SQL: one class implementing ReadTx and WriteTx over a connection of
// either engine, its members defined by aggregate, one file each (accounts.cpp, bonds.cpp,
// inner_world.cpp, checkins.cpp, ...; schema_version in schema.cpp). Internal to src/store.
#pragma once

#include <functional>

#include "crypto/seal.h"
#include "store/sql/conn.h"
#include "store/store.h"

namespace pillars::store::sql {

// Where a list of feelings is stored (feelings.cpp): the statements that read, clear and add an
// owner's rows, each naming the owner by its key columns first. Literals, since the statement
// cache keys on their address.
struct FeelingsTable {
  const char* select;  // null where lists are read in bulk instead
  const char* remove;
  const char* insert;
};
extern const FeelingsTable kEntryFeelings;    // keyed by entry_id
extern const FeelingsTable kCheckInFeelings;  // keyed by bond_id, day, user_id
// Binds an owner's key columns, in the table's order.
using BindKey = std::function<void(Query&)>;

// What a sealed value is bound to: its column and its row's key, as "entries.body:<id>" (inner_world.cpp).
std::string associated_data(std::string_view column, std::string_view id);

class SqlTx final : public WriteTx {
 public:
  // `sealer` seals and opens free text; it may be null only where no sealed column is touched
  // (migrations, a closed store).
  SqlTx(Conn& conn, const crypto::Sealer* sealer) : c_(conn), sealer_(sealer) {}

  // ---- accounts and sessions (accounts.cpp)
  Result<std::optional<User>> user_by_id(const std::string& id) override;
  Result<std::optional<User>> user_by_email(const std::string& email) override;
  Result<std::optional<std::string>> password_hash(const std::string& user_id) override;
  Result<std::optional<SessionWithUser>> session_by_token_hash(const std::string& token_hash, Millis now) override;
  Result<std::vector<Session>> sessions_of(const std::string& user_id, Millis now) override;
  Result<std::optional<User>> password_reset_user(const std::string& token_hash, Millis now) override;
  Result<void> insert_user(const User& user, const std::string& hash) override;
  Result<void> update_user(const User& user, Millis at) override;
  Result<void> set_password_hash(const std::string& user_id, const std::string& hash, Millis at) override;
  Result<void> insert_session(const Session& session) override;
  Result<void> insert_password_reset(const std::string& token_hash, const std::string& user_id, Millis created_at,
                                     Millis expires_at) override;
  Result<std::optional<std::string>> take_password_reset(const std::string& token_hash, Millis now) override;
  Result<void> delete_account(const std::string& user_id, Millis at) override;
  Result<void> touch_session(const std::string& id, Millis last_seen, Millis expires_at) override;
  Result<bool> delete_session(const std::string& user_id, const std::string& session_id) override;
  Result<int> delete_sessions_except(const std::string& user_id, const std::string& keep_id) override;
  Result<int> delete_expired_sessions(Millis now) override;

  // ---- bonds and invites (bonds.cpp)
  Result<std::optional<Invite>> invite_by_code(const std::string& code) override;
  Result<std::vector<Invite>> open_invites_of(const std::string& user_id, Millis now) override;
  Result<std::optional<BondView>> bond_for_member(const std::string& bond_id, const std::string& member_id) override;
  Result<std::vector<BondView>> bonds_of(const std::string& member_id) override;
  Result<bool> active_bond_between(const std::string& a, const std::string& b) override;
  Result<void> insert_invite(const Invite& invite) override;
  Result<void> mark_invite_used(const std::string& code, const std::string& used_by, Millis at,
                                const std::string& bond_id) override;
  Result<void> insert_bond(const std::string& bond_id, BondKind kind, const std::string& a, const std::string& b,
                           Millis created_at) override;
  Result<void> end_bond(const std::string& bond_id, const std::string& ended_by, Millis at) override;

  // ---- the schema (migrations.cpp)
  Result<int> schema_version() override;
  Result<void> refresh_statistics() override;

  // ---- the inner world (inner_world.cpp)
  Result<std::optional<Entry>> entry_for_author(const std::string& entry_id, const std::string& author_id) override;
  Result<std::vector<Entry>> entries_of(const std::string& author_id, const EntryFilter& filter) override;
  Result<std::vector<EntryResponse>> responses_to(const std::string& entry_id) override;
  Result<std::vector<EntryResponse>> responses_in_bond(const std::string& entry_id, const std::string& bond_id) override;
  Result<std::vector<SharedEntry>> shared_in_bond(const std::string& bond_id,
                                                  std::optional<std::pair<Millis, std::string>> before,
                                                  int limit) override;
  Result<std::optional<std::string>> shared_entry_author(const std::string& entry_id,
                                                         const std::string& bond_id) override;
  Result<std::vector<std::string>> bonds_sharing(const std::string& entry_id) override;
  Result<std::vector<EntryResponse>> responses_by(const std::string& user_id) override;
  Result<std::vector<Appreciation>> appreciations_in(const std::string& bond_id) override;
  Result<std::vector<Request>> requests_in(const std::string& bond_id, RequestKind kind) override;
  Result<std::optional<Request>> request(const std::string& bond_id, const std::string& id) override;
  Result<void> insert_entry(const Entry& entry) override;
  Result<void> update_entry(const Entry& entry) override;
  Result<bool> delete_entry(const std::string& entry_id, const std::string& author_id) override;
  Result<bool> share_entry(const std::string& entry_id, const std::string& bond_id, const std::string& author_id,
                           Millis at) override;
  Result<bool> withdraw_share(const std::string& entry_id, const std::string& bond_id) override;
  Result<void> insert_response(const EntryResponse& response) override;
  Result<void> insert_appreciation(const Appreciation& appreciation) override;
  Result<void> insert_request(const Request& request) override;
  Result<void> answer_request(const std::string& bond_id, const std::string& id, const std::string& by, Millis at,
                              const std::optional<std::string>& note, std::optional<SpaceReply> reply) override;

  // ---- what is new (notices.cpp)
  Result<std::vector<NoticeRow>> notices_for(const std::string& user_id, Millis since) override;
  Result<void> add_notice(const Notice& notice) override;
  Result<void> remove_notices(const std::string& bond_id, NoticeKind kind, const std::string& subject_id) override;
  Result<int> mark_notices_seen(const std::string& user_id, const std::vector<std::string>& ids, Millis at) override;
  Result<int> delete_notices_before(Millis before) override;

  // ---- check-ins (checkins.cpp)
  Result<std::vector<CheckIn>> checkins_on(const std::string& bond_id, Day day) override;
  Result<std::vector<CheckIn>> checkins_between(const std::string& bond_id, Day from, Day to) override;
  Result<BondFacts> bond_facts(const std::string& bond_id, Millis from, Millis to) override;
  Result<std::vector<WrittenEntry>> written_between(const std::string& author_id, Millis from, Millis to) override;
  Result<std::vector<CheckIn>> own_checkins_between(const std::string& user_id, Day from, Day to) override;
  Result<std::vector<OwnTimeSpent>> own_time_between(const std::string& user_id, Day from, Day to) override;
  Result<std::vector<Entry>> own_time_entries(const std::string& user_id, Day from, Day to, int limit) override;
  Result<void> put_checkin(const CheckIn& checkin) override;

  // ---- moments (moments.cpp)
  Result<std::vector<Moment>> moments_in(const std::string& bond_id) override;
  Result<std::vector<Day>> days_both_checked_in(const std::string& bond_id) override;
  Result<void> put_moment(const Moment& moment) override;
  Result<bool> delete_moment(const std::string& bond_id, const std::string& moment_id,
                             const std::string& author_id) override;

  // ---- conversation decks (decks.cpp)
  Result<std::vector<PromptState>> prompt_states(const std::string& bond_id, const std::string& user_id) override;
  Result<std::vector<std::string>> revealed_prompts(const std::string& bond_id) override;
  Result<std::vector<Reveal>> reveals(const std::string& bond_id) override;
  Result<std::vector<DeckAnswer>> deck_answers(const std::string& bond_id, const std::string& prompt_id) override;
  Result<std::optional<Millis>> revealed_at(const std::string& bond_id, const std::string& prompt_id) override;
  Result<bool> skipped(const std::string& bond_id, const std::string& prompt_id, const std::string& user_id) override;
  Result<void> put_deck_answer(const DeckAnswer& answer) override;
  Result<void> reveal_prompt(const std::string& bond_id, const std::string& prompt_id, Millis at) override;
  Result<void> set_skipped(const std::string& bond_id, const std::string& prompt_id, const std::string& user_id,
                           bool skipped, Millis at) override;

  // ---- menus (menus.cpp)
  Result<bool> menu_opened(const std::string& bond_id, const std::string& user_id, const std::string& menu) override;
  Result<bool> adult_confirmed(const std::string& user_id) override;
  Result<std::vector<MenuAnswerRow>> menu_answers_of(const std::string& bond_id, const std::string& user_id) override;
  Result<std::vector<std::optional<MenuChoice>>> menu_answers_to(const std::string& bond_id, const std::string& user_id,
                                                                 const std::vector<std::string>& item_ids) override;
  Result<std::vector<MenuSuggestion>> menu_suggestions(const std::string& bond_id) override;
  Result<void> confirm_adult(const std::string& user_id, Millis at) override;
  Result<void> open_menu(const std::string& bond_id, const std::string& user_id, const std::string& menu, Millis at) override;
  Result<void> close_menu(const std::string& bond_id, const std::string& user_id, const std::string& menu) override;
  Result<void> put_menu_answer(const std::string& bond_id, const MenuAnswerRow& answer) override;
  Result<bool> delete_menu_answer(const std::string& bond_id, const std::string& user_id,
                                  const std::string& item_id) override;
  Result<void> insert_menu_suggestion(const MenuSuggestion& suggestion) override;
  Result<bool> delete_menu_suggestion(const std::string& bond_id, const std::string& suggestion_id,
                                      const std::string& author_id) override;

  // ---- many instances (notify.cpp)
  Result<void> announce(const std::string& message) override;

  // ---- rate limits shared by instances (rate_limits.cpp)
  Result<void> lock_rate_limits() override;
  Result<std::vector<Millis>> rate_hits(const std::string& limiter, const std::string& key, Millis since) override;
  Result<void> add_rate_hit(const std::string& limiter, const std::string& key, Millis at) override;
  Result<void> give_back_rate_hit(const std::string& limiter, const std::string& key) override;
  Result<void> clear_rate_hits(const std::string& limiter, const std::string& key) override;
  Result<int> delete_rate_hits_before(Millis before) override;

  // ---- notifications (notify.cpp)
  Result<NotifySettings> notify_settings(const std::string& user_id) override;
  Result<std::vector<PushDevice>> push_devices(const std::string& user_id) override;
  Result<std::vector<NotifyCandidate>> notify_candidates(Millis pending_since) override;
  Result<void> put_notify_settings(const std::string& user_id, const NotifySettings& settings, Millis at) override;
  Result<void> put_push_device(const PushDevice& device, std::size_t keep) override;
  Result<bool> delete_push_device(const std::string& user_id, const std::string& id) override;
  Result<void> drop_push_endpoint(const std::string& endpoint) override;
  Result<void> mark_push_sent(const std::string& endpoint, Millis at) override;
  Result<void> mark_reminded(const std::string& user_id, Day day, Millis at) override;
  Result<void> mark_event_pushed(const std::string& user_id, Millis at) override;

  // ---- the two needs (needs.cpp)
  Result<std::vector<NeedsResult>> needs_results_of(const std::string& user_id) override;
  Result<std::vector<std::string>> needs_shown_by(const std::string& user_id) override;
  Result<std::vector<NeedsResult>> needs_shown_in(const std::string& bond_id) override;
  Result<void> insert_needs_result(const NeedsResult& result) override;
  Result<bool> delete_needs_result(const std::string& user_id, const std::string& result_id) override;
  Result<bool> set_needs_shown(const std::string& bond_id, const std::string& user_id, bool shown, Millis at) override;

 private:
  // The statement for this engine where SQLite and PostgreSQL spell it differently. Both are
  // literals, so each keeps its place in the statement cache.
  const char* pick(const char* sqlite, const char* postgres) const { return c_.postgres() ? postgres : sqlite; }

  // Sealing free text at rest and the entry helpers (inner_world.cpp).
  std::string seal(std::string_view text, std::string_view column, std::string_view id) const;
  Result<std::string> unseal(std::string_view sealed, std::string_view column, std::string_view id) const;
  Result<std::optional<std::string>> unseal_optional(const Query& q, int col, std::string_view column,
                                                     std::string_view id) const;
  void bind_sealed(Query& q, const std::optional<std::string>& text, std::string_view column, std::string_view id);
  Result<void> load_shares(Entry& e);
  Result<Entry> read_entry(const Query& q, int first);
  // Every row of an entries query (PILLARS_ENTRY_COLUMNS first), with feelings and shares.
  Result<std::vector<Entry>> whole_entries(Query& q);
  Result<std::vector<EntryResponse>> read_responses(Query& q);
  Result<std::vector<EntryResponse>> responses(const std::string& entry_id, const std::optional<std::string>& bond_id);
  Result<Request> read_request(const Query& q);
  // The wishes lived of check-ins (checkins.cpp), from a query selecting day, user_id, items_sealed.
  static std::string wishes_key(std::string_view bond_id, Day day, std::string_view user_id);
  Result<void> attach_wishes(std::vector<CheckIn>& list, Query& w);

  // A list of feelings, read and written the one way (feelings.cpp); `bind_key` binds the owner's
  // key columns in the table's order.
  Result<Feelings> read_feelings(const FeelingsTable& table, const BindKey& bind_key);
  Result<void> write_feelings(const FeelingsTable& table, const BindKey& bind_key, const Feelings& feelings);
  // The same for an owner just inserted, who has none to replace.
  Result<void> add_feelings(const FeelingsTable& table, const BindKey& bind_key, const Feelings& feelings);
  Result<void> load_feelings(Entry& e);

  Conn& c_;
  const crypto::Sealer* sealer_;
};

}  // namespace pillars::store::sql
