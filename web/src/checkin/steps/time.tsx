// Step 5: time to yourself and time together so far today, each a quick pick or a number of minutes.
import { Choices } from '../../ui/choices';
import type { Minutes } from '../draft';
import { MINUTES_MAX, formatMinutes, minutePicks, minutesLabel } from '../words';
import type { StepProps } from './step';

const options = [
  ...minutePicks.map((n) => ({
    value: n as number | 'other',
    label: (
      <>
        <span aria-hidden="true">{minutesLabel(n)}</span>
        <span class="visually-hidden">{formatMinutes(n)}</span>
      </>
    ),
  })),
  { value: 'other' as const, label: 'Other' },
];

function MinutesField({
  id,
  legend,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  value: Minutes;
  onChange: (value: Minutes) => void;
  error?: string | undefined;
}) {
  const customId = `${id}-custom`;
  const errorId = `${id}-error`;
  return (
    <Choices
      id={id}
      class="minutes"
      legend={legend}
      describedBy={error ? errorId : undefined}
      options={options}
      value={value.pick}
      onChange={(pick) => onChange({ ...value, pick })}
    >
      {value.pick === 'other' && (
        <div class={error ? 'field field--invalid minutes__custom' : 'field minutes__custom'}>
          <label for={customId}>Minutes</label>
          <input
            id={customId}
            class="input input--minutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={MINUTES_MAX}
            step={1}
            value={value.custom}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? errorId : undefined}
            onInput={(e) => onChange({ ...value, custom: e.currentTarget.value })}
          />
        </div>
      )}
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
    </Choices>
  );
}

export function TimeStep({ draft, patch, problems, name, hintId }: StepProps) {
  return (
    <div class="stack">
      <p class="field__hint" id={hintId}>
        From when you woke until now, not what is still planned. A rough guess is plenty.
      </p>
      <MinutesField
        id="own-minutes"
        legend="Time to yourself"
        value={draft.own}
        onChange={(own) => patch({ own })}
        error={problems.own_minutes}
      />
      <MinutesField
        id="together-minutes"
        legend={`Time together with ${name}`}
        value={draft.together}
        onChange={(together) => patch({ together })}
        error={problems.together_minutes}
      />
    </div>
  );
}
