// What is new, as plain rules: how a notice is said, how the list is grouped per bond, which
// notices the current address opens, and how the unread count is spoken (where a notice leads is
// ui/target.ts). whats-new.tsx draws it; the server decides what is listed.
import type { Bond, Notice, SpaceReply, SpaceRequest } from '../api';
import { spaceWhenWords } from '../bond/space';
import { noticeHref } from '../ui/target';

/** What a reply to a wish for time alone says, told to the one who asked. */
export const spaceReplyEcho: Record<SpaceReply, string> = {
  enjoy: 'enjoy it',
  of_course: 'of course',
  here_after: 'they will be here after',
};

/** What is known of a request for space, when it was fetched: when, and the reply. */
export type SpaceDetails = Pick<SpaceRequest, 'when' | 'reply'>;

/** A notice as one plain sentence, with the other's name; `space` adds when and the reply. */
export function noticeSentence(notice: Notice, name: string, space?: SpaceDetails): string {
  switch (notice.kind) {
    case 'entry_shared':
      return `${name} shared something with you`;
    case 'response_added':
      return `${name} responded to something you shared`;
    case 'appreciation_added':
      return `${name} sent you a warm word`;
    case 'comfort_requested':
      return notice.open === false ? `${name} asked for comfort, and you answered` : `${name} could use some comfort`;
    case 'comfort_answered':
      return `${name} answered when you asked for comfort`;
    case 'space_requested': {
      const when = space?.when ? ` ${spaceWhenWords[space.when].phrase}` : '';
      return notice.open === false
        ? `${name} asked for some time to themselves${when}, and you answered`
        : `${name} would like some time to themselves${when}`;
    }
    case 'space_answered':
      return space?.reply
        ? `${name} answered your wish for time to yourself: ${spaceReplyEcho[space.reply]}`
        : `${name} answered your wish for time to yourself`;
    case 'checkin_added':
      return `${name} has checked in; your answers will open both`;
    case 'checkin_revealed':
      return `You and ${name} have both checked in: see your day side by side`;
    case 'invite_accepted':
      return `${name} accepted your invitation, so you are connected now`;
    case 'bond_ended':
      return `Your bond with ${name} has ended`;
    case 'moment_added':
      return `${name} added a moment to your journey together`;
    case 'deck_answered':
      return `${name} answered a question for you both; yours will open them`;
    case 'deck_revealed':
      return `You and ${name} have both answered a question: read your answers side by side`;
  }
}

/** Whether a notice asks for an answer still: an open call for comfort or for space. */
export const isOpen = (notice: Notice): boolean => notice.open === true;

/** Which bonds' requests for space are worth fetching, to say when and the reply. */
export function bondsNeedingSpaceDetails(notices: readonly Notice[]): string[] {
  const kinds = new Set(['space_requested', 'space_answered']);
  return [...new Set(notices.filter((n) => kinds.has(n.kind)).map((n) => n.bond_id))];
}

export interface NewsGroup {
  bondId: string;
  /** The other person in the bond. */
  name: string;
  /** Open requests first, then unread, then newest (the server's order, kept). */
  items: Notice[];
  /** Seen and answered items left out until asked for. */
  earlier: Notice[];
}

/** How many items already seen a group shows before "Show earlier". */
export const SEEN_SHOWN = 3;

/**
 * The notices grouped per bond, in the order of the bonds' first notices (so a bond with an open
 * request, or something unread, comes first). Everything open or unread is shown; of the rest,
 * as many as fill the group up to SEEN_SHOWN, the others kept in `earlier`.
 */
export function groupNews(notices: readonly Notice[], bonds: readonly Bond[] | undefined): NewsGroup[] {
  const names = new Map((bonds ?? []).map((b) => [b.id, b.other.display_name]));
  const groups = new Map<string, Notice[]>();
  for (const n of notices) {
    const list = groups.get(n.bond_id);
    if (list) list.push(n);
    else groups.set(n.bond_id, [n]);
  }
  return [...groups].map(([bondId, all]) => {
    const pressing = all.filter((n) => isOpen(n) || !n.seen);
    const rest = all.filter((n) => !isOpen(n) && n.seen);
    const room = Math.max(0, SEEN_SHOWN - pressing.length);
    return {
      bondId,
      name: names.get(bondId) ?? 'Someone close to you',
      items: [...pressing, ...rest.slice(0, room)],
      earlier: rest.slice(room),
    };
  });
}

export function unreadCount(notices: readonly Notice[]): number {
  return notices.filter((n) => !n.seen).length;
}

/**
 * The unread notices the current address opens: the item itself (path and fragment), or for a
 * check-in or a bond the page. Opening the thing a notice speaks of marks it seen.
 */
export function openedBy(notices: readonly Notice[], pathname: string, hash: string): string[] {
  const here = pathname.replace(/\/+$/, '') + hash;
  return notices.filter((n) => !n.seen && noticeHref(n) === here).map((n) => n.id);
}

/** The same notices, those named marked seen. */
export function markedSeen(notices: readonly Notice[], ids: readonly string[] | 'all'): Notice[] {
  if (ids !== 'all' && ids.length === 0) return [...notices];
  const set = ids === 'all' ? null : new Set(ids);
  return notices.map((n) => (!n.seen && (set === null || set.has(n.id)) ? { ...n, seen: true } : n));
}
