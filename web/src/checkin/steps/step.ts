// What every step of the check-in flow is given: the draft, a way to change it, and what the step
// still needs.
import type { Catalog } from '../../api';
import type { Draft } from '../draft';

export interface StepProps {
  draft: Draft;
  patch: (changes: Partial<Draft>) => void;
  /** What this step still needs, by field (found by Next, or refused by the server). */
  problems: Record<string, string>;
  /** Forgets the problems once the person has changed their answer. */
  settle: () => void;
  /** The step's question, which names it. */
  headingId: string;
  /** Its hint, where it has one. */
  hintId: string;
  /** The other person in the bond. */
  name: string;
  /** The bond, for a step that reads more of it (the affection step's shared wishes). */
  bondId: string;
  catalog: Catalog;
}
