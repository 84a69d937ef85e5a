// Step 1: one to three words for how you feel, each with how strong it is.
import { FeelingsPicker } from '../../feelings/feelings';
import type { StepProps } from './step';

export function FeelingsStep({ draft, patch, problems, settle, catalog }: StepProps) {
  const error = problems.feelings ?? problems[Object.keys(problems).find((k) => k.startsWith('feelings')) ?? ''];
  return (
    <FeelingsPicker
      id="checkin-feelings"
      catalog={catalog}
      value={draft.feelings}
      onChange={(feelings) => {
        patch({ feelings });
        if (feelings.length > 0) settle();
      }}
      legend="Words for it"
      hint="One to three words, and how strong each one is."
      error={error}
    />
  );
}
