// Feelings: the picker (families as groups, up to three words, each with how strong it is) and
// the small chips that show chosen feelings wherever an entry appears.
import { useState } from 'preact/hooks';
import type { Catalog, Feeling, FeelingInput } from '../api';
import { familiesIn, findWord, intensityWords, wordName } from '../catalog';
import { Choices } from '../ui/choices';
import './feelings.css';
import { toggleWord, withIntensity } from './picks';

/** "hurt, strongly (4 of 5)" chips; the words are the catalog's names. */
export function FeelingChips({ feelings, catalog }: { feelings: Feeling[] | FeelingInput[]; catalog: Catalog | undefined }) {
  if (feelings.length === 0) return null;
  return (
    <ul class="feeling-chips" aria-label="Feelings">
      {feelings.map((f) => {
        const family = 'family' in f ? f.family : catalog ? findWord(catalog, f.word)?.family.id : undefined;
        return (
          <li key={f.word} class={family ? `feeling-chip feeling-chip--${family}` : 'feeling-chip'}>
            <span class="feeling-chip__word">{wordName(catalog, f.word)}</span>
            <span class="feeling-chip__level" aria-hidden="true">
              {[1, 2, 3, 4, 5].map((n) => (
                <span key={n} class={n <= f.intensity ? 'dot dot--on' : 'dot'} />
              ))}
            </span>
            <span class="visually-hidden">
              , {intensityWords[f.intensity] ?? ''} ({f.intensity} of 5)
            </span>
          </li>
        );
      })}
    </ul>
  );
}

interface IntensityProps {
  id: string;
  word: string;
  value: number;
  onChange: (value: number) => void;
}

const strengths = [1, 2, 3, 4, 5].map((n) => ({
  value: n,
  label: (
    <>
      {n}
      <span class="visually-hidden">, {intensityWords[n]}</span>
    </>
  ),
}));

/** Five radio buttons: arrow keys move between them, and each says how strong it means. */
export function Intensity({ id, word, value, onChange }: IntensityProps) {
  return (
    <Choices id={id} class="intensity" legend={`How strong is “${word}”?`} options={strengths} value={value} onChange={onChange}>
      <p class="intensity__ends" aria-hidden="true">
        <span>{intensityWords[1]}</span>
        <span>{intensityWords[5]}</span>
      </p>
    </Choices>
  );
}

interface PickerProps {
  /** Prefix for element ids, so two pickers can share a page. */
  id: string;
  catalog: Catalog;
  value: FeelingInput[];
  onChange: (value: FeelingInput[]) => void;
  /** How many words may be chosen in this picker. */
  max?: number;
  /** Only these families, in this order; all of them when absent. */
  families?: string[];
  /** Start with every family open (otherwise only those holding a chosen word). */
  expanded?: boolean;
  legend: string;
  hint?: string;
  error?: string | undefined;
}

export function FeelingsPicker({
  id,
  catalog,
  value,
  onChange,
  max = 3,
  families,
  expanded = false,
  legend,
  hint,
  error,
}: PickerProps) {
  const shown = familiesIn(catalog, families);
  const chosen = new Set(value.map((f) => f.word));
  const [openFamilies, setOpenFamilies] = useState<Set<string>>(
    () =>
      new Set(
        expanded
          ? shown.map((f) => f.id)
          : value.map((f) => findWord(catalog, f.word)?.family.id).filter((f): f is string => Boolean(f)),
      ),
  );
  const full = value.length >= max;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const toggle = (word: string, on: boolean) => {
    const next = toggleWord(value, word, on, max);
    if (next !== value) onChange(next);
  };
  const setIntensity = (word: string, intensity: number) => onChange(withIntensity(value, word, intensity));

  return (
    <fieldset
      class={error ? 'picker picker--invalid' : 'picker'}
      aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
    >
      <legend class="picker__legend">{legend}</legend>
      <p class="field__hint" id={hintId}>
        {hint ? `${hint} ` : ''}
        {expanded ? '' : 'Open a family to see its words. '}
        {max === 1 ? 'Choose one word.' : `Choose up to ${max} words.`}{' '}
        {full ? 'To choose another, first let one go.' : ''}
      </p>
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}

      {value.length > 0 && (
        <div class="picker__chosen">
          {value.map((f) => {
            const info = findWord(catalog, f.word);
            const name = info?.word.name ?? f.word;
            return (
              <div class="chosen" key={f.word}>
                <div class="chosen__head">
                  <p class="chosen__word">
                    <strong>{name}</strong>
                    {info?.word.description && <span class="chosen__desc"> — {info.word.description}</span>}
                  </p>
                  <button
                    type="button"
                    class="button button--quiet chosen__remove"
                    onClick={() => toggle(f.word, false)}
                    aria-label={`Let go of “${name}”`}
                  >
                    Let go
                  </button>
                </div>
                <Intensity
                  id={`${id}-strength-${f.word}`}
                  word={name}
                  value={f.intensity}
                  onChange={(n) => setIntensity(f.word, n)}
                />
              </div>
            );
          })}
        </div>
      )}

      <div class="families">
        {shown.map((family) => {
          const nameId = `${id}-fam-${family.id}`;
          const count = value.filter((f) => family.words.some((w) => w.id === f.word)).length;
          return (
            <details
              class="family"
              key={family.id}
              open={openFamilies.has(family.id)}
              onToggle={(e) => {
                const isOpen = (e.currentTarget as HTMLDetailsElement).open;
                setOpenFamilies((old) => {
                  if (old.has(family.id) === isOpen) return old;
                  const next = new Set(old);
                  if (isOpen) next.add(family.id);
                  else next.delete(family.id);
                  return next;
                });
              }}
            >
              <summary class="family__summary">
                <span class="family__name" id={nameId}>
                  {family.name}
                </span>
                {count > 0 && <span class="family__count">{count} chosen</span>}
                <span class="family__desc" id={`${nameId}-desc`}>
                  {family.description}
                </span>
              </summary>
              <Choices
                id={`${id}-w`}
                multiple
                class="words"
                labelledBy={nameId}
                describedBy={`${nameId}-desc`}
                options={family.words.map((word) => ({ value: word.id, label: word.name, disabled: !chosen.has(word.id) && full }))}
                value={value.map((f) => f.word)}
                onChange={toggle}
              />
            </details>
          );
        })}
      </div>
    </fieldset>
  );
}
