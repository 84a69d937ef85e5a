// One entry, as its author sees it: read it, change it, delete it, and decide who may see it.
import { useRef, useState } from 'preact/hooks';
import { api, type Bond, type Catalog, type Entry } from '../api';
import { kindName } from '../catalog';
import { Asked } from './asked';
import { BeneathAnger } from './beneath';
import { wantsLookBeneath, whoCanSee } from './entries';
import { EntryForm } from './entry-form';
import { ResponseList } from './responses';
import { DeleteQuestion, useChangeForm } from './changes';
import { FeelingChips } from '../feelings/feelings';
import { LoadError, Loading } from '../ui/feedback';
import { Button } from '../ui/forms';
import { formatDateTime } from '../format';
import { useAction, useCatalog, useConfirmStep, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link, navigate } from '../router';
import { useAnnounce } from '../status';
import { useLandOnTarget } from '../ui/land';
import { ownTimeHref } from '../ui/target';
import { PieceLine } from '../own-time/piece';
import { EditPiece } from '../own-time/piece-form';
import './inner.css';

function Sharing({ entry, bonds, onChange }: { entry: Entry; bonds: Bond[]; onChange: (entry: Entry) => void }) {
  const announce = useAnnounce();
  const [pending, setPending] = useState<string | null>(null);
  const toggle = useAction(async (bond: Bond, share: boolean) => {
    if (share) return api.shareEntry(entry.id, bond.id);
    await api.withdrawEntry(entry.id, bond.id);
    return { ...entry, shared_with: entry.shared_with.filter((id) => id !== bond.id) };
  });
  const active = bonds.filter((b) => b.status === 'active');

  const press = async (bond: Bond) => {
    const share = !entry.shared_with.includes(bond.id);
    setPending(bond.id);
    const updated = await toggle.run(bond, share);
    setPending(null);
    if (!updated) return;
    onChange(updated);
    announce(
      share
        ? `Shared. ${bond.other.display_name} can see this now.`
        : `Taken back. ${bond.other.display_name} can no longer see this.`,
    );
  };

  return (
    <section class="section" aria-labelledby="share-heading">
      <h2 id="share-heading">Who can see this</h2>
      <p class={entry.shared_with.length ? 'visibility visibility--shared visibility--big' : 'visibility visibility--big'} id="who-sees">
        {whoCanSee(entry.shared_with, bonds)}
      </p>
      {active.length === 0 ? (
        <p class="muted">
          You have no active bonds to share with. That is fine: this can simply stay yours.{' '}
          <Link href="/invite">Invite someone</Link> if you would like to.
        </p>
      ) : (
        <>
          <p class="muted">
            Sharing is one tap, and so is taking it back. They can respond, but never change what you wrote.
          </p>
          <ul class="plain-list share-list">
            {active.map((bond) => {
              const shared = entry.shared_with.includes(bond.id);
              const name = bond.other.display_name;
              return (
                <li class="share-row" key={bond.id}>
                  <span class="share-row__who">
                    <strong>{name}</strong>
                    <span class="muted">{shared ? ' can see this' : ' cannot see this'}</span>
                  </span>
                  <Button
                    variant={shared ? 'secondary' : 'primary'}
                    busy={pending === bond.id}
                    busyLabel={shared ? 'Taking back…' : 'Sharing…'}
                    onClick={() => press(bond)}
                  >
                    {shared ? `Stop sharing with ${name}` : `Share with ${name}`}
                  </Button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {toggle.error && (
        <p class="form-error" role="alert">
          {toggle.error.detail}
        </p>
      )}
    </section>
  );
}

/** Where an entry lives: time of one's own in its log, every other kind in the journal. */
const homeOf = (entry: Entry) => (entry.own_time ? { href: ownTimeHref, name: 'Time of your own' } : { href: '/journal', name: 'Your journal' });

function DeleteEntry({ entry }: { entry: Entry }) {
  const announce = useAnnounce();
  const { confirming, setConfirming, question, opener } = useConfirmStep();
  return (
    <section class="section" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      {!confirming ? (
        <div ref={opener}>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Delete this entry…
          </Button>
        </div>
      ) : (
        <DeleteQuestion
          id="delete-confirm"
          entry={entry}
          noun="entry"
          headingRef={question}
          onDeleted={() => {
            navigate(homeOf(entry).href);
            announce('The entry is deleted.');
          }}
          onKeep={() => setConfirming(false)}
        />
      )}
    </section>
  );
}

function Edit({ entry, catalog, onDone }: { entry: Entry; catalog: Catalog; onDone: (entry: Entry | null) => void }) {
  const form = useChangeForm(entry, api.updateEntry, onDone);
  return (
    <section class="card" aria-labelledby="edit-heading">
      <h2 id="edit-heading">Change this entry</h2>
      <EntryForm
        id="edit-entry"
        catalog={catalog}
        initial={{
          kind: entry.kind,
          feelings: entry.feelings.map((f) => ({ word: f.word, intensity: f.intensity })),
          body: entry.body,
        }}
        {...form}
      />
    </section>
  );
}

export function EntryPage({ id }: { id: string }) {
  const entry = useResource(() => api.entry(id), [id]);
  const bonds = useResource(api.bonds, []);
  const catalog = useCatalog();
  const [editing, setEditing] = useState(false);
  const [lookDismissed, setLookDismissed] = useState(false);
  const editButton = useRef<HTMLDivElement>(null);
  const e = entry.data;
  const c = catalog.data;
  useTitle(e ? kindName(c, e.kind) : 'Entry');

  useLiveEvents((event) => {
    if (!e) return;
    if (event.type === 'bond_ended' || event.type === 'resync') {
      entry.reload();
      bonds.reload();
    } else if (event.type === 'response_added' && e.shared_with.includes(event.bond_id)) {
      entry.reload();
    }
  });

  // A notice of a response leads here, at the response.
  useLandOnTarget(e !== undefined && !bonds.loading);

  if (!e) {
    return (
      <>
        <h1 tabIndex={-1}>Entry</h1>
        {entry.loading && <Loading />}
        {entry.error && entry.error.status === 404 && (
          <div class="notice">
            <p>We could not find this entry. It may have been deleted.</p>
            <p>
              <Link href="/journal">Back to your journal</Link>
            </p>
          </div>
        )}
        {entry.error && entry.error.status !== 404 && <LoadError error={entry.error} onRetry={entry.reload} />}
      </>
    );
  }

  const finishEdit = (updated: Entry | null) => {
    if (updated) entry.set(updated);
    setEditing(false);
    window.setTimeout(() => editButton.current?.querySelector('button')?.focus(), 0);
  };

  return (
    <>
      <p class="breadcrumb">
        <Link href={homeOf(e).href}>← {homeOf(e).name}</Link>
      </p>
      <h1 tabIndex={-1}>{kindName(c, e.kind)}</h1>
      <p class="muted entry-dates">
        Written <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time>
        {e.updated_at !== e.created_at && (
          <>
            {' · changed '}
            <time dateTime={e.updated_at}>{formatDateTime(e.updated_at)}</time>
          </>
        )}
      </p>

      {editing && c && e.own_time ? (
        <section class="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Change this time</h2>
          <EditPiece id="edit-piece" words={c.own_time} entry={e} label="Change this time" onDone={finishEdit} />
        </section>
      ) : editing && c ? (
        <Edit entry={e} catalog={c} onDone={finishEdit} />
      ) : (
        <article class="card entry" aria-label="Your entry">
          <Asked catalog={c} prompt={e.prompt} />
          <FeelingChips feelings={e.feelings} catalog={c} />
          {e.own_time && <PieceLine spent={e.own_time} words={c?.own_time} />}
          {e.body ? (
            <p class="entry__body">{e.body}</p>
          ) : (
            <p class="muted">{e.own_time ? 'No note, just the time itself.' : 'No words, just feelings.'}</p>
          )}
          <div class="actions" ref={editButton}>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Change it
            </Button>
          </div>
        </article>
      )}

      {c && !editing && !lookDismissed && wantsLookBeneath(e) && (
        <BeneathAnger
          catalog={c}
          entry={e}
          onAdded={(updated) => entry.set(updated)}
          onDismiss={() => setLookDismissed(true)}
        />
      )}

      {bonds.data ? (
        <Sharing entry={e} bonds={bonds.data} onChange={entry.set} />
      ) : bonds.error ? (
        <LoadError error={bonds.error} onRetry={bonds.reload} />
      ) : null}

      <section class="section" aria-labelledby="responses-heading">
        <h2 id="responses-heading">Responses</h2>
        {e.responses.length > 0 ? (
          <ResponseList responses={e.responses} catalog={c} label="Responses to this entry" />
        ) : (
          <p class="muted">
            {e.shared_with.length
              ? 'No responses yet. They will appear here as they come.'
              : 'When you share this, any response will appear here.'}
          </p>
        )}
      </section>

      <DeleteEntry entry={e} />
    </>
  );
}
