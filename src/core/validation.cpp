#include "core/validation.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace pillars {

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::string_view trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

std::expected<std::string, std::string> normalize_email(std::string_view email) {
  std::string e = lower_ascii(trim(email));
  if (e.empty()) return std::unexpected("Please enter your email address.");
  if (e.size() > 254) return std::unexpected("That email address is too long.");
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos)
    return std::unexpected("That does not look like an email address.");
  std::string_view domain = std::string_view(e).substr(at + 1);
  auto dot = domain.find('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos)
    return std::unexpected("That does not look like an email address.");
  for (unsigned char c : e) {
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
        c == '\\' || c == '"' || c == '[' || c == ']')
      return std::unexpected("That does not look like an email address.");
  }
  return e;
}

std::expected<std::string, std::string> clean_display_name(std::string_view name) {
  auto n = trim(name);
  if (n.empty()) return std::unexpected("Please tell us what to call you.");
  if (utf8_length(n) > 60) return std::unexpected("Please keep your name to 60 characters or fewer.");
  if (has_control(n)) return std::unexpected("Your name contains characters we cannot show.");
  return std::string(n);
}

std::expected<std::string, std::string> clean_timezone(std::string_view zone) {
  auto z = trim(zone);
  if (z.empty() || z.size() > 64) return std::unexpected("Please choose a time zone such as Europe/Berlin.");
  bool segment_start = true;
  for (char c : z) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' || c == '/';
    if (!ok) return std::unexpected("Please choose a time zone such as Europe/Berlin.");
    if (c == '/') {
      if (segment_start) return std::unexpected("Please choose a time zone such as Europe/Berlin.");
      segment_start = true;
    } else {
      if (segment_start && !std::isalpha(static_cast<unsigned char>(c)))
        return std::unexpected("Please choose a time zone such as Europe/Berlin.");
      segment_start = false;
    }
  }
  if (segment_start) return std::unexpected("Please choose a time zone such as Europe/Berlin.");
  return std::string(z);
}

std::string password_weakness(std::string_view password, std::string_view normalized_email) {
  if (utf8_length(password) < kMinPasswordLength)
    return "Please use at least 10 characters; a few unrelated words make a strong one.";
  if (password.size() > kMaxPasswordLength) return "Please use at most 256 characters.";
  // A short list of passwords that appear in every breach; long enough to pass the length rule.
  static constexpr std::array<std::string_view, 24> common = {
      "1234567890", "12345678910", "123456789a", "0123456789", "1q2w3e4r5t", "qwertyuiop", "password12",
      "password123", "password1234", "iloveyou12", "iloveyou123", "qwerty1234", "qwerty12345",
      "1qaz2wsx3edc", "abcdefghij", "letmein123", "welcome123", "passw0rd12", "trustno1234",
      "football123", "sunshine12", "princess12", "administrator", "aaaaaaaaaa"};
  std::string lower = lower_ascii(password);
  if (std::find(common.begin(), common.end(), lower) != common.end())
    return "That password is one of the first ones attackers try; please choose another.";
  if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower.front(); }))
    return "Please avoid a password made of one repeated character.";
  auto at = normalized_email.find('@');
  std::string_view local = normalized_email.substr(0, at);
  if (local.size() >= 4 && lower.find(local) != std::string::npos)
    return "Please choose a password that does not contain your email address.";
  return {};
}

std::expected<std::string, std::string> normalize_invite_code(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (kInviteAlphabet.find(u) == std::string_view::npos || code.size() >= kInviteCodeLength)
      return std::unexpected("That is not an invite code.");
    code.push_back(u);
  }
  if (code.size() != kInviteCodeLength) return std::unexpected("That is not an invite code.");
  return code;
}

std::string format_invite_code(std::string_view canonical) {
  if (canonical.size() != kInviteCodeLength) return std::string(canonical);
  return std::string(canonical.substr(0, 4)) + "-" + std::string(canonical.substr(4));
}

}  // namespace pillars
