// Sending email: only the password-reset link, and only when the operator configured an SMTP server.
// The interface is all the API sees; smtp.h is the one implementation (libcurl).
#pragma once

#include <cstdint>
#include <string>

namespace pillars::mail {

struct Message {
  std::string to;
  std::string subject;
  std::string text;  // plain text, lines ending in \n
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Queues the message and returns at once: the caller never waits for a mail server, so how long
  // a request takes tells nothing about whether a message went out. Failures go to the log,
  // without the address or the text.
  virtual void send(Message message) = 0;

  struct Counts {
    std::uint64_t sent = 0;
    std::uint64_t failed = 0;  // the server refused or could not be reached, or the queue was full
  };
  // Messages sent and failed since start, for /metrics.
  virtual Counts counts() const { return {}; }
};

}  // namespace pillars::mail
