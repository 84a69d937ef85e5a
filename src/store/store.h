// The Store: everything Pillars keeps, behind an interface that names domain operations, not SQL.
// SQLite is the first implementation; a PostgreSQL one will sit behind the same interface, so no
// SQL, connection or engine type appears here.
//
// Concurrency contract: work is submitted as a job and runs on the store's own threads, never on
// the caller's. Reads run on a pool of reader connections and see a consistent snapshot. Writes
// run one at a time on a single writer thread; queued writes are grouped into one transaction
// (group commit) and every job's completion is called only after that transaction is durable.
//
// Time: no operation reads a clock; each one that needs the time takes it from its caller.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/checkin.h"
#include "core/error.h"
#include "core/inner_world.h"
#include "core/insights.h"
#include "core/decks.h"
#include "core/menus.h"
#include "core/moments.h"
#include "core/needs.h"
#include "core/notices.h"
#include "core/notify.h"
#include "core/types.h"

namespace pillars::store {

// A browser a person turned pushes on for: where its push service takes messages, and the keys it
// gave for encrypting to it (base64url, as the browser's subscription gives them).
struct PushDevice {
  std::string id;
  std::string user_id;
  std::string endpoint;
  std::string p256dh;
  std::string auth;
  Millis created_at = 0;
  std::optional<Millis> last_sent_at;
};

// A person the dispatcher may push to (they have a device), with what it decides by.
struct NotifyCandidate {
  std::string user_id;
  std::string timezone;
  NotifySettings settings;
  std::optional<Day> last_reminder_day;
  std::optional<Millis> last_event_push;
  // The latest day the person checked in, for each of their active bonds (nullopt: never).
  std::vector<std::optional<Day>> latest_checkins;
  // Their unread notices since the last event push (and at most a day old): kind and time.
  std::vector<std::pair<NoticeKind, Millis>> pending;
};

// Read operations. Every method is a query over committed data (or, inside a write job, over the
// job's own uncommitted changes too).
class ReadTx {
 public:
  virtual ~ReadTx() = default;

  virtual Result<std::optional<User>> user_by_id(const std::string& id) = 0;
  virtual Result<std::optional<User>> user_by_email(const std::string& normalized_email) = 0;
  // The stored Argon2id hash of the user's password.
  virtual Result<std::optional<std::string>> password_hash(const std::string& user_id) = 0;

  // The unexpired session whose token hashes to `token_hash`, with its user.
  struct SessionWithUser {
    Session session;
    User user;
  };
  virtual Result<std::optional<SessionWithUser>> session_by_token_hash(const std::string& token_hash,
                                                                       Millis now) = 0;
  // The person a password-reset link belongs to, while it is unexpired at `now`.
  virtual Result<std::optional<User>> password_reset_user(const std::string& token_hash, Millis now) = 0;
  // The user's unexpired sessions, most recently seen first.
  virtual Result<std::vector<Session>> sessions_of(const std::string& user_id, Millis now) = 0;

  virtual Result<std::optional<Invite>> invite_by_code(const std::string& canonical_code) = 0;
  // The user's invites that are neither used nor expired, newest first.
  virtual Result<std::vector<Invite>> open_invites_of(const std::string& user_id, Millis now) = 0;

  // The bond as `member_id` sees it, or nullopt when it does not exist or they are not a member.
  virtual Result<std::optional<BondView>> bond_for_member(const std::string& bond_id,
                                                          const std::string& member_id) = 0;
  // All bonds of the member: active first, then ended; newest first within each.
  virtual Result<std::vector<BondView>> bonds_of(const std::string& member_id) = 0;
  // True when the two people share an active bond.
  virtual Result<bool> active_bond_between(const std::string& a, const std::string& b) = 0;

  // True once migrations have run and the store answers queries.
  virtual Result<int> schema_version() = 0;

  // ---- the inner world. Text comes back unsealed; it is sealed only at rest.

