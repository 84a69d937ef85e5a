// Where focus goes when the screen changes: to the new screen's heading, so a screen reader says
// where the person is. A screen whose code is still on its way (see lazy.tsx) has no heading yet;
// its heading takes focus when it arrives, unless the person has moved focus themselves meanwhile.

/** The element that had focus when a heading was owed, or null when none is owed. */
let owedFrom: Element | null = null;

/** Puts focus on the screen's heading; without one, it is owed to the heading that comes. */
export function focusHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading) {
    owedFrom = null;
    heading.focus();
  } else {
    oweHeading();
  }
}

/** The next heading to arrive takes focus (say, after "Try again" when the button goes away). */
export function oweHeading(): void {
  owedFrom = document.activeElement ?? document.body;
}

/** A screen arrived: its heading takes the focus it was owed, if the person has not moved it. */
export function headingArrived(): void {
  if (!owedFrom) return;
  const stayed = document.activeElement === owedFrom || document.activeElement === document.body;
  owedFrom = null;
  if (stayed) document.querySelector<HTMLElement>('main h1')?.focus();
}
