// A screen's code is fetched when the screen is first opened. After a new release that file may be
// gone from the server (its name carries a hash of its content). When fetching it fails, this asks
// the server for the shell: if the shell now loads a different entry file, this page is of an older
// release, and reloading once brings the new one. Once per release, so a file that is really
// missing cannot make the page reload again and again.

const RELOADED = 'pillars-reloaded-for';

/** The entry script `html` loads ("/assets/index-Ab12Cd34.js"), or null. */
export function entryOf(html: string): string | null {
  return /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1] ?? null;
}

/**
 * Resolves true when a newer release is being loaded (the page reloads), false when the failure is
 * something else (offline, the server busy) and the screen should say so.
 */
export async function reloadIfReleased(): Promise<boolean> {
  const mine = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.getAttribute('src');
  if (!mine || !navigator.onLine) return false;
  let html: string;
  try {
    // "/", not "/index.html": the service worker keeps the latter, and this must ask the server.
    const response = await fetch('/', { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return false;
    html = await response.text();
  } catch {
    return false;
  }
  const current = entryOf(html);
  if (!current || current === mine) return false;
  try {
    if (sessionStorage.getItem(RELOADED) === current) return false;
    sessionStorage.setItem(RELOADED, current);
  } catch {
    return false; // without storage a reload could repeat; the screen offers "Try again" instead
  }
  window.location.reload();
  return true;
}