  struct EntryFilter {
    std::optional<EntryKind> kind;
    std::optional<std::string> family;
    std::optional<std::pair<Millis, std::string>> before;  // (created_at, id) of the last one seen
    int limit = 20;
  };
  // The author's entry, with feelings and the bonds it is shared in; nullopt for anyone else.
  virtual Result<std::optional<Entry>> entry_for_author(const std::string& entry_id, const std::string& author_id) = 0;
  // The author's entries, newest first.
  virtual Result<std::vector<Entry>> entries_of(const std::string& author_id, const EntryFilter& filter) = 0;
  // Responses to the entry in the bonds it is still shared in, oldest first.
  virtual Result<std::vector<EntryResponse>> responses_to(const std::string& entry_id) = 0;
  // Responses to the entry within one bond, oldest first.
  virtual Result<std::vector<EntryResponse>> responses_in_bond(const std::string& entry_id,
                                                               const std::string& bond_id) = 0;
  // Entries shared in the bond, newest share first, each with its feelings and its responses in
  // the bond. `before` is (shared_at, entry id).
  virtual Result<std::vector<SharedEntry>> shared_in_bond(const std::string& bond_id,
                                                          std::optional<std::pair<Millis, std::string>> before,
                                                          int limit) = 0;
  // The author of an entry shared in the bond, or nullopt when it is not shared there.
  virtual Result<std::optional<std::string>> shared_entry_author(const std::string& entry_id,
                                                                 const std::string& bond_id) = 0;
  // The bonds an entry is shared in.
  virtual Result<std::vector<std::string>> bonds_sharing(const std::string& entry_id) = 0;
  // The answers a person gave to entries others shared with them, in every bond, oldest first.
  virtual Result<std::vector<EntryResponse>> responses_by(const std::string& user_id) = 0;

  virtual Result<std::vector<Appreciation>> appreciations_in(const std::string& bond_id) = 0;
  // Requests of one kind (comfort or space) in the bond, newest first.
  virtual Result<std::vector<Request>> requests_in(const std::string& bond_id, RequestKind kind) = 0;
  // A request of any kind in the bond.
  virtual Result<std::optional<Request>> request(const std::string& bond_id, const std::string& id) = 0;

  // ---- what is new
  // The person's notices since `since`, newest first, each with what decides whether it is still
  // shown (core/notices.h). At most a few hundred.
  virtual Result<std::vector<NoticeRow>> notices_for(const std::string& user_id, Millis since) = 0;

  // ---- check-ins
  // The check-ins of a bond's members for one day (0, 1 or 2).
  virtual Result<std::vector<CheckIn>> checkins_on(const std::string& bond_id, Day day) = 0;
  // The check-ins of a bond's members between two days, inclusive, ordered by day.
  virtual Result<std::vector<CheckIn>> checkins_between(const std::string& bond_id, Day from, Day to) = 0;

  // ---- what insights count: structured facts only, never text, never sealed bytes.
  struct BondFacts {
    struct Share {
      std::string author_id;
      Millis shared_at = 0;
      EntryKind kind = EntryKind::feeling;
      std::vector<std::string> families;    // of the entry's feelings, each once
      std::optional<Millis> first_response;  // from the other member, in this bond
    };
    struct Asked {
      std::string from_id;
      Millis asked_at = 0;
      std::optional<Millis> answered_at;
    };
    struct Warm {
      std::string from_id;
      Millis at = 0;
      bool love = false;
    };
    std::vector<Share> shares;            // shared in [from, to)
    std::vector<Asked> comfort_requests;  // asked in [from, to)
    std::vector<Asked> space_requests;    // asked in [from, to)
    // Warm words sent in [from, to), and each sender's last "I love you" before `to`.
    std::vector<Warm> appreciations;
  };
  virtual Result<BondFacts> bond_facts(const std::string& bond_id, Millis from, Millis to) = 0;
  // The author's entries written in [from, to): the families they name and whether they are shared.
  virtual Result<std::vector<WrittenEntry>> written_between(const std::string& author_id, Millis from, Millis to) = 0;
  // The person's own check-ins in every bond between two days, inclusive, without their feelings.
  virtual Result<std::vector<CheckIn>> own_checkins_between(const std::string& user_id, Day from, Day to) = 0;
  // The person's time of their own between two days, inclusive: day, minutes and kind only (no note
  // is unsealed), oldest first.
  virtual Result<std::vector<OwnTimeSpent>> own_time_between(const std::string& user_id, Day from, Day to) = 0;
  // The same pieces as whole entries for their author (note, feelings, the bonds each is shared in),
  // newest day first, at most `limit`.
  virtual Result<std::vector<Entry>> own_time_entries(const std::string& user_id, Day from, Day to, int limit) = 0;

