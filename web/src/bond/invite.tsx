import { useRef, useState } from 'preact/hooks';
import { api, bondKinds, type BondKind, type Invite } from '../api';
import { Choices } from '../ui/choices';
import { Button, Form } from '../ui/forms';
import { formatDateTime, formatRelative, kindLabel } from '../format';
import { useAction, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link, navigate } from '../router';
import { useAnnounce } from '../status';
import { bondHref, checkinHref } from '../ui/target';
import './bond.css';

const kindHint: Record<BondKind, string> = {
  partner: 'The person you share your life and love with. A bond between partners can later hold the more intimate parts, but only what you both choose.',
  friend: 'A friend you trust with what is really going on.',
  family: 'A parent, child, sibling or anyone else who is family to you.',
};

/** Copies text; falls back to selecting `fallback` when the clipboard API is unavailable (plain http). */
async function copyText(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to selecting the text.
  }
  if (!fallback) return false;
  const range = document.createRange();
  range.selectNodeContents(fallback);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

function NewCode({ invite, onAnother, firstRun }: { invite: Invite; onAnother: () => void; firstRun: boolean }) {
  const announce = useAnnounce();
  const codeRef = useRef<HTMLParagraphElement>(null);
  const link = `${window.location.origin}/join/${encodeURIComponent(invite.code)}`;

  const copy = async (text: string, what: string) => {
    const ok = await copyText(text, what === 'Code' ? codeRef.current : null);
    announce(ok ? `${what} copied.` : 'Copying did not work here. Select it and copy it by hand.');
  };

  return (
    <section class="card code-card" aria-labelledby="code-heading">
      <h2 id="code-heading">Your {kindLabel[invite.kind].toLowerCase()} code</h2>
      <p class="invite-code" id="invite-code" ref={codeRef}>
        {invite.code}
      </p>
      <div class="actions actions--center">
        <Button onClick={() => copy(invite.code, 'Code')}>Copy code</Button>
        <Button variant="secondary" onClick={() => copy(link, 'Link')}>
          Copy link
        </Button>
      </div>
      <p class="muted">
        It works once, until <time dateTime={invite.expires_at}>{formatDateTime(invite.expires_at)}</time> (
        {formatRelative(invite.expires_at)}). Give it to them in person or somewhere private; they
        enter it under <strong>Join</strong>, or open the link.
      </p>
      <p class="muted">
        Keep this page open if you like: when they join, it takes you to{' '}
        {firstRun ? 'your first check-in together' : 'your bond'}.
      </p>
      <Button variant="quiet" onClick={onAnother}>
        Make another code
      </Button>
    </section>
  );
}

function OpenInvites({ refresh, except }: { refresh: number; except: string | undefined }) {
  const invites = useResource(api.invites, [refresh]);
  const open = (invites.data ?? []).filter((i) => i.code !== except);
  if (open.length === 0) return null;
  return (
    <section class="section" aria-labelledby="open-heading">
      <h2 id="open-heading">Codes still waiting</h2>
      <ul class="plain-list">
        {open.map((invite) => (
          <li key={invite.code}>
            <span class="mono">{invite.code}</span> · {kindLabel[invite.kind]} · until{' '}
            <time dateTime={invite.expires_at}>{formatDateTime(invite.expires_at)}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Making a code. When a code is accepted the list of waiting codes is fetched again, and when the
 * one on screen was used the page moves on to the new bond (on the first steps, to its first
 * check-in); the live notice says who joined.
 */
export function InvitePage({ firstRun = false }: { firstRun?: boolean }) {
  useTitle('Invite someone');
  const announce = useAnnounce();
  const [kind, setKind] = useState<BondKind>('partner');
  const [invite, setInvite] = useState<Invite | null>(null);
  const [made, setMade] = useState(0);
  const create = useAction(api.createInvite);
  const shown = useRef<Invite | null>(null);
  shown.current = invite;

  useLiveEvents((event) => {
    if (event.type !== 'invite_accepted' && event.type !== 'resync') return;
    setMade((n) => n + 1);
    if (event.type !== 'invite_accepted' || !shown.current) return;
    const code = shown.current.code;
    void api.invites().then(
      (open) => {
        if (open.some((i) => i.code === code) || shown.current?.code !== code) return;
        navigate(firstRun ? checkinHref(event.bond_id) : bondHref(event.bond_id), { replace: true });
      },
      () => undefined,
    );
  });

  const submit = async () => {
    const result = await create.run(kind);
    if (!result) return;
    setInvite(result);
    setMade((n) => n + 1);
    announce(`Your code is ready: ${result.code}.`);
  };

  return (
    <>
      {firstRun && (
        <p class="breadcrumb">
          <Link href="/start">← Getting started</Link>
        </p>
      )}
      <h1 tabIndex={-1}>Invite someone</h1>
      <p class="lede">
        Make a code and give it to the one person you want to share this with. When they enter it,
        the two of you are joined here.
      </p>
      {invite ? (
        <NewCode invite={invite} onAnother={() => setInvite(null)} firstRun={firstRun} />
      ) : (
        <Form class="card stack" onSubmit={submit} error={create.error} fields={[]} aria-label="Make an invite code">
          <Choices
            id="kind"
            look="card"
            large
            legend="Who is this code for?"
            options={bondKinds.map((k) => ({ value: k, label: kindLabel[k], hint: kindHint[k] }))}
            value={kind}
            onChange={setKind}
          />
          <Button type="submit" busy={create.busy} busyLabel="Making your code…">
            Make a code
          </Button>
        </Form>
      )}
      <OpenInvites refresh={made} except={invite?.code} />
      <p class="aside">
        Did someone give you a code? <Link href={firstRun ? '/start/join' : '/join'}>Enter it here</Link>.
      </p>
      {firstRun && (
        <p class="aside">
          Not now? You can make a code any time. <Link href="/">Later</Link>
        </p>
      )}
    </>
  );
}
