// Draws line charts with uPlot, loaded only when a chart is shown (it is the largest piece of the
// app, and most screens never need it): the insights' closeness and one's two needs over time. A
// chart is a picture for the eyes: every screen that draws one hides it from screen readers and
// offers the same numbers as a table or a list. PlotBox (plot-box.tsx) loads this file and draws.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The theme's colours and type, read from the page so a chart matches light and dark. */
export interface Look {
  surface: string;
  text: string;
  grid: string;
  font: string;
  /** The value of a colour's custom property, e.g. "--circle-one". */
  colour: (property: string) => string;
}

export interface LineStyle {
  values: number[];
  /** The custom property that holds the line's colour. */
  colour: string;
  width: number;
  dash?: number[];
  /** The dots' size on each value; 0 for none. Hollow dots have the surface inside. */
  dot: number;
  hollow?: boolean;
}

export interface LineChart {
  /** Seconds since the epoch, one per value of every line. */
  xs: number[];
  lines: LineStyle[];
  x: [number, number];
  y: [number, number];
  /** Where the y axis is labelled. */
  ySplits: number[];
  /** A label on the x axis, for a time in seconds. */
  xLabel: (seconds: number) => string;
  /** Where the x axis is labelled, when not where uPlot would choose. */
  xSplits?: number[];
}

export interface Plot {
  resize: (width: number, height: number) => void;
  destroy: () => void;
}

export function drawLines(el: HTMLElement, chart: LineChart, look: Look, size: { width: number; height: number }): Plot {
  const axis = {
    stroke: look.text,
    font: `13px ${look.font}`,
    grid: { stroke: look.grid, width: 1 },
    ticks: { stroke: look.grid, width: 1, size: 4 },
  };
  const options: uPlot.Options = {
    ...size,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: { time: true, range: () => chart.x },
      y: { range: () => chart.y },
    },
    axes: [
      {
        ...axis,
        space: 64,
        ...(chart.xSplits ? { splits: () => chart.xSplits! } : {}),
        values: (_u, splits) => splits.map(chart.xLabel),
      },
      { ...axis, size: 28, splits: () => chart.ySplits, values: (_u, splits) => splits.map(String) },
    ],
    series: [
      {},
      ...chart.lines.map((line): uPlot.Series => {
        const colour = look.colour(line.colour);
        return {
          stroke: colour,
          width: line.width,
          ...(line.dash ? { dash: line.dash } : {}),
          points: { show: line.dot > 0, size: line.dot, width: 2, stroke: colour, fill: line.hollow ? look.surface : colour },
        };
      }),
    ],
  };
  const plot = new uPlot(options, [chart.xs, ...chart.lines.map((l) => l.values)], el);
  return {
    resize: (width, height) => plot.setSize({ width, height }),
    destroy: () => plot.destroy(),
  };
}
