// Notifications, the parts that need no browser: whether this device can take pushes, the key in
// the form the browser wants, and the words of the settings.
import type { NotifySettings } from '../api';

/** Where this browser stands for pushes. */
export type PushSupport = 'supported' | 'install-first' | 'unsupported';

export interface PushEnvironment {
  serviceWorker: boolean;
  pushManager: boolean;
  notification: boolean;
  userAgent: string;
  standalone: boolean;
}

/** iPhones and iPads take pushes only from an app added to the Home Screen. */
export function pushSupport(env: PushEnvironment): PushSupport {
  if (env.serviceWorker && env.pushManager && env.notification) return 'supported';
  const apple = /iPhone|iPad|iPod/.test(env.userAgent) || (/Macintosh/.test(env.userAgent) && /Mobile/.test(env.userAgent));
  return apple && !env.standalone ? 'install-first' : 'unsupported';
}

/** The server's public key (base64url) as the bytes PushManager.subscribe takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const text = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Whether a subscription was made with this key (a new server key needs a new subscription). */
export function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a) return false;
  const x = new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

/** A sentence of what is on, for the top of the page. */
export function settingsSummary(s: NotifySettings, deviceOn: boolean): string {
  if (!deviceOn) return 'Notifications are off on this device.';
  const parts: string[] = [];
  if (s.reminder) parts.push(`a check-in reminder at ${s.reminder}`);
  if (s.events) parts.push('a note when something new is waiting');
  const quiet = s.quiet_from && s.quiet_to ? `, and nothing from ${s.quiet_from} to ${s.quiet_to}` : '';
  if (parts.length === 0) return `Notifications are on here, but nothing is chosen to arrive${quiet}.`;
  return `On this device: ${parts.join(' and ')}${quiet}.`;
}

const DEVICE_KEY = 'pillars.push-device';

/** The id the server gave this browser's device, kept so it can be turned off here. */
export function rememberedDevice(storage: Pick<Storage, 'getItem'>): string | null {
  try {
    return storage.getItem(DEVICE_KEY);
  } catch {
    return null;
  }
}

export function rememberDevice(storage: Pick<Storage, 'setItem' | 'removeItem'>, id: string | null): void {
  try {
    if (id) storage.setItem(DEVICE_KEY, id);
    else storage.removeItem(DEVICE_KEY);
  } catch {
    // Private browsing without storage: the device can still be removed from the list below.
  }
}
