// The two needs drawn calmly: each need's name and score in words, and where the score sits on a
// line from the scale's lowest point to its highest. The line is for the eyes; the words say it all.
import type { NeedId, NeedsScores, NeedsWords } from '../api';
import { needIds } from '../api';
import { formatDate } from '../format';
import { scaleAt, scoreSaid } from './profile';

const W = 300;
const PAD = 10;

function Line({ words, need, score }: { words: NeedsWords; need: NeedId; score: number }) {
  const points = Array.from({ length: words.scale.max - words.scale.min + 1 }, (_, i) => words.scale.min + i);
  return (
    <svg class="need__line" viewBox={`0 0 ${W + 2 * PAD} 24`} aria-hidden="true" focusable="false">
      <line class="need__track" x1={PAD} y1="12" x2={W + PAD} y2="12" />
      {points.map((p) => (
        <circle key={p} class="need__tick" cx={PAD + scaleAt(words, p, W)} cy="12" r="2.5" />
      ))}
      <circle class={`need__mark need__mark--${need}`} cx={PAD + scaleAt(words, score, W)} cy="12" r="8" />
    </svg>
  );
}

/**
 * A result's two needs. `bands` adds the sentence for each need's band: it speaks to "you", so it
 * is only for one's own result.
 */
export function NeedScales({ words, result, bands }: { words: NeedsWords; result: NeedsScores; bands?: boolean }) {
  return (
    <div class="needs-scales">
      {needIds.map((need) => (
        <div class="need" key={need}>
          <p class="need__head">
            <span class="need__name">{words.needs[need].name}</span>{' '}
            <span class="need__score">
              {scoreSaid(result[need])} <span class="muted">of {words.scale.max}</span>
            </span>
          </p>
          <Line words={words} need={need} score={result[need]} />
          {bands && <p class="need__band">{words.needs[need].bands[result.bands[need]]}</p>}
        </div>
      ))}
    </div>
  );
}

/** "Answered on 3 March 2026". */
export const AnsweredOn = ({ result }: { result: NeedsScores }) => (
  <p class="need__when muted">
    Answered on <time dateTime={result.taken_at}>{formatDate(result.taken_at)}</time>
  </p>
);
