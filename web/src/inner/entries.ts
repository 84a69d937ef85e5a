// Plain rules about entries: how long they may be, what a form needs before it is sent, who can
// see one, whether the look beneath anger still fits, and a short excerpt for lists.
import type { Bond, Entry, FeelingInput } from '../api';
import { beneathAnger, countChars } from '../catalog';
import { listSaid } from '../format';

export const MAX_BODY = 20000;

/** Why an entry cannot be kept as it is, or null when it can. */
export function entryProblem(feelings: FeelingInput[], body: string): string | null {
  const chars = countChars(body);
  if (feelings.length === 0 && !body.trim()) return 'Choose a feeling or write a few words first; either one is enough.';
  if (chars > MAX_BODY) {
    return `This is ${(chars - MAX_BODY).toLocaleString()} characters over the limit. Shorten it a little, or split it in two.`;
  }
  return null;
}

/** True when the look beneath anger still has something to offer for this entry. */
export function wantsLookBeneath(entry: Entry): boolean {
  return entry.follow_up === 'look_beneath_anger' && !entry.feelings.some((f) => beneathAnger.includes(f.family));
}

/** "Only you can see this", "Ben can see this", "Ben and Carla can see this". */
export function whoCanSee(sharedWith: string[], bonds: Bond[] | undefined): string {
  const names = sharedWith.map((id) => bonds?.find((b) => b.id === id)?.other.display_name ?? 'someone you are bonded with');
  if (names.length === 0) return 'Only you can see this.';
  return `${listSaid(names)} can see this.`;
}

/** The first words of a body, cut at a word boundary. */
export function excerpt(body: string, length = 160): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (countChars(text) <= length) return text;
  const cut = Array.from(text).slice(0, length).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
