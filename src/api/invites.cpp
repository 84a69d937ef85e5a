#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/validation.h"
#include "crypto/crypto.h"

namespace pillars::api {

namespace {
constexpr int kMaxOpenInvites = 20;
constexpr const char* kCannotUse =
    "This code cannot be used: it may be mistyped, used already or expired. Ask for a new one.";
}

Awaitable create_invite(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto kind_text = fields.string("kind");
  std::optional<BondKind> kind;
  if (kind_text && !(kind = parse_bond_kind(*kind_text)))
    fields.error("kind", "Choose partner, friend or family.");
  if (!fields.ok()) co_return fields.failure();

  Invite invite;
  invite.creator_id = ctx.user().id;
  invite.kind = *kind;
  invite.created_at = app.now();
  invite.expires_at = invite.created_at + app.settings().invite_ttl;
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    auto open = tx.open_invites_of(invite.creator_id, invite.created_at);
    if (!open) return std::unexpected(open.error());
    if (open->size() >= kMaxOpenInvites)
      return fail(Errc::conflict, "You have many open invites already; let one be used or expire first.");
    // 30^8 codes: a clash is rare, but draw again rather than fail.
    for (int attempt = 0; attempt < 5; ++attempt) {
      invite.code = crypto::random_invite_code();
      auto r = tx.insert_invite(invite);
      if (r || r.error().code != Errc::conflict) return r;
    }
    return fail(Errc::internal);
  });
  if (!saved) co_return saved.error();
  co_return json_created(to_json(invite));
}

Awaitable list_invites(AppContext& app, Context& ctx) {
  auto invites = co_await read(app.store(), [&, now = app.now()](store::ReadTx& tx) {
    return tx.open_invites_of(ctx.user().id, now);
  });
  if (!invites) co_return invites.error();
  json::array out;
  for (const auto& i : *invites) out.push_back(to_json(i));
  co_return json_ok(json::object{{"invites", std::move(out)}});
}

Awaitable accept_invite(AppContext& app, Context& ctx) {
  const std::string me = ctx.user().id;
  auto wait = co_await app.take_invite_accept(me, ctx.client_address);
  if (auto no = refused(wait, "Too many codes that could not be used. Please wait a little and try again.")) co_return *no;
  // One answer for every code that cannot be accepted (mistyped, unknown, used, expired), so a
  // guesser learns nothing but "no"; each one counts against the caller's limits. Every other
  // outcome is taken back.
  auto cannot_use = [] { return Error(Errc::not_found, kCannotUse); };
  auto code = normalize_invite_code(ctx.param("code"));
  if (!code) co_return cannot_use();
  Millis now = app.now();
  Notice told;  // the one who made the invite hears that it was accepted
  auto bond = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<BondView> {
    auto invite = tx.invite_by_code(*code);
    if (!invite) return std::unexpected(invite.error());
    if (!*invite) return fail(Errc::not_found);
    const Invite& i = **invite;
    // One's own invite and a bond one already has are told apart: both are about a code the caller
    // made or shares with the one who made it, so they tell a guesser nothing.
    if (i.creator_id == me) return fail(Errc::own_invite, "This is your own invite; send the code to the other person.");
    if (i.used_at || i.expires_at <= now) return fail(Errc::not_found);
    auto bonded = tx.active_bond_between(me, i.creator_id);
    if (!bonded) return std::unexpected(bonded.error());
    if (*bonded) return fail(Errc::already_bonded, "You two already share a bond.");
    std::string bond_id = crypto::random_id();
    if (auto r = tx.insert_bond(bond_id, i.kind, i.creator_id, me, now); !r) return std::unexpected(r.error());
    if (auto r = tx.mark_invite_used(i.code, me, now, bond_id); !r) return std::unexpected(r.error());
    told = notice_of(NoticeKind::invite_accepted, i.creator_id, bond_id, me, bond_id, now);
    if (auto r = tx.add_notice(told); !r) return std::unexpected(r.error());
    auto view = tx.bond_for_member(bond_id, me);
    if (!view || !*view) return fail(Errc::internal);
    return std::move(**view);
  });
  if (!bond && bond.error().code == Errc::not_found) co_return cannot_use();
  app.invite_accept_not_a_guess(me, ctx.client_address);
  if (!bond) co_return bond.error();
  tell(app, told);
  co_return json_created(json::object{{"bond", to_json(*bond)}});
}

}  // namespace pillars::api
