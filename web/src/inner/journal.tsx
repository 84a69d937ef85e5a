// The journal: write an entry, and look back over what you wrote, newest first.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Bond, type Catalog, type Entry, type EntryDraft } from '../api';
import { kindName } from '../catalog';
import { Asked } from './asked';
import { BeneathAnger } from './beneath';
import { excerpt, wantsLookBeneath, whoCanSee } from './entries';
import { EntryForm } from './entry-form';
import { FeelingChips } from '../feelings/feelings';
import { PieceLine } from '../own-time/piece';
import { LoadError, Loading } from '../ui/feedback';
import { Button } from '../ui/forms';
import { formatDate } from '../format';
import { toApiError, useAction, useCatalog, useResource, useTitle } from '../hooks';
import type { ApiError } from '../api';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { useAnnounce } from '../status';
import './inner.css';

const PAGE = 20;

interface Pages {
  items: Entry[];
  next: string | null;
  loading: boolean;
  error: ApiError | null;
}

/** Entries matching a filter, a page at a time; `refresh` fetches again as many as are shown. */
function useEntryPages(kind: string, family: string) {
  const [state, setState] = useState<Pages>({ items: [], next: null, loading: true, error: null });
  const ticket = useRef(0);
  const shown = useRef(PAGE);

  const load = async (mode: 'fresh' | 'more' | 'refresh', before: string | null) => {
    const mine = ++ticket.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    const limit = mode === 'refresh' ? Math.min(100, Math.max(PAGE, shown.current)) : PAGE;
    try {
      const page = await api.entries({ kind, family, before, limit });
      if (mine !== ticket.current) return;
      setState((s) => {
        const items = mode === 'more' ? [...s.items, ...page.items.filter((e) => !s.items.some((x) => x.id === e.id))] : page.items;
        shown.current = Math.max(PAGE, items.length);
        return { items, next: page.next_cursor, loading: false, error: null };
      });
    } catch (e) {
      if (mine !== ticket.current) return;
      setState((s) => ({ ...s, loading: false, error: toApiError(e) }));
    }
  };

  useEffect(() => {
    shown.current = PAGE;
    void load('fresh', null);
  }, [kind, family]);

  return {
    ...state,
    more: () => state.next && load('more', state.next),
    refresh: () => load('refresh', null),
  };
}

function EntryCard({ entry, catalog, bonds }: { entry: Entry; catalog: Catalog | undefined; bonds: Bond[] | undefined }) {
  const title = kindName(catalog, entry.kind);
  const responses = entry.responses.length;
  return (
    <li class="entry-card card">
      <h3 class="entry-card__title">
        <Link href={`/journal/${encodeURIComponent(entry.id)}`}>
          {title}
          <span class="visually-hidden">, </span>
          <time class="entry-card__date" dateTime={entry.created_at}>
            {formatDate(entry.created_at)}
          </time>
        </Link>
      </h3>
      <Asked catalog={catalog} prompt={entry.prompt} />
      <FeelingChips feelings={entry.feelings} catalog={catalog} />
      {entry.own_time && <PieceLine spent={entry.own_time} words={catalog?.own_time} />}
      {entry.body && <p class="entry-card__body">{excerpt(entry.body)}</p>}
      <p class="entry-card__meta">
        <span class={entry.shared_with.length ? 'visibility visibility--shared' : 'visibility'}>
          {whoCanSee(entry.shared_with, bonds)}
        </span>
        {responses > 0 && ` · ${responses} ${responses === 1 ? 'response' : 'responses'}`}
      </p>
    </li>
  );
}

function Saved({ entry, catalog, onChanged }: { entry: Entry; catalog: Catalog; onChanged: (e: Entry) => void }) {
  const [look, setLook] = useState(wantsLookBeneath(entry));
  const note = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!look) note.current?.focus();
  }, [look]);
  return (
    <>
      {look && (
        <BeneathAnger
          catalog={catalog}
          entry={entry}
          focusOnOpen
          onAdded={(updated) => {
            onChanged(updated);
            setLook(false);
          }}
          onDismiss={() => setLook(false)}
        />
      )}
      {!look && (
        <div class="notice saved" tabIndex={-1} ref={note}>
          <p>
            Kept in your journal. Only you can see it.{' '}
            <Link href={`/journal/${encodeURIComponent(entry.id)}`}>Open it</Link> to read it again, change
            it or share it with someone.
          </p>
        </div>
      )}
    </>
  );
}

