// The question a reflection answers, shown above the answer wherever it is read (one's journal, the
// entry's page, a bond's shared space), so the words keep their context.
import type { Catalog } from '../api';
import { reflectionQuestion } from '../catalog';

export function Asked({ catalog, prompt }: { catalog: Catalog | undefined; prompt: string | null }) {
  const question = reflectionQuestion(catalog, prompt);
  if (!question) return null;
  return (
    <p class="asked">
      <span class="visually-hidden">The question: </span>
      {question.text}
    </p>
  );
}
