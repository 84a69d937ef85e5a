// The latest day both answered, as the two-circle picture each of them chose (after the scale of
// Aron, Aron and Smollan): for each member, their own circle, the other's where they felt it (filled)
// and where they would have liked it (dashed). Nobody's picture is set against the other's.
import { circleSeparation, R } from '../checkin/scale';
import { formatDay } from '../checkin/words';
import type { Balance } from './series';
import { balanceWords, label } from './words';

const PAD = 4;
const HEIGHT = 2 * (R + PAD);
/** Room for the circles at their farthest apart (1 on the scale). */
const WIDTH = 2 * (R + PAD) + circleSeparation(1);

/** The circle class of a person: the reader in one colour, the other in the second, everywhere. */
export const tone = (you: boolean) => (you ? 'one' : 'two');

/**
 * A member's picture: their own circle, the other's where it was felt and where it was wished for,
 * the three drawn as one group in the middle of the picture.
 */
function Picture({ you, now, wanted }: { you: boolean; now: number; wanted: number }) {
  const self = tone(you);
  const other = tone(!you);
  const reach = Math.max(circleSeparation(now), circleSeparation(wanted));
  const x = (WIDTH - (reach + 2 * R)) / 2 + R;
  return (
    <svg class="balance__picture" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
      <circle class={`balance__circle balance__circle--${self}`} cx={x} cy={HEIGHT / 2} r={R} />
      <circle class={`balance__circle balance__circle--${other}`} cx={x + circleSeparation(now)} cy={HEIGHT / 2} r={R} />
      <circle class={`balance__wish balance__wish--${other}`} cx={x + circleSeparation(wanted)} cy={HEIGHT / 2} r={R} />
    </svg>
  );
}

export function BalancePictures({ balance }: { balance: Balance }) {
  return (
    <section class="balance" aria-labelledby="balance-heading">
      <h3 id="balance-heading" class="balance__heading">
        Most recently, on {formatDay(balance.day)}
      </h3>
      <div class="balance__people">
        {balance.people.map(({ person, now, wanted }) => (
          <figure class="balance__one" key={person.id}>
            <Picture you={person.you} now={now} wanted={wanted} />
            <figcaption>
              <strong>{label(person)}</strong> {balanceWords(now, wanted)}
            </figcaption>
          </figure>
        ))}
      </div>
      <p class="balance__key muted" aria-hidden="true">
        <span class="balance__key-filled">Filled</span>: how close each felt.{' '}
        <span class="balance__key-dashed">Dashed</span>: how close each wished to be.
      </p>
    </section>
  );
}
