// A person's data, theirs to take: GET /me/export gives everything they wrote and everything shown
// to them, as JSON (docs/export.md documents it, docs/export.schema.json checks it) and as a
// readable Markdown journal, in one zip streamed as it is compressed. POST /me/import brings their
// own writing into a fresh account on another Pillars.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <map>
#include <set>

#include "api/async_store.h"
#include "api/export.h"
#include "api/handlers.h"
#include "api/json.h"
#include "crypto/crypto.h"
#include "http/run_on.h"

namespace pillars::api {

namespace {

constexpr int kEntryPage = 500;
constexpr std::string_view kJsonName = "pillars-export.json";
constexpr std::string_view kJournalName = "journal.md";

// ---- what was shown: the words of prompts and menu items, by id, from the served catalog

struct Words {
  std::map<std::string, std::string, std::less<>> prompts;
  std::map<std::string, std::vector<std::string>, std::less<>> choices;
  std::map<std::string, std::string, std::less<>> items;
};

std::string text_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
}

const json::array* array_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_array() ? &it->value().get_array() : nullptr;
}

Words words_of(const std::string& catalog_json) {
  Words w;
  boost::system::error_code ec;
  auto root = json::parse(catalog_json, ec);
  if (ec || !root.is_object()) return w;
  if (const auto* decks = array_at(root.get_object(), "decks"))
    for (const auto& d : *decks) {
      if (!d.is_object()) continue;
      const auto* prompts = array_at(d.get_object(), "prompts");
      for (const auto& p : prompts ? *prompts : json::array{}) {
        if (!p.is_object()) continue;
        std::string id = text_at(p.get_object(), "id");
        w.prompts[id] = text_at(p.get_object(), "text");
        if (const auto* choices = array_at(p.get_object(), "choices"))
          for (const auto& c : *choices)
            if (c.is_string()) w.choices[id].emplace_back(c.get_string());
      }
    }
  if (const auto* menus = array_at(root.get_object(), "menus"))
    for (const auto& m : *menus) {
      const auto* items = m.is_object() ? array_at(m.get_object(), "items") : nullptr;
      for (const auto& i : items ? *items : json::array{})
        if (i.is_object()) w.items[text_at(i.get_object(), "id")] = text_at(i.get_object(), "text");
    }
  return w;
}

// ---- gathering, in one read job: one snapshot, so the archive is consistent

json::value optional_bool(const std::optional<bool>& b) { return b ? json::value(*b) : json::value(nullptr); }

json::object checkin_json(const CheckIn& c, bool ticks) {
  json::array wishes;
  if (ticks)
    for (const auto& w : c.wishes) wishes.push_back(json::value(w));
  return {{"feelings", to_json(c.feelings)},
          {"closeness_now", c.closeness_now},
          {"closeness_wanted", c.closeness_wanted},
          {"need", to_string(c.need)},
          {"own_minutes", c.own_minutes},
          {"together_minutes", c.together_minutes},
          {"affection", ticks ? optional_bool(c.affection) : json::value(nullptr)},
          {"lovemaking", ticks ? optional_bool(c.lovemaking) : json::value(nullptr)},
          {"wishes", std::move(wishes)},
          {"guess", json::object{{"family", c.guess_family}, {"closeness", c.guess_closeness}}},
          {"created_at", format_rfc3339(c.created_at)},
          {"updated_at", format_rfc3339(c.updated_at)}};
}

json::object needs_json(const NeedsResult& r, bool with_answers) {
  json::object o{{"id", r.id},
                 {"taken_at", format_rfc3339(r.taken_at)},
                 {"closeness", r.scores.closeness},
                 {"independence", r.scores.independence}};
  if (with_answers) {
    json::array answers;
    for (const auto& [item, value] : r.answers) answers.push_back(json::object{{"item", item}, {"value", value}});
    o["answers"] = std::move(answers);
  }
  return o;
}

json::object deck_answer_json(const DeckAnswer& a, const Words& words) {
  json::object o{{"body", a.body ? json::value(*a.body) : json::value(nullptr)},
                 {"choice", a.choice ? json::value(*a.choice) : json::value(nullptr)},
                 {"guess", a.guess ? json::value(*a.guess) : json::value(nullptr)},
                 {"created_at", format_rfc3339(a.created_at)},
                 {"updated_at", format_rfc3339(a.updated_at)}};
  if (auto it = words.choices.find(a.prompt_id); it != words.choices.end()) {
    auto choice_text = [&](const std::optional<int>& i) {
      return i && *i >= 0 && static_cast<std::size_t>(*i) < it->second.size() ? json::value(it->second[*i])
                                                                                : json::value(nullptr);
    };
    o["choice_text"] = choice_text(a.choice);
    o["guess_text"] = choice_text(a.guess);
  }
  return o;
}

