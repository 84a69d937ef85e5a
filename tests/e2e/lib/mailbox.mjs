// A mailbox for the browser tests: the smallest SMTP server that takes what a Pillars server sends
// (EHLO, MAIL, RCPT, DATA, QUIT; no TLS, no login) and keeps each message's text, so a test can
// follow the link in a password-reset email. Listens on 127.0.0.1 only.

import net from 'node:net';

/** Headers and body of a message, the body decoded from quoted-printable or base64 when so marked. */
export function readMessage(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  let body = split >= 0 ? raw.slice(split + 4) : '';
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(body, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { headers, body };
}

/** Starts the mailbox; resolves to { port, messages, next(timeoutMs), close() }. */
export async function startMailbox() {
  const messages = []; // { from, to: [], raw, headers, body }
  const waiting = [];
  let taken = 0;
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [], raw: '' };
    const say = (line) => socket.write(`${line}\r\n`);
    say('220 mailbox.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          // A line starting with "." was sent with the dot doubled.
          current.raw = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
          buffer = buffer.slice(end + 5);
          inData = false;
          const message = { ...current, ...readMessage(current.raw) };
          messages.push(message);
          waiting.splice(0, 1).forEach((take) => take());
          current = { from: '', to: [], raw: '' };
          say('250 2.0.0 kept');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          say('250-mailbox.test');
          say('250 8BITMIME');
        } else if (verb === 'HELO') say('250 mailbox.test');
        else if (verb === 'MAIL') {
          current.from = line.slice(line.indexOf(':') + 1).trim();
          say('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          current.to.push(line.slice(line.indexOf(':') + 1).trim());
          say('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 go on');
        } else if (verb === 'QUIT') {
          say('221 2.0.0 bye');
          socket.end();
          return;
        } else if (verb === 'RSET' || verb === 'NOOP') say('250 ok');
        else say('502 5.5.1 not here');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    messages,
    /** The next message not yet taken: one already here, or the next to arrive. */
    next(timeoutMs = 10_000) {
      if (messages.length > taken) return Promise.resolve(messages[taken++]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no email within ${timeoutMs} ms`)), timeoutMs);
        waiting.push(() => {
          clearTimeout(timer);
          resolve(messages[taken++]);
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