  // ---- the two needs
  // The person's results, newest first, each with its answers.
  virtual Result<std::vector<NeedsResult>> needs_results_of(const std::string& user_id) = 0;
  // The bonds where the person shows their needs.
  virtual Result<std::vector<std::string>> needs_shown_by(const std::string& user_id) = 0;
  // In a bond, the latest result of each member who shows theirs there (none, one or two), without
  // answers.
  virtual Result<std::vector<NeedsResult>> needs_shown_in(const std::string& bond_id) = 0;

  // ---- moments
  // A bond's moments by day (oldest first), with titles and notes opened. At most a few thousand.
  virtual Result<std::vector<Moment>> moments_in(const std::string& bond_id) = 0;
  // The days on which both members of the bond checked in, ascending.
  virtual Result<std::vector<Day>> days_both_checked_in(const std::string& bond_id) = 0;

  // ---- conversation decks
  // Where each prompt stands in a bond, for one member, without opening any answer: the prompts
  // either has answered, revealed or the member set aside.
  struct PromptState {
    std::string prompt_id;
    bool mine = false;     // the member answered
    bool other = false;    // the other answered
    bool revealed = false;
    bool skipped = false;  // the member set it aside (theirs alone)
  };
  virtual Result<std::vector<PromptState>> prompt_states(const std::string& bond_id, const std::string& user_id) = 0;
  // The prompts revealed in the bond, oldest first.
  virtual Result<std::vector<std::string>> revealed_prompts(const std::string& bond_id) = 0;
  // The same with when each was revealed, for the levels the bond opened (core/decks.h).
  virtual Result<std::vector<Reveal>> reveals(const std::string& bond_id) = 0;
  // Both members' answers to one prompt (none, one or two), words opened; and when it was revealed.
  virtual Result<std::vector<DeckAnswer>> deck_answers(const std::string& bond_id, const std::string& prompt_id) = 0;
  virtual Result<std::optional<Millis>> revealed_at(const std::string& bond_id, const std::string& prompt_id) = 0;
  // Whether the member set the prompt aside.
  virtual Result<bool> skipped(const std::string& bond_id, const std::string& prompt_id, const std::string& user_id) = 0;

  // ---- menus (core/menus.h)
  // Whether the member opened an opt-in menu in the bond.
  virtual Result<bool> menu_opened(const std::string& bond_id, const std::string& user_id, const std::string& menu) = 0;
  // Whether the person once confirmed they are an adult.
  virtual Result<bool> adult_confirmed(const std::string& user_id) = 0;
  // One member's answers in the bond, opened, by item.
  virtual Result<std::vector<MenuAnswerRow>> menu_answers_of(const std::string& bond_id, const std::string& user_id) = 0;
  // One member's answers to exactly these items (nullopt where there is none), opening one sealed
  // value per item asked whether or not an answer is stored, so the work never depends on how
  // many items that member answered.
  virtual Result<std::vector<std::optional<MenuChoice>>> menu_answers_to(const std::string& bond_id,
                                                                         const std::string& user_id,
                                                                         const std::vector<std::string>& item_ids) = 0;
  // The bond's suggestions, oldest first (the author's id only; names are the caller's to add).
  virtual Result<std::vector<MenuSuggestion>> menu_suggestions(const std::string& bond_id) = 0;

