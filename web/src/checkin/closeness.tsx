// Closeness drawn as two circles: far apart at 1, overlapping at 7. The slider is one focusable
// element with role="slider": arrow keys, Page Up/Down, Home and End move it; a tap or a drag
// along the picture sets it. The picture alone (for showing answers) is an image with a label.
import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import { CLOSENESS_MAX, CLOSENESS_MIN, closenessText } from './words';
import { CY, R, TRACK_LEFT, TRACK_RIGHT, TRACK_Y, WIDTH, circleCentres, keyMove, tickX, valueAtX } from './scale';

function Circles({ value }: { value: number }) {
  const [one, two] = circleCentres(value);
  return (
    <>
      <circle class="closeness__circle closeness__circle--one" cx={one} cy={CY} r={R} />
      <circle class="closeness__circle closeness__circle--two" cx={two} cy={CY} r={R} />
    </>
  );
}

/** The two circles at `value`, as an image; `label` names it ("Now: 4 of 7: close, with room"). */
export function ClosenessPicture({ value, label, small = false }: { value: number; label: string; small?: boolean }) {
  return (
    <svg
      class={small ? 'closeness-picture closeness-picture--small' : 'closeness-picture'}
      viewBox={`0 0 ${WIDTH} ${CY * 2}`}
      role="img"
      aria-label={label}
      focusable="false"
    >
      <Circles value={value} />
    </svg>
  );
}

interface SliderProps {
  /** Id of the element that names the slider (a visible question). */
  labelledBy: string;
  /** Id of a hint that describes it, if any. */
  describedBy?: string;
  value: number;
  onChange: (value: number) => void;
  /** The ends of the scale, in words shown beneath. */
  ends?: [string, string];
}

export function ClosenessSlider({
  labelledBy,
  describedBy,
  value,
  onChange,
  ends = ['Far apart', 'Overlapping'],
}: SliderProps) {
  const svg = useRef<SVGSVGElement>(null);

  const set = (next: number) => {
    if (next !== value) onChange(next);
  };

  const fromPointer = (event: PointerEvent) => {
    const el = svg.current;
    const matrix = el?.getScreenCTM();
    if (!el || !matrix) return;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    set(valueAtX(point.x));
  };

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const next = keyMove(event.key, value);
    if (next === undefined) return;
    event.preventDefault();
    set(next);
  };

  return (
    <div class="closeness">
      <div
        class="closeness__slider"
        role="slider"
        tabIndex={0}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-valuemin={CLOSENESS_MIN}
        aria-valuemax={CLOSENESS_MAX}
        aria-valuenow={value}
        aria-valuetext={closenessText(value)}
        aria-orientation="horizontal"
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.preventDefault();
          event.currentTarget.focus();
          event.currentTarget.setPointerCapture(event.pointerId);
          fromPointer(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) fromPointer(event);
        }}
      >
        <svg ref={svg} class="closeness__svg" viewBox={`0 0 ${WIDTH} 126`} aria-hidden="true" focusable="false">
          <Circles value={value} />
          <line class="closeness__track" x1={TRACK_LEFT} y1={TRACK_Y} x2={TRACK_RIGHT} y2={TRACK_Y} />
          {[1, 2, 3, 4, 5, 6, 7].map((n) => (
            <circle
              key={n}
              class={n <= value ? 'closeness__tick closeness__tick--on' : 'closeness__tick'}
              cx={tickX(n)}
              cy={TRACK_Y}
              r={3.5}
            />
          ))}
          <circle class="closeness__thumb" cx={tickX(value)} cy={TRACK_Y} r={10} />
        </svg>
      </div>
      <p class="closeness__ends" aria-hidden="true">
        <span>{ends[0]}</span>
        <span>{ends[1]}</span>
      </p>
      <p class="closeness__value" aria-hidden="true">
        {closenessText(value)}
      </p>
    </div>
  );
}