template <class T>
T take(Result<T>&& r, bool& failed, Error& error) {
  if (!r) {
    if (!failed) error = r.error();
    failed = true;
    return T{};
  }
  return std::move(*r);
}

Result<json::object> bond_json(store::ReadTx& tx, const User& me, const BondView& b, const Catalog& catalog,
                               const Words& words, Day today) {
  bool failed = false;
  Error error;
  auto check = [&](auto&& r) { return take(std::forward<decltype(r)>(r), failed, error); };
  const bool ticks = me.track_affection && b.other_tracks_affection;

  json::array checkins;
  const Day first = utc_day(b.created_at) - 1;
  const Day last = b.ended_at ? utc_day(*b.ended_at) + 1 : today + 1;
  std::map<Day, std::pair<const CheckIn*, const CheckIn*>> days;
  auto all = check(tx.checkins_between(b.id, first, last));
  for (const auto& c : all) (c.from.id == me.id ? days[c.day].first : days[c.day].second) = &c;
  for (const auto& [day, pair] : days) {
    if (!pair.first) continue;  // theirs alone was never shown
    checkins.push_back(json::object{{"day", format_day(day)},
                                    {"mine", checkin_json(*pair.first, true)},
                                    {"theirs", pair.second ? json::value(checkin_json(*pair.second, ticks))
                                                           : json::value(nullptr)}});
  }

  json::array shared_with_me;
  std::optional<std::pair<Millis, std::string>> before;
  for (;;) {
    auto page = check(tx.shared_in_bond(b.id, before, kEntryPage));
    for (const auto& s : page) {
      if (s.author.id == me.id) continue;  // one's own are under entries
      auto o = to_json(s, me.id, catalog);
      o.erase("responses_offered");  // what the app offered then; not part of what was written
      shared_with_me.push_back(std::move(o));
    }
    if (failed || page.size() < static_cast<std::size_t>(kEntryPage)) break;
    before = std::make_pair(page.back().shared_at, page.back().entry.id);
  }

  json::array appreciations, comfort, space, moments, conversations, wishes, suggestions;
  for (const auto& a : check(tx.appreciations_in(b.id))) appreciations.push_back(to_json(a, me.id));
  for (const auto& r : check(tx.requests_in(b.id, RequestKind::comfort))) comfort.push_back(to_json(r, me.id));
  for (const auto& r : check(tx.requests_in(b.id, RequestKind::space))) space.push_back(to_json(r, me.id));
  for (const auto& m : check(tx.moments_in(b.id))) moments.push_back(to_json(m, me.id));
  for (const auto& state : check(tx.prompt_states(b.id, me.id))) {
    if (!state.mine) continue;
    auto answers = check(tx.deck_answers(b.id, state.prompt_id));
    const DeckAnswer* mine = nullptr;
    const DeckAnswer* theirs = nullptr;
    for (const auto& a : answers) (a.user_id == me.id ? mine : theirs) = &a;
    if (!mine) continue;
    auto revealed = check(tx.revealed_at(b.id, state.prompt_id));
    auto text = words.prompts.find(state.prompt_id);
    conversations.push_back(json::object{
        {"prompt_id", state.prompt_id},
        {"prompt", text != words.prompts.end() ? json::value(text->second) : json::value(nullptr)},
        {"revealed_at", revealed ? json::value(format_rfc3339(*revealed)) : json::value(nullptr)},
        {"mine", deck_answer_json(*mine, words)},
        {"theirs", revealed && theirs ? json::value(deck_answer_json(*theirs, words)) : json::value(nullptr)}});
  }
  auto own_suggestions = check(tx.menu_suggestions(b.id));
  std::map<std::string, std::string, std::less<>> suggestion_text;
  for (const auto& s : own_suggestions) {
    suggestion_text[s.id] = s.text;
    if (s.author.id == me.id)
      suggestions.push_back(json::object{{"id", s.id}, {"menu", s.menu}, {"category", s.category}, {"text", s.text},
                                         {"created_at", format_rfc3339(s.created_at)}});
  }
  for (const auto& a : check(tx.menu_answers_of(b.id, me.id))) {
    auto item = words.items.find(a.item_id);
    auto suggested = suggestion_text.find(a.item_id);
    json::value text = item != words.items.end()           ? json::value(item->second)
                       : suggested != suggestion_text.end() ? json::value(suggested->second)
                                                            : json::value(nullptr);
    wishes.push_back(json::object{{"item_id", a.item_id},
                                  {"text", std::move(text)},
                                  {"answer", to_string(a.choice.answer)},
                                  {"ask_first", a.choice.ask_first},
                                  {"updated_at", format_rfc3339(a.updated_at)}});
  }
  json::value their_needs = nullptr;
  for (const auto& r : check(tx.needs_shown_in(b.id)))
    if (r.user_id != me.id) their_needs = needs_json(r, false);
  if (failed) return std::unexpected(error);
  return json::object{{"bond", to_json(b)},
                      {"checkins", std::move(checkins)},
                      {"shared_with_me", std::move(shared_with_me)},
                      {"appreciations", std::move(appreciations)},
                      {"comfort_requests", std::move(comfort)},
                      {"space_requests", std::move(space)},
                      {"moments", std::move(moments)},
                      {"conversations", std::move(conversations)},
                      {"wishes", json::object{{"mine", std::move(wishes)}, {"suggested", std::move(suggestions)}}},
                      {"their_needs", std::move(their_needs)}};
}

}  // namespace