  // ---- notifications
  // What the person chose (the defaults when they never chose).
  virtual Result<NotifySettings> notify_settings(const std::string& user_id) = 0;
  // The person's push devices, oldest first.
  virtual Result<std::vector<PushDevice>> push_devices(const std::string& user_id) = 0;
  // Everyone with a push device, with what the dispatcher decides by; notices older than
  // `pending_since` are not pending any more.
  virtual Result<std::vector<NotifyCandidate>> notify_candidates(Millis pending_since) = 0;
};

// Write operations, plus reads that see this job's own changes.
class WriteTx : public ReadTx {
 public:
  // Fails with Errc::email_taken when the email is in use.
  virtual Result<void> insert_user(const User& user, const std::string& password_hash) = 0;
  // Changes display name, time zone and email, as of `at`; fails with Errc::email_taken on a clash.
  virtual Result<void> update_user(const User& user, Millis at) = 0;
  virtual Result<void> set_password_hash(const std::string& user_id, const std::string& password_hash,
                                         Millis at) = 0;

  virtual Result<void> insert_session(const Session& session) = 0;
  virtual Result<void> touch_session(const std::string& session_id, Millis last_seen, Millis expires_at) = 0;
  // Deletes the user's session; false when the user has no such session.
  virtual Result<bool> delete_session(const std::string& user_id, const std::string& session_id) = 0;
  // Deletes every session of the user except `keep_id`; returns how many went.
  virtual Result<int> delete_sessions_except(const std::string& user_id, const std::string& keep_id) = 0;
  virtual Result<int> delete_expired_sessions(Millis now) = 0;

  // ---- a lost password. Only the SHA-256 of a link's token is kept.
  // Keeps a one-time link for the person, valid until `expires_at`; their older links stop working.
  virtual Result<void> insert_password_reset(const std::string& token_hash, const std::string& user_id,
                                             Millis created_at, Millis expires_at) = 0;
  // Uses up the link: the person it belongs to when it is known and unexpired at `now`, else
  // nullopt. Every link of that person goes, used or not.
  virtual Result<std::optional<std::string>> take_password_reset(const std::string& token_hash, Millis now) = 0;

  // ---- leaving
  // Deletes everything the person wrote or chose (entries with their shares and the answers to
  // them, their answers to others, warm words, calls for comfort and space, check-ins, the two
  // needs, moments, deck answers, menu answers and suggestions, notices, sessions, invites). Their
  // bonds must have ended first (the caller ends them, telling the other). Where a bond remains,
  // the account stays only as an empty row the ended bond can name, with no email, no name and no
  // password; otherwise it goes too.
  virtual Result<void> delete_account(const std::string& user_id, Millis at) = 0;

  // Gathers the statistics the database plans queries by (ANALYZE), after loading many rows at
  // once: without them a planner may read a whole table where an index would do.
  virtual Result<void> refresh_statistics() = 0;

  // ---- many instances on one database
  // Tells every Pillars instance sharing this database `message` once this job's transaction
  // commits (PostgreSQL's NOTIFY), so their caches and live sockets follow before the caller
  // answers. Where the database is the instance's own (SQLite) there is no one to tell.
  virtual Result<void> announce(const std::string& message) = 0;

  // ---- rate limits counted in the database, so every instance counts the same events. `key` is
  // already a keyed hash, never an email or an address.
  // Holds every other instance's rate-limit jobs until this transaction ends, so a check and the
  // event it records cannot interleave with another instance's (PostgreSQL's advisory lock; SQLite
  // has one writer and needs none). Call before reading the events.
  virtual Result<void> lock_rate_limits() = 0;
  // The times of the events counted for the key after `since`, oldest first.
  virtual Result<std::vector<Millis>> rate_hits(const std::string& limiter, const std::string& key, Millis since) = 0;
  virtual Result<void> add_rate_hit(const std::string& limiter, const std::string& key, Millis at) = 0;
  // Takes back the key's newest event.
  virtual Result<void> give_back_rate_hit(const std::string& limiter, const std::string& key) = 0;
  virtual Result<void> clear_rate_hits(const std::string& limiter, const std::string& key) = 0;
  // Forgets events before `before`; returns how many.
  virtual Result<int> delete_rate_hits_before(Millis before) = 0;

