// The words of asking for time to oneself, and of answering: kind on both sides, never a
// rejection. Plain data and small functions; space.tsx draws them.
import type { SpaceReply, SpaceRequest, SpaceWhen } from '../api';

export const spaceWhens: readonly SpaceWhen[] = ['now', 'tonight', 'tomorrow'];

/** Each "when": a word for the choice, and how it reads inside a sentence. */
export const spaceWhenWords: Record<SpaceWhen, { label: string; phrase: string }> = {
  now: { label: 'Now', phrase: 'now' },
  tonight: { label: 'Tonight', phrase: 'tonight' },
  tomorrow: { label: 'Tomorrow', phrase: 'tomorrow' },
};

/** The gentle replies, in the order offered: what the button says. */
export const spaceReplies: readonly SpaceReply[] = ['enjoy', 'of_course', 'here_after'];

export const spaceReplyWords: Record<SpaceReply, string> = {
  enjoy: 'Enjoy it',
  of_course: 'Of course',
  here_after: 'I’ll be here after',
};

const whenPhrase = (when: SpaceWhen | null) => (when ? ` ${spaceWhenWords[when].phrase}` : '');

/** The request's first line, from either side: "Ben would like some time to themselves tonight". */
export function spaceHeadline(request: Pick<SpaceRequest, 'mine' | 'when'>, name: string): string {
  return request.mine
    ? `You’d like some time to yourself${whenPhrase(request.when)}`
    : `${name} would like some time to themselves${whenPhrase(request.when)}`;
}

/** The reply, as the asker or the one who answered reads it. */
export function spaceReplyLine(request: Pick<SpaceRequest, 'mine' | 'reply'>, name: string): string {
  const said = request.reply ? `“${spaceReplyWords[request.reply]}”` : 'yes, with love';
  return request.mine ? `${name} said ${said}` : `You said ${said}`;
}

/** Said aloud once a request is sent, and once a reply is. */
export const spaceAskedNotice = (name: string) => `Sent. ${name} knows you’d like some time to yourself.`;
export const spaceAnsweredNotice = (name: string) => `Sent. ${name} can enjoy the time with an easy heart.`;

/** The hint beside the question: why asking is a good thing to do. */
export const spaceAskHint = (name: string) =>
  `Time of your own is part of being close, not a step away from ${name}. Say when, and a word if you like.`;

/** Beside a request that waits for an answer. */
export const spaceAnswerHint = (name: string) =>
  `A warm word back lets ${name} take the time without worrying about you.`;
