// One's two needs over the years: a small chart (uPlot, loaded with it) hidden from screen readers,
// the same results as a table, and a way to delete any of them. One result is said in a sentence.
import { useMemo, useRef, useState } from 'preact/hooks';
import { api, needIds, type NeedsResult, type NeedsWords } from '../api';
import { formatDate } from '../format';
import { useAction } from '../hooks';
import { useAnnounce } from '../status';
import { Confirm } from '../ui/confirm';
import { Button } from '../ui/forms';
import type { LineChart } from '../ui/plot';
import { PlotBox } from '../ui/plot-box';
import '../insights/insights.css';
import { monthSaid, monthSplits, needsSeries, scoreSaid, seriesRange } from './profile';

const colours = { closeness: '--fam-love', independence: '--fam-calm' } as const;

/** The chart for a box `width` wide: a label on the first of a month, at most one per 90 pixels. */
function chartOf(words: NeedsWords, results: readonly NeedsResult[], width: number): LineChart {
  const series = needsSeries(results);
  const { min, max } = words.scale;
  const x = seriesRange(series);
  return {
    xs: series.xs,
    x,
    xSplits: monthSplits(x, Math.max(2, Math.floor(width / 90))),
    y: [min - 0.4, max + 0.4],
    ySplits: Array.from({ length: max - min + 1 }, (_, i) => min + i),
    xLabel: monthSaid,
    lines: [
      { values: series.closeness, colour: colours.closeness, width: 3, dot: 8 },
      { values: series.independence, colour: colours.independence, width: 3, dash: [8, 5], dot: 8, hollow: true },
    ],
  };
}

function Chart({ words, results }: { words: NeedsWords; results: readonly NeedsResult[] }) {
  const chart = useMemo(() => (width: number) => chartOf(words, results, width), [words, results]);
  return (
    <div class="needs-chart" aria-hidden="true">
      <ul class="chart__key plain-list">
        {needIds.map((need) => (
          <li key={need}>
            <svg class={`needs-swatch needs-swatch--${need}`} viewBox="0 0 28 10" focusable="false">
              <line x1="1" y1="5" x2="27" y2="5" />
              <circle cx="14" cy="5" r="3.5" />
            </svg>
            {words.needs[need].name}
          </li>
        ))}
      </ul>
      <PlotBox class="chart__plot needs-chart__plot" chart={chart} height={() => 180} failed="The chart could not be drawn just now; the table has the same answers." />
    </div>
  );
}

const deleteId = (r: NeedsResult) => `delete-needs-${r.id}`;

/** Asks before deleting, with focus on the question, and back on the button when kept. */
function ConfirmDelete({ result, onDone }: { result: NeedsResult; onDone: (deleted: boolean) => void }) {
  const announce = useAnnounce();
  const remove = useAction(async (id: string) => {
    await api.deleteNeeds(id);
    return true;
  });
  const when = formatDate(result.taken_at);
  const focus = (el: HTMLHeadingElement | null) => el?.focus();
  const confirm = async () => {
    if (!(await remove.run(result.id))) return;
    announce(`Your answers of ${when} are deleted.`);
    onDone(true);
  };
  return (
    <Confirm
      id="needs-confirm-heading"
      question={`Delete your answers of ${when}?`}
      headingRef={focus}
      error={remove.error}
      busy={remove.busy}
      yes="Delete them"
      busyLabel="Deleting…"
      no="Keep them"
      onYes={confirm}
      onNo={() => onDone(false)}
    >
      <p>They are gone for good, also wherever you show your two needs; your other answers stay.</p>
    </Confirm>
  );
}

export function NeedsHistory({ words, results, onDeleted }: { words: NeedsWords; results: NeedsResult[]; onDeleted: () => void }) {
  const [deleting, setDeleting] = useState<NeedsResult | null>(null);
  const section = useRef<HTMLElement>(null);
  const ask = (r: NeedsResult) => (
    <Button id={deleteId(r)} variant="quiet" aria-label={`Delete your answers of ${formatDate(r.taken_at)}`} onClick={() => setDeleting(r)}>
      Delete
    </Button>
  );
  const done = (deleted: boolean) => {
    const was = deleting;
    setDeleting(null);
    if (deleted) onDeleted();
    // Kept: back to the button that asked. Deleted: the list's heading keeps the place.
    window.setTimeout(() => (deleted || !was ? section.current?.querySelector('h2') : document.getElementById(deleteId(was)))?.focus(), 0);
  };
  return (
    <section class="section" aria-labelledby="needs-history-heading" ref={section}>
      <h2 id="needs-history-heading" tabIndex={-1}>
        Over time
      </h2>
      {results.length === 1 ? (
        <div class="needs-once">
          <p>
            You have answered once, on <time dateTime={results[0]!.taken_at}>{formatDate(results[0]!.taken_at)}</time>. Answer again in a
            few months, or after something big, and you can see how your mix moves.
          </p>
          {ask(results[0]!)}
        </div>
      ) : (
        <>
          <Chart words={words} results={results} />
          <table class="insight-table needs-table">
            <caption>Each time you answered, newest first, with your two scores from 1 to {words.scale.max}.</caption>
            <thead>
              <tr>
                <th scope="col">Answered</th>
                <th scope="col">{words.needs.closeness.name}</th>
                <th scope="col">{words.needs.independence.name}</th>
                <th scope="col">
                  <span class="visually-hidden">Delete</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <time dateTime={r.taken_at}>{formatDate(r.taken_at)}</time>
                  </th>
                  <td>{scoreSaid(r.closeness)}</td>
                  <td>{scoreSaid(r.independence)}</td>
                  <td>{ask(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {deleting && <ConfirmDelete result={deleting} onDone={done} key={deleting.id} />}
    </section>
  );
}
