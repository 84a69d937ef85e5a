// A flow of questions asked one at a time (the check-in, the two needs): how far along it is, in
// words and as a bar of segments for the eyes. Its look is in flow.css.

export function FlowProgress({ index, total, said }: { index: number; total: number; said: string }) {
  return (
    <div class="flow__progress">
      <p class="flow__count">{said}</p>
      <ol class="flow__bar" aria-hidden="true">
        {Array.from({ length: total }, (_, i) => (
          <li key={i} class={i < index ? 'flow__seg flow__seg--done' : i === index ? 'flow__seg flow__seg--now' : 'flow__seg'} />
        ))}
      </ol>
    </div>
  );
}
