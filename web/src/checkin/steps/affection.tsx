// The affection step (partner bonds, for someone who turned it on): two optional ticks, and the
// shared wishes of the affection menu lived today (the ones both said yes or maybe to).
import { api } from '../../api';
import { useResource } from '../../hooks';
import { Link } from '../../router';
import { Choices } from '../../ui/choices';
import { menusHref } from '../../ui/target';
import { WISHES_MAX, withWish } from '../draft';
import { affectionWishes } from '../wishes';
import type { StepProps } from './step';

type Tick = 'affection' | 'lovemaking';

const options = [
  { value: 'affection' as Tick, label: 'We were affectionate', hint: 'A hug, a kiss, a hand held, a moment close.' },
  { value: 'lovemaking' as Tick, label: 'We made love', hint: 'Just for the two of you to notice, over time.' },
];

export function AffectionStep({ draft, patch, problems, headingId, hintId, name, bondId, catalog }: StepProps) {
  const error = problems.affection ?? problems.lovemaking;
  const shared = useResource(() => Promise.all([api.menuMatches(bondId), api.menus(bondId)]), [bondId]);
  const wishes = shared.data ? affectionWishes(catalog, shared.data[0], shared.data[1].suggestions) : [];
  // A wish named before that is no longer shared still shows, so it can be taken back.
  const kept = draft.wishes.filter((id) => !wishes.some((w) => w.id === id));
  const offered = [...wishes, ...kept.map((id) => ({ id, text: 'A wish you no longer both share' }))];
  const full = draft.wishes.length >= WISHES_MAX;
  return (
    <>
      <Choices
        id="tick"
        look="card"
        multiple
        labelledBy={headingId}
        describedBy={hintId}
        options={options}
        value={options.map((o) => o.value).filter((tick) => draft[tick])}
        onChange={(tick, checked) => patch(tick === 'affection' ? { affection: checked } : { lovemaking: checked })}
        before={
          <p class="field__hint" id={hintId}>
            Both are optional. {name} sees them once you have both checked in today, and only if {name} has
            turned affection on too; otherwise they stay yours alone.
          </p>
        }
      >
        {error && <p class="field__error">{error}</p>}
      </Choices>
      {offered.length > 0 ? (
        <Choices
          id="wish"
          class="checkin-wishes"
          multiple
          legend="Any of the wishes you share?"
          describedBy="wish-hint"
          options={offered.map((w) => ({ value: w.id, label: w.text, disabled: full && !draft.wishes.includes(w.id) }))}
          value={draft.wishes}
          onChange={(id, checked) => patch(withWish(draft, String(id), checked))}
          invalid={problems.wishes !== undefined}
          before={
            <p class="field__hint" id="wish-hint">
              From the affection you both said you would like. Up to {WISHES_MAX}; naming one ticks “We were
              affectionate”.
            </p>
          }
        >
          {problems.wishes && <p class="field__error">{problems.wishes}</p>}
        </Choices>
      ) : (
        shared.data && (
          <p class="field__hint checkin-wishes__none">
            <Link href={menusHref(bondId)}>Wishes</Link> shows what you would both like, once you have both said so.
          </p>
        )
      )}
    </>
  );
}
