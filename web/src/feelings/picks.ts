// What the feelings picker does to its value, as plain functions: choosing and removing a
// word (never more than `max`), and how strong each one is.
import type { FeelingInput } from '../api';

/** A newly chosen word starts in the middle of the scale. */
export const DEFAULT_INTENSITY = 3;

/** The value with `word` chosen (when there is room) or removed. */
export function toggleWord(value: FeelingInput[], word: string, on: boolean, max: number): FeelingInput[] {
  const has = value.some((f) => f.word === word);
  if (on) return has || value.length >= max ? value : [...value, { word, intensity: DEFAULT_INTENSITY }];
  return has ? value.filter((f) => f.word !== word) : value;
}

export function withIntensity(value: FeelingInput[], word: string, intensity: number): FeelingInput[] {
  return value.map((f) => (f.word === word ? { ...f, intensity } : f));
}
