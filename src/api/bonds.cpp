#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"

namespace pillars::api {

Awaitable list_bonds(AppContext& app, Context& ctx) {
  auto bonds = co_await read(app.store(), [&](store::ReadTx& tx) { return tx.bonds_of(ctx.user().id); });
  if (!bonds) co_return bonds.error();
  json::array out;
  for (const auto& b : *bonds) out.push_back(to_json(b));
  co_return json_ok(json::object{{"bonds", std::move(out)}});
}

// The guard has checked membership and loaded the bond.
Awaitable get_bond(AppContext&, Context& ctx) { co_return json_ok(json::object{{"bond", to_json(*ctx.bond)}}); }

// Either member may end a bond; it stays listed as ended for both.
// Both are told at once: the other, with a notice, and the ender's own other open apps, so every
// view of the bond changes together.
Awaitable end_bond(AppContext& app, Context& ctx) {
  auto now = app.now();
  auto told = notice_of(NoticeKind::bond_ended, ctx.bond->other.id, ctx.bond->id, ctx.user().id, ctx.bond->id, now);
  auto ended = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<BondView> {
    if (auto r = tx.end_bond(ctx.bond->id, ctx.user().id, now); !r) return std::unexpected(r.error());
    if (auto r = tx.add_notice(told); !r) return std::unexpected(r.error());
    auto view = tx.bond_for_member(ctx.bond->id, ctx.user().id);
    if (!view || !*view) return fail(Errc::internal);
    return std::move(**view);
  });
  if (!ended) co_return ended.error();
  co_await app.forget_bonds_everywhere();
  tell(app, told);
  notify(app, ctx.user().id, "bond_ended", ctx.bond->id, ctx.bond->id);
  co_return json_ok(json::object{{"bond", to_json(*ended)}});
}

}  // namespace pillars::api
