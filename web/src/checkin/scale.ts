// The closeness scale's geometry and keys as plain functions: where the circles and the ticks are
// drawn, which value a point along the track means, and where each key moves the slider.
import { CLOSENESS_MAX, CLOSENESS_MIN } from './words';

// Drawing coordinates (viewBox 240 wide). Circles of radius 34 sit on y = 46; the distance
// between their centres for each point of the scale: 68 is just touching, less overlaps.
export const WIDTH = 240;
export const R = 34;
export const CY = 46;
const separation = [0, 172, 132, 98, 68, 46, 28, 12];
// The track under the circles runs from x = 20 to x = 220, one tick per point.
export const TRACK_LEFT = 20;
export const TRACK_RIGHT = 220;
export const TRACK_Y = 110;

/** The nearest whole point of the scale, kept within it. */
export const clampCloseness = (n: number): number => Math.min(CLOSENESS_MAX, Math.max(CLOSENESS_MIN, Math.round(n)));

/** Where the tick for `value` sits along the track. */
export const tickX = (value: number): number =>
  TRACK_LEFT + ((value - CLOSENESS_MIN) * (TRACK_RIGHT - TRACK_LEFT)) / (CLOSENESS_MAX - CLOSENESS_MIN);

/** How far apart the two circles' centres are drawn for `value`: 68 just touching, less overlapping. */
export const circleSeparation = (value: number): number => separation[clampCloseness(value)] ?? 68;

/** The centres of the two circles drawn for `value`. */
export function circleCentres(value: number): [number, number] {
  const half = circleSeparation(value) / 2;
  return [WIDTH / 2 - half, WIDTH / 2 + half];
}

/** The value at drawing coordinate `x` (a tap or drag along the track). */
export function valueAtX(x: number): number {
  const fraction = (x - TRACK_LEFT) / (TRACK_RIGHT - TRACK_LEFT);
  return clampCloseness(CLOSENESS_MIN + fraction * (CLOSENESS_MAX - CLOSENESS_MIN));
}

/** Where `key` moves the slider from `value`, within the scale; undefined for other keys. */
export function keyMove(key: string, value: number): number | undefined {
  const moves: Record<string, number> = {
    ArrowRight: value + 1,
    ArrowUp: value + 1,
    PageUp: value + 2,
    ArrowLeft: value - 1,
    ArrowDown: value - 1,
    PageDown: value - 2,
    Home: CLOSENESS_MIN,
    End: CLOSENESS_MAX,
  };
  const next = moves[key];
  return next === undefined ? undefined : clampCloseness(next);
}
