// The responses an entry received, shown on the entry's page and in a bond's shared space.
import type { Catalog, EntryResponse } from '../api';
import { responseName } from '../catalog';
import { formatDateTime } from '../format';
import { targetId } from '../ui/target';
import './inner.css';

/** The responses an entry received, oldest first, as they arrived. */
export function ResponseList({
  responses,
  catalog,
  label = 'Responses',
}: {
  responses: EntryResponse[];
  catalog: Catalog | undefined;
  label?: string;
}) {
  if (responses.length === 0) return null;
  return (
    <ul class="plain-list responses" aria-label={label}>
      {responses.map((r) => (
        <li class={`response response--${r.kind}`} key={r.id} id={targetId.response(r.id)}>
          <p class="response__head">
            <strong>{r.mine ? 'You' : r.from.display_name}</strong>{' '}
            <span class="response__kind">{responseName(catalog, r.kind)}</span>{' '}
            <time class="response__time" dateTime={r.created_at}>
              {formatDateTime(r.created_at)}
            </time>
          </p>
          {r.body && <p class="response__body">{r.body}</p>}
        </li>
      ))}
    </ul>
  );
}