Result<json::object> gather_export(store::ReadTx& tx, const User& me, const Catalog& catalog,
                                   const std::string& catalog_json, Millis now) {
  const Words words = words_of(catalog_json);
  json::array entries;
  store::ReadTx::EntryFilter filter;
  filter.limit = kEntryPage;
  for (;;) {
    auto page = tx.entries_of(me.id, filter);
    if (!page) return std::unexpected(page.error());
    for (const auto& e : *page) {
      std::vector<EntryResponse> responses;
      if (!e.shared_with.empty()) {
        auto r = tx.responses_to(e.id);
        if (!r) return std::unexpected(r.error());
        responses = std::move(*r);
      }
      entries.push_back(to_json(e, responses, me.id));
    }
    if (page->size() < static_cast<std::size_t>(kEntryPage)) break;
    filter.before = std::make_pair(page->back().created_at, page->back().id);
  }
  json::array answered;
  auto written = tx.responses_by(me.id);
  if (!written) return std::unexpected(written.error());
  for (const auto& r : *written) {
    auto o = to_json(r, me.id);
    o["entry_id"] = r.entry_id;
    o["bond_id"] = r.bond_id;
    answered.push_back(std::move(o));
  }
  json::array needs;
  auto results = tx.needs_results_of(me.id);
  if (!results) return std::unexpected(results.error());
  for (const auto& r : *results) needs.push_back(needs_json(r, true));
  json::array bonds;
  auto mine = tx.bonds_of(me.id);
  if (!mine) return std::unexpected(mine.error());
  for (const auto& b : *mine) {
    auto one = bond_json(tx, me, b, catalog, words, utc_day(now));
    if (!one) return std::unexpected(one.error());
    bonds.push_back(std::move(*one));
  }
  return json::object{{"format", kExportFormat},
                      {"version", kExportVersion},
                      {"exported_at", format_rfc3339(now)},
                      {"person", to_json(me)},
                      {"entries", std::move(entries)},
                      {"responses_written", std::move(answered)},
                      {"needs", std::move(needs)},
                      {"bonds", std::move(bonds)}};
}

namespace {

// ---- the archive, compressed a slice at a time on the CPU pool and sent as it is made

class ZipChunks final : public http::ChunkSource {
 public:
  ZipChunks(boost::asio::thread_pool& cpu, std::vector<ExportFile> files, Millis at)
      : cpu_(cpu), zip_(std::move(files), at) {}

  boost::asio::awaitable<Result<std::optional<std::string>>> next() override {
    if (zip_.done()) co_return std::optional<std::string>();
    co_return co_await http::run_on(cpu_.get_executor(), [this] { return zip_.step(); });
  }

 private:
  boost::asio::thread_pool& cpu_;
  ZipWriter zip_;
};

}  // namespace

ZipWriter::ZipWriter(std::vector<ExportFile> files, Millis at) : files_(std::move(files)), at_(at) {}

ZipWriter::~ZipWriter() {
  if (archive_) archive_write_free(archive_);
}