  // ---- notifications
  virtual Result<void> put_notify_settings(const std::string& user_id, const NotifySettings& settings, Millis at) = 0;
  // Adds the device, or when its endpoint is known already (the same browser, maybe another person
  // signed in on it now) gives it to this person with the new keys and id. Beyond `keep` devices the
  // person's oldest go.
  virtual Result<void> put_push_device(const PushDevice& device, std::size_t keep) = 0;
  // Deletes the person's device; false when they have none by that id.
  virtual Result<bool> delete_push_device(const std::string& user_id, const std::string& id) = 0;
  // Forgets an endpoint the push service said is gone.
  virtual Result<void> drop_push_endpoint(const std::string& endpoint) = 0;
  virtual Result<void> mark_push_sent(const std::string& endpoint, Millis at) = 0;
  // Remembers a reminder sent for the local day, or an event push sent at `at`.
  virtual Result<void> mark_reminded(const std::string& user_id, Day day, Millis at) = 0;
  virtual Result<void> mark_event_pushed(const std::string& user_id, Millis at) = 0;

  // Fails with Errc::conflict if the code exists already (the caller draws another).
  virtual Result<void> insert_invite(const Invite& invite) = 0;
  virtual Result<void> mark_invite_used(const std::string& code, const std::string& used_by, Millis at,
                                        const std::string& bond_id) = 0;

  virtual Result<void> insert_bond(const std::string& bond_id, BondKind kind, const std::string& member_a,
                                   const std::string& member_b, Millis created_at) = 0;
  // Ends the bond and revokes every share in it and every showing of the two needs; what each
  // person wrote stays theirs.
  virtual Result<void> end_bond(const std::string& bond_id, const std::string& ended_by, Millis at) = 0;

  virtual Result<void> insert_entry(const Entry& entry) = 0;
  // Replaces kind, feelings, body and updated_at of the author's entry.
  virtual Result<void> update_entry(const Entry& entry) = 0;
  // Deletes the author's entry with its shares and responses; false when there is none.
  virtual Result<bool> delete_entry(const std::string& entry_id, const std::string& author_id) = 0;
  // Shares the entry in the bond; false when it was shared there already.
  virtual Result<bool> share_entry(const std::string& entry_id, const std::string& bond_id,
                                   const std::string& author_id, Millis at) = 0;
  // Withdraws the share; false when the entry was not shared there.
  virtual Result<bool> withdraw_share(const std::string& entry_id, const std::string& bond_id) = 0;
  virtual Result<void> insert_response(const EntryResponse& response) = 0;
  virtual Result<void> insert_appreciation(const Appreciation& appreciation) = 0;
  virtual Result<void> insert_request(const Request& request) = 0;
  // Records the answer to the bond's request (a note, and for space the reply); fails with
  // Errc::conflict when it was answered already.
  virtual Result<void> answer_request(const std::string& bond_id, const std::string& id, const std::string& by,
                                      Millis at, const std::optional<std::string>& note,
                                      std::optional<SpaceReply> reply) = 0;

  // Tells a person something new. A notice about the same thing (person, bond, kind, subject)
  // is replaced, so sharing an entry again is one notice, unread again.
  virtual Result<void> add_notice(const Notice& notice) = 0;
  // Forgets the notices of a kind about a subject in a bond, for everyone (a check-in's "has
  // checked in" once the day is revealed).
  virtual Result<void> remove_notices(const std::string& bond_id, NoticeKind kind, const std::string& subject_id) = 0;
  // Marks the person's notices seen: those named, or all when `ids` is empty. Others' ids and
  // unknown ids change nothing. Returns how many changed.
  virtual Result<int> mark_notices_seen(const std::string& user_id, const std::vector<std::string>& ids, Millis at) = 0;
  // Deletes notices made before `before` (no list shows them any more); returns how many went.
  virtual Result<int> delete_notices_before(Millis before) = 0;

  // Creates or replaces the person's check-in for the day.
  virtual Result<void> put_checkin(const CheckIn& checkin) = 0;

  // Adds a moment, or replaces one (same id, same bond and author) with its edited fields.
  virtual Result<void> put_moment(const Moment& moment) = 0;
  // Deletes a moment of the author's in the bond; false when there is none by that id.
  virtual Result<bool> delete_moment(const std::string& bond_id, const std::string& moment_id,
                                     const std::string& author_id) = 0;

