// The reveal's gentle word: one short sentence on how the two answers meet (the server says which
// kind, and whose need it is from the viewer's side). Never a judgement: needing room is not
// turning away, wanting closeness is not asking too much, and comfort is something to give and
// to receive.
import type { Reflection } from '../api';

type Who = Reflection['who'];

const words: Record<Reflection['kind'], Record<Who, (name: string) => string>> = {
  comfort: {
    me: (name) => `You could use some comfort today. Letting ${name} look after you a little is part of being close.`,
    them: (name) => `${name} could use some comfort today. A little care from you can go a long way.`,
    both: (name) => `You and ${name} could both use some comfort today. Perhaps you can take turns looking after each other.`,
  },
  space_and_closeness: {
    me: (name) =>
      `You would like some room today, and ${name} some closeness. Time of your own is not a step away; saying when you will be back can help ${name} rest easy.`,
    them: (name) =>
      `${name} would like some room today, and you some closeness. Needing space is not a rejection; time apart can make coming back together warmer.`,
    both: (name) =>
      `You and ${name} each want some room and some closeness today. Both belong in a bond; there may be time for each.`,
  },
  both_closer: {
    me: (name) => `You would like to be closer to ${name} than you feel today. ${name} may be glad to hear it.`,
    them: (name) => `${name} would like to be closer to you than they feel today. Some time together may be welcome.`,
    both: (name) => `You and ${name} would both like to be closer than you feel today. Perhaps you can find a little time for each other.`,
  },
  both_space: {
    me: (name) => `You would like a little more room today. Time of your own keeps what you share with ${name} fresh.`,
    them: (name) => `${name} would like a little more room today. Time of one’s own is part of what keeps two people close.`,
    both: (name) => `You and ${name} would both like a little more room today. Time apart can make coming together deeper.`,
  },
};

/** The sentence for a revealed day's reflection, or null when there is none. */
export function reflectionText(reflection: Reflection | null | undefined, name: string): string | null {
  if (!reflection) return null;
  return words[reflection.kind]?.[reflection.who]?.(name) ?? null;
}
