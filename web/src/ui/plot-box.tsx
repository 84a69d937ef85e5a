// Where a chart is drawn: uPlot is fetched the first time (plot.ts is a script of its own), the
// chart follows the box's width, and it is drawn again when light turns to dark or back, since a
// canvas keeps the colours it was drawn with. The box is a picture only; the screen hides it from
// screen readers and says the same in a table or a list.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LineChart, Look, Plot } from './plot';

function lookOf(el: HTMLElement): Look {
  const css = getComputedStyle(el);
  const colour = (name: string) => css.getPropertyValue(name).trim();
  return { surface: colour('--surface'), text: colour('--muted'), grid: colour('--border'), font: css.fontFamily, colour };
}

interface PlotBoxProps {
  /** The chart for a box this wide; keep it the same function while the chart is the same. */
  chart: (width: number) => LineChart;
  height: (width: number) => number;
  class?: string;
  /** Said instead when the chart cannot be drawn (uPlot could not be fetched). */
  failed: string;
}

export function PlotBox({ chart, height, class: className, failed: failedText }: PlotBoxProps) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: Plot | null = null;
    let gone = false;
    const size = () => ({ width: el.clientWidth, height: height(el.clientWidth) });
    const draw = async () => {
      try {
        const { drawLines } = await import('./plot');
        if (gone) return;
        plot?.destroy();
        plot = drawLines(el, chart(el.clientWidth), lookOf(el), size());
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
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const redraw = () => void draw();
    scheme.addEventListener('change', redraw);
    return () => {
      gone = true;
      resized.disconnect();
      scheme.removeEventListener('change', redraw);
      plot?.destroy();
    };
  }, [chart]);

  if (failed) return <p class="muted">{failedText}</p>;
  return <div class={className} ref={box} />;
}
