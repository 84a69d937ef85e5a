// The export as a journal to read: Markdown made from the same document as pillars-export.json, so
// the two never tell different stories.
#include <fmt/format.h>

#include "api/export.h"

namespace pillars::api {

namespace json = boost::json;

namespace {

std::string str(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->value().is_string()) return std::string(it->value().get_string());
  if (it->value().is_int64()) return std::to_string(it->value().get_int64());
  if (it->value().is_double()) return fmt::format("{:.1f}", it->value().get_double());
  if (it->value().is_bool()) return it->value().get_bool() ? "yes" : "no";
  return {};
}

const json::object& obj(const json::object& o, std::string_view key) {
  static const json::object empty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? it->value().get_object() : empty;
}

const json::array& arr(const json::object& o, std::string_view key) {
  static const json::array empty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_array() ? it->value().get_array() : empty;
}

// "2026-11-02T20:15:00Z" -> "2026-11-02 20:15"; a day stays a day.
std::string when(std::string_view stamp) {
  if (stamp.size() < 16) return std::string(stamp);
  return fmt::format("{} {}", stamp.substr(0, 10), stamp.substr(11, 5));
}

std::string words(std::string_view id) {
  std::string out(id);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string feelings(const json::object& o) {
  std::string out;
  for (const auto& f : arr(o, "feelings")) {
    if (!f.is_object()) continue;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({} of 5)", words(str(f.get_object(), "word")), str(f.get_object(), "intensity"));
  }
  return out;
}

// Free text as a quotation, so nothing in it can start a heading or break the page's structure.
void quote(std::string& md, std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    auto line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    md += "> ";
    md += line;
    md += "\n";
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  md += "\n";
}

void entry(std::string& md, const json::object& e, std::string_view heading) {
  md += fmt::format("{} {} · {}\n\n", heading, when(str(e, "created_at")), words(str(e, "kind")));
  if (auto f = feelings(e); !f.empty()) md += fmt::format("Feelings: {}\n\n", f);
  const auto& own = obj(e, "own_time");
  if (!own.empty())
    md += fmt::format("Time of your own on {}: {} minutes, {}\n\n", str(own, "day"), str(own, "minutes"),
                      words(str(own, "activity")));
  if (auto body = str(e, "body"); !body.empty()) quote(md, body);
  for (const auto& r : arr(e, "responses")) {
    if (!r.is_object()) continue;
    const auto& ro = r.get_object();
    md += fmt::format("- {} answered with {} on {}", str(obj(ro, "from"), "display_name"), words(str(ro, "kind")),
                      when(str(ro, "created_at")));
    if (auto body = str(ro, "body"); !body.empty()) md += fmt::format(": \"{}\"", body);
    md += "\n";
  }
  if (!arr(e, "responses").empty()) md += "\n";
}

void checkin_cells(std::string& md, const json::value& v) {
  if (!v.is_object()) {
    md += " – | – | – |";
    return;
  }
  const auto& c = v.get_object();
  md += fmt::format(" {} / {} | {} | {} |", str(c, "closeness_now"), str(c, "closeness_wanted"), words(str(c, "need")),
                    feelings(c));
}

void bond(std::string& md, const json::object& b) {
  const auto& view = obj(b, "bond");
  const std::string other = str(obj(view, "other"), "display_name");
  md += fmt::format("## With {} ({}, since {}{})\n\n", other.empty() ? "someone who left" : other,
                    str(view, "kind"), when(str(view, "created_at")).substr(0, 10),
                    str(view, "status") == "ended" ? fmt::format(", ended {}", when(str(view, "ended_at")).substr(0, 10))
                                                   : std::string());
  if (const auto& days = arr(b, "checkins"); !days.empty()) {
    md += fmt::format("### Check-ins\n\n| Day | You: closeness now / wanted | Need | Feelings | {0}: now / wanted | "
                      "Need | Feelings |\n|---|---|---|---|---|---|---|\n",
                      other);
    for (auto it = days.rbegin(); it != days.rend(); ++it) {
      if (!it->is_object()) continue;
      const auto& d = it->get_object();
      md += fmt::format("| {} |", str(d, "day"));
      checkin_cells(md, d.contains("mine") ? d.at("mine") : json::value(nullptr));
      checkin_cells(md, d.contains("theirs") ? d.at("theirs") : json::value(nullptr));
      md += "\n";
    }
    md += "\n";
  }
  if (const auto& shared = arr(b, "shared_with_me"); !shared.empty()) {
    md += fmt::format("### What {} shared with you\n\n", other);
    for (const auto& e : shared)
      if (e.is_object()) entry(md, e.get_object(), "####");
  }
  if (const auto& warm = arr(b, "appreciations"); !warm.empty()) {
    md += "### Warm words\n\n";
    for (const auto& a : warm) {
      if (!a.is_object()) continue;
      const auto& ao = a.get_object();
      md += fmt::format("- {}: {} — {}", when(str(ao, "created_at")), str(obj(ao, "from"), "display_name"),
                        words(str(ao, "kind")));
      if (auto note = str(ao, "note"); !note.empty()) md += fmt::format(": \"{}\"", note);
      md += "\n";
    }
    md += "\n";
  }
  for (const auto& [key, title] : {std::pair<std::string_view, std::string_view>{"comfort_requests", "Calls for comfort"},
                                   {"space_requests", "Wishes for time apart"}}) {
    const auto& asks = arr(b, key);
    if (asks.empty()) continue;
    md += fmt::format("### {}\n\n", title);
    for (const auto& a : asks) {
      if (!a.is_object()) continue;
      const auto& ao = a.get_object();
      md += fmt::format("- {}: {} asked", when(str(ao, "created_at")), str(obj(ao, "from"), "display_name"));
      if (auto note = str(ao, "note"); !note.empty()) md += fmt::format(" (\"{}\")", note);
      if (auto answered = str(ao, "answered_at"); !answered.empty()) md += fmt::format("; answered {}", when(answered));
      if (auto note = str(ao, "answer_note"); !note.empty()) md += fmt::format(" (\"{}\")", note);
      md += "\n";
    }
    md += "\n";
  }
  if (const auto& moments = arr(b, "moments"); !moments.empty()) {
    md += "### Moments\n\n";
    for (const auto& m : moments) {
      if (!m.is_object()) continue;
      const auto& mo = m.get_object();
      md += fmt::format("- {} ({}, by {}): {}", str(mo, "day"), str(mo, "kind") == "high" ? "a high" : "a low",
                        str(obj(mo, "author"), "display_name"), str(mo, "title"));
      if (auto note = str(mo, "note"); !note.empty()) md += fmt::format(" — {}", note);
      md += "\n";
    }
    md += "\n";
  }
  if (const auto& talks = arr(b, "conversations"); !talks.empty()) {
    md += "### Conversations\n\n";
    for (const auto& t : talks) {
      if (!t.is_object()) continue;
      const auto& to = t.get_object();
      md += fmt::format("#### {}\n\n", str(to, "prompt").empty() ? str(to, "prompt_id") : str(to, "prompt"));
      auto answer = [&](const json::value& v, std::string_view who) {
        if (!v.is_object()) return;
        const auto& a = v.get_object();
        if (auto body = str(a, "body"); !body.empty()) {
          md += fmt::format("{}:\n\n", who);
          quote(md, body);
        } else {
          md += fmt::format("{}: {} (guessed: {})\n\n", who, str(a, "choice_text"), str(a, "guess_text"));
        }
      };
      answer(to.contains("mine") ? to.at("mine") : json::value(nullptr), "You");
      if (to.contains("theirs") && to.at("theirs").is_object()) answer(to.at("theirs"), other);
      else md += fmt::format("{} has not answered, or the answers are not revealed yet.\n\n", other);
    }
  }
  const auto& wishes = obj(b, "wishes");
  if (const auto& mine = arr(wishes, "mine"); !mine.empty()) {
    md += "### Your answers in the wishes menus\n\n";
    for (const auto& w : mine) {
      if (!w.is_object()) continue;
      const auto& wo = w.get_object();
      md += fmt::format("- {}: {}{}\n", str(wo, "text").empty() ? str(wo, "item_id") : str(wo, "text"),
                        str(wo, "answer"), str(wo, "ask_first") == "yes" ? ", ask me first" : "");
    }
    md += "\n";
  }
}

}  // namespace

std::string journal_markdown(const json::object& document) {
  const auto& me = obj(document, "person");
  std::string md = fmt::format(
      "# {}'s Pillars journal\n\nExported {}. Everything you wrote in Pillars and everything it showed you, to "
      "read. The same is in pillars-export.json, for another Pillars or any program.\n\n",
      str(me, "display_name"), when(str(document, "exported_at")));
  if (const auto& entries = arr(document, "entries"); !entries.empty()) {
    md += "## What you wrote\n\n";
    for (const auto& e : entries)
      if (e.is_object()) entry(md, e.get_object(), "###");
  }
  if (const auto& answers = arr(document, "responses_written"); !answers.empty()) {
    md += "## Your answers to what others shared\n\n";
    for (const auto& r : answers) {
      if (!r.is_object()) continue;
      const auto& ro = r.get_object();
      md += fmt::format("- {}: {}", when(str(ro, "created_at")), words(str(ro, "kind")));
      if (auto body = str(ro, "body"); !body.empty()) md += fmt::format(": \"{}\"", body);
      md += "\n";
    }
    md += "\n";
  }
  if (const auto& needs = arr(document, "needs"); !needs.empty()) {
    md += "## The two needs\n\n";
    for (const auto& n : needs)
      if (n.is_object())
        md += fmt::format("- {}: closeness {}, a life of your own {}\n", when(str(n.get_object(), "taken_at")),
                          str(n.get_object(), "closeness"), str(n.get_object(), "independence"));
    md += "\n";
  }
  for (const auto& b : arr(document, "bonds"))
    if (b.is_object()) bond(md, b.get_object());
  return md;
}

}  // namespace pillars::api
