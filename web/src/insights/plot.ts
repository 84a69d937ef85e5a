// Draws the closeness chart with uPlot, loaded only when a chart is shown (it is the largest piece
// of the app, and most screens never need it). The chart is a picture for the eyes: the screen
// hides it from screen readers and offers the same numbers as a table.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { CLOSENESS_MAX, CLOSENESS_MIN } from '../checkin/words';
import { shortDay, type ClosenessSeries } from './series';

/** The theme's colours and type, read from the page so the chart matches light and dark. */
export interface Look {
  /** The reader's colour and the other's. */
  one: string;
  two: string;
  surface: string;
  text: string;
  grid: string;
  font: string;
}

export interface Plot {
  resize: (width: number, height: number) => void;
  destroy: () => void;
}

export function drawCloseness(
  el: HTMLElement,
  series: ClosenessSeries,
  range: [number, number],
  look: Look,
  size: { width: number; height: number },
): Plot {
  const axis = {
    stroke: look.text,
    font: `13px ${look.font}`,
    grid: { stroke: look.grid, width: 1 },
    ticks: { stroke: look.grid, width: 1, size: 4 },
  };
  // A dot on each day while the days have room to be told apart; the lines alone after that.
  const dots = size.width / Math.max(1, (range[1] - range[0]) / 86_400) >= 14;
  const options: uPlot.Options = {
    ...size,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: { time: true, range: () => range },
      y: { range: () => [CLOSENESS_MIN - 0.4, CLOSENESS_MAX + 0.4] },
    },
    axes: [
      { ...axis, space: 64, values: (_u, splits) => splits.map(shortDay) },
      {
        ...axis,
        size: 28,
        splits: () => [1, 2, 3, 4, 5, 6, 7],
        values: (_u, splits) => splits.map(String),
      },
    ],
    series: [
      {},
      // The reader's lines are drawn first and wider, so where both gave the same answer the
      // other's line runs along the middle of the reader's and both stay in sight.
      ...series.lines.map((line): uPlot.Series => {
        const you = line.person.you;
        const colour = you ? look.one : look.two;
        const now = line.kind === 'now';
        return {
          stroke: colour,
          width: you ? (now ? 4 : 3.5) : 2,
          ...(now ? {} : { dash: you ? [9, 6] : [7, 5] }),
          points: { show: dots, size: you ? 9 : 6, width: 2, stroke: colour, fill: now ? colour : look.surface },
        };
      }),
    ],
  };
  const plot = new uPlot(options, [series.xs, ...series.lines.map((l) => l.values)], el);
  return {
    resize: (width, height) => plot.setSize({ width, height }),
    destroy: () => plot.destroy(),
  };
}