la_ssize_t ZipWriter::collect(struct archive*, void* self, const void* data, size_t size) {
  static_cast<ZipWriter*>(self)->out_.append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

Result<std::optional<std::string>> ZipWriter::failed() {
  done_ = true;
  return fail(Errc::internal, fmt::format("the archive could not be written: {}",
                                          archive_ ? archive_error_string(archive_) : "no memory"));
}

Result<std::optional<std::string>> ZipWriter::step() {
  if (done_) return std::optional<std::string>();
  if (!archive_) {
    archive_ = archive_write_new();
    if (!archive_ || archive_write_set_format_zip(archive_) != ARCHIVE_OK ||
        archive_write_zip_set_compression_deflate(archive_) != ARCHIVE_OK ||
        archive_write_set_bytes_per_block(archive_, 0) != ARCHIVE_OK ||
        archive_write_open2(archive_, this, nullptr, collect, nullptr, nullptr) != ARCHIVE_OK)
      return failed();
  }
  std::size_t budget = kSlice;
  while (budget > 0 && file_ < files_.size()) {
    const auto& [name, content] = files_[file_];
    if (!header_written_) {
      archive_entry* entry = archive_entry_new();
      archive_entry_set_pathname(entry, name.c_str());
      archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_perm(entry, 0600);
      archive_entry_set_mtime(entry, static_cast<time_t>(at_ / 1000), 0);
      int rc = archive_write_header(archive_, entry);
      archive_entry_free(entry);
      if (rc != ARCHIVE_OK) return failed();
      header_written_ = true;
    }
    std::size_t n = std::min(budget, content.size() - offset_);
    if (n > 0 && archive_write_data(archive_, content.data() + offset_, n) < 0) return failed();
    offset_ += n;
    budget -= n;
    if (offset_ == content.size()) {
      ++file_;
      offset_ = 0;
      header_written_ = false;
    }
  }
  if (file_ == files_.size()) {
    if (archive_write_close(archive_) != ARCHIVE_OK) return failed();
    done_ = true;
  }
  return std::optional<std::string>(std::exchange(out_, {}));
}

std::vector<ExportFile> export_files(const json::object& document) {
  return {{std::string(kJsonName), json::serialize(document) + "\n"}, {std::string(kJournalName), journal_markdown(document)}};
}

std::string export_file_name(Millis at) { return fmt::format("pillars-export-{}.zip", format_day(utc_day(at))); }

Result<std::string> export_json_from_zip(std::string_view zip) {
  struct archive* a = archive_read_new();
  if (!a) return fail(Errc::internal, "no memory");
  archive_read_support_format_zip(a);
  std::optional<std::string> found;
  bool broken = archive_read_open_memory(a, zip.data(), zip.size()) != ARCHIVE_OK;
  archive_entry* entry = nullptr;
  while (!broken && !found) {
    int rc = archive_read_next_header(a, &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK) {
      broken = true;
      break;
    }
    if (std::string_view(archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "") != kJsonName) continue;
    std::string text;
    char buffer[64 * 1024];
    for (;;) {
      la_ssize_t n = archive_read_data(a, buffer, sizeof buffer);
      if (n < 0) {
        broken = true;
        break;
      }
      if (n == 0) break;
      text.append(buffer, static_cast<std::size_t>(n));
      if (text.size() > kImportLimit * 4) {
        broken = true;
        break;
      }
    }
    if (!broken) found = std::move(text);
  }
  archive_read_free(a);
  if (broken) return fail(Errc::bad_request, "This file is not a zip that can be read.");
  if (!found) return fail(Errc::bad_request, "This zip has no pillars-export.json in it.");
  return std::move(*found);
}

Awaitable export_me(AppContext& app, Context& ctx) {
  const Millis now = app.now();
  const User me = ctx.user();
  auto document = co_await read(app.store(), [&](store::ReadTx& tx) {
    return gather_export(tx, me, app.catalog(), app.catalog_json(), now);
  });
  if (!document) co_return document.error();
  auto files = co_await http::run_on(app.cpu().get_executor(), [&] { return export_files(*document); });
  http::Response head{http::bhttp::status::ok, 11};
  head.set(http::bhttp::field::content_type, "application/zip");
  head.set(http::bhttp::field::content_disposition, fmt::format("attachment; filename=\"{}\"", export_file_name(now)));
  co_return http::Streamed{std::move(head), std::make_shared<ZipChunks>(app.cpu(), std::move(files), now)};
}

}  // namespace pillars::api
