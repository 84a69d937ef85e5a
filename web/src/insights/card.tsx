// What every insight screen shares: a card with its title, its warm sentence, whatever it shows
// and one thing to try; and the picker of how far back to look, kept in the address.
import type { ComponentChildren } from 'preact';
import { Choices } from '../ui/choices';
import { navigate, useLocation } from '../router';
import type { CardText } from './words';
import { windowChoices, windowHref } from './window';

interface CardProps {
  /** The card's section id; its heading is `${id}-title`. */
  id: string;
  text: CardText;
  /** Spans the width of the grid (the closeness chart). */
  wide?: boolean;
  /** Shown between the sentence and the suggestion. */
  children?: ComponentChildren;
}

export function InsightCard({ id, text, wide, children }: CardProps) {
  const classes = ['card', 'insight', wide ? 'insight--wide' : '', text.waiting ? 'insight--waiting' : ''].filter(Boolean).join(' ');
  return (
    <section class={classes} id={id} aria-labelledby={`${id}-title`}>
      <h2 class="insight__title" id={`${id}-title`}>
        {text.title}
      </h2>
      <p class="insight__sentence">{text.sentence}</p>
      {children}
      {text.suggestion && (
        <p class="insight__try">
          <span class="insight__try-label">Something to try</span> {text.suggestion}
        </p>
      )}
    </section>
  );
}

/** How far back to look: a week, a month, three months or a year, as ?days= in the address. */
export function WindowPicker({ days }: { days: number }) {
  const { pathname, search } = useLocation();
  return (
    <Choices
      id="window"
      class="insights__window"
      legend="Looking back over"
      options={windowChoices.map((w) => ({ value: w.days, label: w.label }))}
      value={windowChoices.some((w) => w.days === days) ? days : null}
      onChange={(next) => navigate(windowHref(pathname, search, next), { replace: true })}
    />
  );
}
