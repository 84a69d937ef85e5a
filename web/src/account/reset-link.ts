// The key a reset link carries: `<origin>/reset-password#<key>`. It sits after the "#", so it
// never reaches a server log or a Referer; the screen reads it once and clears it from the address.

/**
 * The key a reset link carries after its "#": letters, digits, "-" and "_" only (as the server
 * makes them). Anything else, or nothing, is null.
 */
export function tokenFromHash(hash: string): string | null {
  let token = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    token = decodeURIComponent(token).trim();
  } catch {
    return null;
  }
  return /^[A-Za-z0-9_-]{16,512}$/.test(token) ? token : null;
}
