#include "core/types.h"

namespace pillars {

std::string_view to_string(BondKind kind) {
  switch (kind) {
    case BondKind::partner: return "partner";
    case BondKind::friend_: return "friend";
    case BondKind::family: return "family";
  }
  return "partner";
}

std::optional<BondKind> parse_bond_kind(std::string_view text) {
  if (text == "partner") return BondKind::partner;
  if (text == "friend") return BondKind::friend_;
  if (text == "family") return BondKind::family;
  return std::nullopt;
}

std::string_view to_string(BondStatus status) {
  return status == BondStatus::active ? "active" : "ended";
}

std::optional<BondStatus> parse_bond_status(std::string_view text) {
  if (text == "active") return BondStatus::active;
  if (text == "ended") return BondStatus::ended;
  return std::nullopt;
}

}  // namespace pillars