  // Creates or replaces a member's answer to a prompt.
  virtual Result<void> put_deck_answer(const DeckAnswer& answer) = 0;
  // Marks a prompt revealed in the bond (once).
  virtual Result<void> reveal_prompt(const std::string& bond_id, const std::string& prompt_id, Millis at) = 0;
  // Sets a prompt aside for the member, or takes it back.
  virtual Result<void> set_skipped(const std::string& bond_id, const std::string& prompt_id, const std::string& user_id,
                                   bool skipped, Millis at) = 0;

  // ---- menus
  virtual Result<void> confirm_adult(const std::string& user_id, Millis at) = 0;
  // Opening a menu is idempotent. Closing it deletes the member's answers to its items (the
  // catalog's and the bond's suggestions in it) and the member's own suggestions in it, with
  // everyone's answers to those.
  virtual Result<void> open_menu(const std::string& bond_id, const std::string& user_id, const std::string& menu,
                                 Millis at) = 0;
  virtual Result<void> close_menu(const std::string& bond_id, const std::string& user_id, const std::string& menu) = 0;
  virtual Result<void> put_menu_answer(const std::string& bond_id, const MenuAnswerRow& answer) = 0;
  // False when there was no answer to clear.
  virtual Result<bool> delete_menu_answer(const std::string& bond_id, const std::string& user_id,
                                          const std::string& item_id) = 0;
  virtual Result<void> insert_menu_suggestion(const MenuSuggestion& suggestion) = 0;
  // Deletes the author's suggestion and every answer to it; false when it is not theirs or not there.
  virtual Result<bool> delete_menu_suggestion(const std::string& bond_id, const std::string& suggestion_id,
                                              const std::string& author_id) = 0;

  // Keeps a result of the two needs with its answers.
  virtual Result<void> insert_needs_result(const NeedsResult& result) = 0;
  // Deletes one of the person's results; false when they have none by that id.
  virtual Result<bool> delete_needs_result(const std::string& user_id, const std::string& result_id) = 0;
  // Shows or hides the person's needs in a bond; false when nothing changed.
  virtual Result<bool> set_needs_shown(const std::string& bond_id, const std::string& user_id, bool shown,
                                       Millis at) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  using ReadJob = std::function<void(ReadTx&)>;
  // Returns true to keep its changes, false to undo them (the rest of the group still commits).
  using WriteJob = std::function<bool(WriteTx&)>;
  // Called on a store thread after the job's transaction is durable (true) or failed (false).
  using Committed = std::function<void(bool durable)>;

  // Runs `job` on a reader thread. After close it runs at once on the caller's thread, every
  // operation of its transaction failing.
  virtual void submit_read(ReadJob job) = 0;
  // Runs `job` on the writer thread inside the next group transaction; `done` follows the commit.
  // After close the job does not run and `done(false)` is called at once on the caller's thread.
  virtual void submit_write(WriteJob job, Committed done) = 0;

  // Like submit_write, for a job that loads many new rows at once (seeding, importing): it runs in a
  // transaction of its own, and its inserts go to the database many rows per statement. Inside it an
  // insert always reports that it added its row; a row that cannot go in (a duplicate, say) fails the
  // whole job when its batch is sent, and nothing of it is kept. Reads inside see every earlier insert.
  virtual void submit_bulk(WriteJob job, Committed done) { submit_write(std::move(job), std::move(done)); }

  // Finishes queued jobs, then closes every connection. Later submissions fail their jobs.
  virtual void close() = 0;

  // Whether other instances may share the database, so what one announces the others must hear.
  virtual bool shared() const { return false; }
  // Hears what other instances announce (WriteTx::announce), on a thread of the store's, until
  // close; `missed` runs when the store cannot be sure it heard everything (the line to the
  // database dropped), so whoever caches forgets. A store nobody shares never calls either.
  virtual void listen(std::function<void(const std::string& message)> heard, std::function<void()> missed) {
    (void)heard;
    (void)missed;
  }
};

}  // namespace pillars::store