export function Journal() {
  useTitle('Your journal');
  const announce = useAnnounce();
  const catalog = useCatalog();
  const bonds = useResource(api.bonds, []);
  const [kind, setKind] = useState('');
  const [family, setFamily] = useState('');
  const list = useEntryPages(kind, family);
  const create = useAction(api.createEntry);
  const [saved, setSaved] = useState<Entry | null>(null);
  const [formKey, setFormKey] = useState(0);
  const c = catalog.data;

  useLiveEvents((event) => {
    if (event.type === 'response_added' || event.type === 'bond_ended' || event.type === 'resync') {
      void list.refresh();
      if (event.type !== 'response_added') bonds.reload();
    }
  });

  const write = async (draft: EntryDraft) => {
    const entry = await create.run(draft);
    if (!entry) return;
    setSaved(entry);
    setFormKey((k) => k + 1);
    announce('Kept in your journal. Only you can see it.');
    void list.refresh();
  };

  const filtered = kind !== '' || family !== '';

  return (
    <>
      <h1 tabIndex={-1}>Your journal</h1>
      <p class="lede">
        A place for what goes on inside you: hopes, fears, hurts, memories, small victories. Everything
        here is yours alone until you decide to share a piece of it.
      </p>

      <section class="section section--first wide" aria-labelledby="write-heading">
        <h2 id="write-heading">Write something</h2>
        {saved && c && (
          <Saved
            key={saved.id}
            entry={saved}
            catalog={c}
            onChanged={(e) => {
              setSaved(e);
              void list.refresh();
            }}
          />
        )}
        {catalog.error && <LoadError error={catalog.error} onRetry={catalog.reload} />}
        {!c && catalog.loading && <Loading label="Gathering words for feelings…" />}
        {c && (
          <div class="card">
            <EntryForm
              key={formKey}
              id="new-entry"
              catalog={c}
              submitLabel="Keep this entry"
              busyLabel="Keeping it…"
              busy={create.busy}
              error={create.error}
              onSubmit={write}
              wide
            />
          </div>
        )}
      </section>

      <section class="section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">What you have written</h2>
        <div class="filters" role="group" aria-label="Show only">
          <div class="field">
            <label for="filter-kind">Kind</label>
            <select id="filter-kind" class="input" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="">Every kind</option>
              {c?.entry_kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-family">Feeling</label>
            <select id="filter-family" class="input" value={family} onChange={(e) => setFamily(e.currentTarget.value)}>
              <option value="">Any feeling</option>
              {c?.feelings.families.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </div>
        </div>

        {list.error && <LoadError error={list.error} onRetry={() => void list.refresh()} />}
        {list.loading && list.items.length === 0 && <Loading label="Opening your journal…" />}
        {!list.loading && !list.error && list.items.length === 0 && (
          <div class="empty card">
            {filtered ? (
              <>
                <p>No entries match these choices yet.</p>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setKind('');
                    setFamily('');
                  }}
                >
                  Show everything
                </Button>
              </>
            ) : (
              <p>Nothing written yet. Whatever you write first, however small, is a good start.</p>
            )}
          </div>
        )}
        {list.items.length > 0 && (
          <ul class="plain-list entry-list" aria-label="Your entries">
            {list.items.map((entry) => (
              <EntryCard key={entry.id} entry={entry} catalog={c} bonds={bonds.data} />
            ))}
          </ul>
        )}
        {list.next && (
          <div class="actions actions--center">
            <Button variant="secondary" busy={list.loading} busyLabel="Loading…" onClick={() => void list.more()}>
              Show older entries
            </Button>
          </div>
        )}
      </section>
    </>
  );
}
