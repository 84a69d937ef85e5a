// Steps 2 and 3: how close you feel right now, and how close you would like to be.
import { ClosenessSlider } from '../closeness';
import type { StepProps } from './step';

export function NowStep({ draft, patch, headingId, hintId, name }: StepProps) {
  return (
    <>
      <p class="field__hint" id={hintId}>
        One circle is you, the other is {name}. Drag or tap along the line, or use the arrow keys.
      </p>
      <ClosenessSlider labelledBy={headingId} describedBy={hintId} value={draft.now} onChange={(now) => patch({ now })} />
    </>
  );
}

export function WantedStep({ draft, patch, headingId, hintId }: StepProps) {
  return (
    <>
      <p class="field__hint" id={hintId}>
        Not how it is, but how you would wish it. Right now you feel {draft.now} of 7; more, less or the
        same are all fine.
      </p>
      <ClosenessSlider labelledBy={headingId} describedBy={hintId} value={draft.wanted} onChange={(wanted) => patch({ wanted })} />
    </>
  );
}
