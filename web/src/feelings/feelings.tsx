// Feelings: the picker (families as groups, up to three words, each with how strong it is) and
// the small chips that show chosen feelings wherever an entry appears.
//
// A chosen word's strength opens right beneath the word itself, inside its family, so on a phone
// it appears where the person is looking (and is scrolled into view if it would not), and a polite
// live region says which strength the word starts at.
import { useEffect, useRef, useState } from 'preact/hooks';
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

/** "strongly (4 of 5)" */
const strengthText = (n: number) => `${intensityWords[n] ?? ''} (${n} of 5)`;

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

  // What the live region says, and the word whose strength has just opened (to bring it into view).
  const [said, setSaid] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  const root = useRef<HTMLFieldSetElement>(null);
  const nameOf = (word: string) => findWord(catalog, word)?.word.name ?? word;
  const strengthId = (word: string) => `${id}-strength-${word}`;

  const toggle = (word: string, on: boolean) => {
    const next = toggleWord(value, word, on, max);
    if (next === value) return;
    onChange(next);
    const name = nameOf(word);
    if (on) {
      const chosen = next.find((f) => f.word === word);
      setSaid(`Strength for ${name}: ${strengthText(chosen?.intensity ?? 3)}. You can change it just below the word.`);
      setOpened(word);
    } else {
      setSaid(`Removed ${name}.`);
    }
  };
  const setIntensity = (word: string, intensity: number) => onChange(withIntensity(value, word, intensity));

  // The strength of a word just chosen comes into view, clear of the sticky buttons and the tab bar
  // (its scroll-margin says how much room they take).
  useEffect(() => {
    if (!opened) return;
    root.current?.querySelector(`#${CSS.escape(strengthId(opened))}`)?.scrollIntoView({ block: 'nearest' });
    setOpened(null);
  }, [opened]);

  return (
    <fieldset
      ref={root}
      class={error ? 'picker picker--invalid' : 'picker'}
      aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
    >
      <legend class="picker__legend">{legend}</legend>
      <p class="field__hint" id={hintId}>
        {hint ? `${hint} ` : ''}
        {expanded ? '' : 'Open a family to see its words. '}
        {max === 1 ? 'Choose one word.' : `Choose up to ${max} words.`}{' '}
        {full ? 'To choose another, first remove one.' : ''}
      </p>
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>

      {value.length > 0 && (
        <ul class="plain-list picker__chosen" aria-label="Chosen">
          {value.map((f) => {
            const info = findWord(catalog, f.word);
            const name = info?.word.name ?? f.word;
            return (
              <li class="chosen" key={f.word}>
                <p class="chosen__word">
                  <strong>{name}</strong>
                  <span class="chosen__strength">, {strengthText(f.intensity)}</span>
                  {info?.word.description && <span class="chosen__desc"> — {info.word.description}</span>}
                </p>
                <button
                  type="button"
                  class="button button--quiet chosen__remove"
                  onClick={() => toggle(f.word, false)}
                  aria-label={`Remove “${name}”`}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
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
                options={family.words.map((word) => {
                  const picked = value.find((f) => f.word === word.id);
                  return {
                    value: word.id,
                    label: word.name,
                    disabled: !picked && full,
                    after: picked && (
                      <div class="strength" id={strengthId(word.id)}>
                        <Intensity
                          id={`${strengthId(word.id)}-n`}
                          word={word.name}
                          value={picked.intensity}
                          onChange={(n) => setIntensity(word.id, n)}
                        />
                      </div>
                    ),
                  };
                })}
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
