// The last step: a guess at the other's main feeling and how close they feel.
import { Choices } from '../../ui/choices';
import { ClosenessSlider } from '../closeness';
import type { StepProps } from './step';

export function GuessStep({ draft, patch, problems, settle, name, catalog }: StepProps) {
  const error = problems['guess.family'];
  return (
    <div class="stack">
      <p class="field__hint">A guess, nothing more. You will see how it compares once you have both checked in.</p>
      <Choices
        id="guess"
        name="guess-family"
        class="families-guess"
        legend={`What do you think ${name} is mostly feeling?`}
        describedBy={error ? 'guess-family-error' : undefined}
        options={catalog.feelings.families.map((f) => ({ value: f.id, label: f.name, labelClass: `pill__label--${f.id}` }))}
        value={draft.guessFamily}
        invalid={Boolean(error)}
        onChange={(guessFamily) => {
          patch({ guessFamily });
          settle();
        }}
      >
        {error && (
          <p class="field__error" id="guess-family-error">
            {error}
          </p>
        )}
      </Choices>
      <div>
        <p class="closeness__question" id="guess-closeness-label">
          How close do you think {name} feels right now?
        </p>
        <ClosenessSlider labelledBy="guess-closeness-label" value={draft.guessNow} onChange={(guessNow) => patch({ guessNow })} />
      </div>
    </div>
  );
}
