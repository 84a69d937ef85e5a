// An SMTP Mailer on libcurl: one thread sends the queued messages in order.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/error.h"
#include "mail/mailer.h"

namespace pillars::mail {

struct SmtpSettings {
  std::string url;       // smtp://host:port (STARTTLS when offered) or smtps://host:port
  std::string from;      // the sender's address, e.g. pillars@example.org
  std::string user;      // empty: no authentication
  std::string password;
  bool require_tls = false;  // refuse to send over smtp:// without STARTTLS
  long timeout_seconds = 30;
};

// The message as RFC 5322 text, ready for SMTP (CRLF line ends, a Date, a Message-ID).
std::string format_message(const SmtpSettings& settings, const Message& message, long long unix_seconds,
                           const std::string& message_id);

// Why the settings cannot work, or an empty string.
std::string smtp_settings_problem(const SmtpSettings& settings);

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpSettings settings);
  ~SmtpMailer() override;  // sends what is queued, then stops
  SmtpMailer(const SmtpMailer&) = delete;
  SmtpMailer& operator=(const SmtpMailer&) = delete;

  void send(Message message) override;
  Counts counts() const override { return {sent_.load(), failed_.load()}; }

  // Sends one message now, on the caller's thread.
  Result<void> send_now(const Message& message) const;

 private:
  void run();

  SmtpSettings settings_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Message> queue_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> sent_{0}, failed_{0};
  std::thread thread_;
};

}  // namespace pillars::mail
