// Plain rules of the reflections screen: which answer belongs to the question offered, what an
// answer needs before it is kept, whom the link to sharing names, and when the next question comes.
import type { Bond, Entry } from '../api';
import { formatDay } from '../checkin/words';
import { listSaid } from '../format';
import { entryProblem } from '../inner/entries';

/** One's answer to the question `id`, if there is one. */
export function answerTo(answers: readonly Entry[], id: string | undefined): Entry | undefined {
  return id === undefined ? undefined : answers.find((a) => a.prompt === id);
}

/** Why an answer cannot be kept as it is, or null when it can. */
export function answerProblem(body: string): string | null {
  if (!body.trim()) return 'Write a few words first. A line is enough.';
  return entryProblem([], body);
}

/**
 * The words of the link to an answer's page, where it can be shared: "Share it with Ben", "Share
 * it with Ben or Carla" for those it is not yet shared with; once it is shared with every active
 * bond, "Change who can see it". Null when there is nobody to share with and nothing shared.
 */
export function shareLinkText(answer: Entry, bonds: readonly Bond[] | undefined): string | null {
  const notYet = (bonds ?? []).filter((b) => b.status === 'active' && !answer.shared_with.includes(b.id));
  if (notYet.length > 0) {
    const names = notYet.map((b) => b.other.display_name);
    return `Share it with ${names.length > 3 ? 'someone you are close to' : listSaid(names, 'or')}`;
  }
  return answer.shared_with.length > 0 ? 'Change who can see it' : null;
}

const dayNumber = (day: string): number => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000;
};

/** When the next question comes, after "Your next question arrives": "tomorrow", "on Friday 12 December". */
export function nextSaid(next: string, today: string): string {
  const days = dayNumber(next) - dayNumber(today);
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `on ${formatDay(next)}`;
}
