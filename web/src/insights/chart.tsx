// The closeness chart: felt and wanted for both members over the window, drawn with uPlot (loaded
// when first needed, see ui/plot-box.tsx). The picture is hidden from screen readers; "Show as a
// table" gives the same numbers as a real table, with a caption and headers, for anyone who
// prefers reading them.
import { useMemo, useState } from 'preact/hooks';
import { CLOSENESS_MAX } from '../checkin/words';
import { PlotBox } from '../ui/plot-box';
import { closenessChart, tableDay, tableRows, type ClosenessSeries, type Line } from './series';
import { tone } from './balance';
import { label } from './words';

/** The chart's height: a little taller where there is room. */
const heightFor = (width: number) => (width < 480 ? 210 : 260);

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
  const chart = useMemo(() => (width: number) => closenessChart(series, from, to, width), [series, from, to]);
  return (
    <div class="chart">
      <div class="chart__figure" aria-hidden="true">
        <Key lines={series.lines} />
        <p class="chart__scale">From 1, far apart, to {CLOSENESS_MAX}, as close as can be.</p>
        <PlotBox
          class="chart__plot"
          chart={chart}
          height={heightFor}
          failed="The chart could not be drawn just now; the table below has the same days."
        />
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
