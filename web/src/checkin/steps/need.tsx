// Step 4: what would help most today.
import { needs } from '../../api';
import { Choices } from '../../ui/choices';
import { needWords } from '../words';
import type { StepProps } from './step';

const options = needs.map((n) => ({ value: n, label: needWords[n].name, hint: needWords[n].hint }));

export function NeedStep({ draft, patch, problems, settle, headingId }: StepProps) {
  const error = Object.values(problems)[0];
  return (
    <Choices
      id="need"
      look="card"
      labelledBy={headingId}
      describedBy={error ? 'need-error' : undefined}
      options={options}
      value={draft.need}
      invalid={Boolean(error)}
      onChange={(need) => {
        patch({ need });
        settle();
      }}
    >
      {error && (
        <p class="field__error" id="need-error">
          {error}
        </p>
      )}
    </Choices>
  );
}
