// The affection step (partner bonds, for someone who turned it on): two optional ticks.
import { Choices } from '../../ui/choices';
import type { StepProps } from './step';

type Tick = 'affection' | 'lovemaking';

const options = [
  { value: 'affection' as Tick, label: 'We were affectionate', hint: 'A hug, a kiss, a hand held, a moment close.' },
  { value: 'lovemaking' as Tick, label: 'We made love', hint: 'Just for the two of you to notice, over time.' },
];

export function AffectionStep({ draft, patch, problems, headingId, hintId, name }: StepProps) {
  const error = Object.values(problems)[0];
  return (
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
  );
}
