// The closeness chart: felt and wanted for both members over the window, drawn with uPlot (loaded
// when first needed). The picture is hidden from screen readers; "Show as a table" gives the same
// numbers as a real table, with a caption and headers, for anyone who prefers reading them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { CLOSENESS_MAX } from '../checkin/words';
import type { Plot } from './plot';
import { chartRange, tableDay, tableRows, type ClosenessSeries, type Line } from './series';
import { tone } from './balance';
import { label } from './words';

/** The chart's height: a little taller where there is room. */
const heightFor = (width: number) => (width < 480 ? 210 : 260);

function lookOf(el: HTMLElement) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    one: v('--circle-one'),
    two: v('--circle-two'),
    surface: v('--surface'),
    text: v('--muted'),
    grid: v('--border'),
    font: css.fontFamily,
  };
}

const kindName = (line: Line) => (line.kind === 'now' ? 'felt' : 'wanted');
const lineName = (line: Line) => `${label(line.person)}: ${kindName(line)}`;

function Key({ lines }: { lines: Line[] }) {
  return (
    <ul class="chart__key plain-list">
      {lines.map((line) => (
        <li key={`${line.person.id}-${line.kind}`}>
          <svg class={`chart__swatch chart__swatch--${tone(line.person.you)} chart__swatch--${line.kind}`} viewBox="0 0 28 10" focusable="false">
            <line x1="1" y1="5" x2="27" y2="5" />
            <circle cx="14" cy="5" r="3.5" />
          </svg>
          {lineName(line)}
        </li>
      ))}
    </ul>
  );
}

function Picture({ series, from, to }: { series: ClosenessSeries; from: string; to: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: Plot | null = null;
    let gone = false;
    const size = () => ({ width: el.clientWidth, height: heightFor(el.clientWidth) });
    const draw = async () => {
      try {
        const { drawCloseness } = await import('./plot');
        if (gone) return;
        plot?.destroy();
        plot = drawCloseness(el, series, chartRange(series, from, to), lookOf(el), size());
      } catch {
        if (!gone) setFailed(true);
      }
    };
    void draw();
    const resized = new ResizeObserver(() => {
      const { width, height } = size();
      if (width > 0) plot?.resize(width, height);
    });
    resized.observe(el);
    // Light and dark: the canvas keeps the colours it was drawn with, so it is drawn again.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const redraw = () => void draw();
    scheme.addEventListener('change', redraw);
    return () => {
      gone = true;
      resized.disconnect();
      scheme.removeEventListener('change', redraw);
      plot?.destroy();
    };
  }, [series, from, to]);

  if (failed) return <p class="muted">The chart could not be drawn just now; the table below has the same days.</p>;
  return <div class="chart__plot" ref={box} />;
}

function Table({ series, id, shown }: { series: ClosenessSeries; id: string; shown: boolean }) {
  const rows = tableRows(series);
  // Each person's two columns under their name, so the headers stay short on a phone.
  const people = series.lines.filter((l) => l.kind === 'now').map((l) => l.person);
  return (
    <div class="chart__table" id={id} hidden={!shown}>
      <table class="insight-table">
        <caption>
          How close each of you felt and wished to be, on each day you both checked in, from 1 (far apart) to{' '}
          {CLOSENESS_MAX} (as close as can be). Newest first.
        </caption>
        <colgroup>
          <col />
        </colgroup>
        {people.map((person) => (
          <colgroup span={2} key={person.id} />
        ))}
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Day
            </th>
            {people.map((person) => (
              <th scope="colgroup" colSpan={2} key={person.id}>
                {label(person)}
              </th>
            ))}
          </tr>
          <tr>
            {series.lines.map((line) => (
              <th scope="col" key={`${line.person.id}-${line.kind}`}>
                {kindName(line)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.day}>
              <th scope="row">
                <time dateTime={row.day}>
                  <span class="insight-table__part">{tableDay(row.day)[0]}</span>{' '}
                  <span class="insight-table__part">{tableDay(row.day)[1]}</span>
                </time>
              </th>
              {row.values.map((v, i) => (
                <td key={i}>{Number.isNaN(v) ? '–' : v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The chart over the window `from`..`to`, its key, and the table it can be read as instead. */
export function ClosenessChart({ series, from, to }: { series: ClosenessSeries; from: string; to: string }) {
  const [table, setTable] = useState(false);
  return (
    <div class="chart">
      <div class="chart__figure" aria-hidden="true">
        <Key lines={series.lines} />
        <p class="chart__scale">From 1, far apart, to {CLOSENESS_MAX}, as close as can be.</p>
        <Picture series={series} from={from} to={to} />
      </div>
      <button
        type="button"
        class="button button--secondary chart__toggle"
        aria-expanded={table ? 'true' : 'false'}
        aria-controls="closeness-table"
        onClick={() => setTable(!table)}
      >
        {table ? 'Hide the table' : 'Show as a table'}
      </button>
      <Table series={series} id="closeness-table" shown={table} />
    </div>
  );
}
