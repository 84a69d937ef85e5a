#include "mail/smtp.h"

#include <curl/curl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>

#include "crypto/crypto.h"

namespace pillars::mail {

namespace {

constexpr std::size_t kMaxQueued = 1000;  // more is a flood; the rate limits upstream should stop it first

// Header values come from us and the account's address, never from free text, but a stray line
// break would start a new header: keep each value on one line.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != '\r' && c != '\n') out.push_back(c);
  return out;
}

struct Upload {
  std::string_view data;
  std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->at);
  std::memcpy(buffer, upload->data.data() + upload->at, n);
  upload->at += n;
  return n;
}

std::string domain_of(std::string_view address) {
  auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string("pillars.invalid") : std::string(address.substr(at + 1));
}

}  // namespace

std::string format_message(const SmtpSettings& settings, const Message& message, long long unix_seconds,
                           const std::string& message_id) {
  auto when = std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
  std::string out = fmt::format(
      "Date: {:%a, %d %b %Y %H:%M:%S} +0000\r\nFrom: Pillars <{}>\r\nTo: <{}>\r\nSubject: {}\r\n"
      "Message-ID: <{}@{}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n",
      fmt::gmtime(std::chrono::system_clock::to_time_t(when)), one_line(settings.from), one_line(message.to),
      one_line(message.subject), message_id, domain_of(settings.from));
  // CRLF line ends, and a line that is only "." doubled so it cannot end the message early.
  std::size_t start = 0;
  while (start <= message.text.size()) {
    auto end = message.text.find('\n', start);
    std::string_view line = std::string_view(message.text).substr(start, end == std::string::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (end == std::string::npos && line.empty()) break;
    if (line.starts_with('.')) out.push_back('.');
    out.append(line).append("\r\n");
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string smtp_settings_problem(const SmtpSettings& settings) {
  if (!settings.url.starts_with("smtp://") && !settings.url.starts_with("smtps://"))
    return "--smtp-url must start with smtp:// or smtps://";
  if (settings.from.find('@') == std::string::npos) return "--smtp-from must be an email address";
  return {};
}

SmtpMailer::SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  thread_ = std::thread([this] { run(); });
}

SmtpMailer::~SmtpMailer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SmtpMailer::send(Message message) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= kMaxQueued) {
      spdlog::warn("mail: the queue is full; a message was dropped");
      failed_++;
      return;
    }
    queue_.push_back(std::move(message));
  }
  wake_.notify_one();
}

void SmtpMailer::run() {
  for (;;) {
    Message message;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      message = std::move(queue_.front());
      queue_.pop_front();
    }
    if (auto sent = send_now(message); !sent) {
      failed_++;
      spdlog::warn("mail: {}", sent.error().detail);
    } else {
      sent_++;
    }
  }
}

Result<void> SmtpMailer::send_now(const Message& message) const {
  CURL* curl = curl_easy_init();
  if (!curl) return fail(Errc::internal, "cannot start the mail client");
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  std::string text = format_message(settings_, message, now.count(), crypto::random_id());
  Upload upload{text};
  std::string from = "<" + one_line(settings_.from) + ">";
  std::string to = "<" + one_line(message.to) + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
  curl_easy_setopt(curl, CURLOPT_USE_SSL, settings_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (!settings_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return fail(Errc::unavailable, fmt::format("sending failed: {}", curl_easy_strerror(rc)));
  return {};
}

}  // namespace pillars::mail
