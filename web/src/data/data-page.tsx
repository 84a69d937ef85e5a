// Your data: download everything (with how much has come while the archive is made), bring one's
// writing from another Pillars into a fresh account, and delete the account for good.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type Bond, type ImportResult } from '../api';
import { useAuth } from '../auth';
import { listSaid } from '../format';
import { toApiError, useAction, useConfirmStep, useResource, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { Button, Field, Form, fieldError } from '../ui/forms';
import { IMPORT_MAX_BYTES, dayOf, filenameFrom, formatSize, importSummary, importType, progressText } from './data';
import './data.css';

/** Hands `blob` to the browser as a download named `name`. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started saving by now; the bytes can go a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** How often the words of the progress change: often enough to see it move, calm for a screen reader. */
const SAY_EVERY_MS = 700;

function Download() {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ bytes: number; total: number | null }>({ bytes: 0, total: null });
  const [saved, setSaved] = useState<{ name: string; bytes: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const lastSaid = useRef(0);
  const words = useRef<HTMLParagraphElement>(null);
  // The progress comes into view under the button (on a phone it could sit behind the tab bar).
  useEffect(() => {
    if (busy) words.current?.scrollIntoView({ block: 'nearest' });
  }, [busy]);

  const start = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    setSaid({ bytes: 0, total: null });
    lastSaid.current = 0;
    try {
      const { blob, disposition } = await api.exportData((bytes, total) => {
        const now = Date.now();
        if (now - lastSaid.current < SAY_EVERY_MS) return;
        lastSaid.current = now;
        setSaid({ bytes, total });
      });
      const name = filenameFrom(disposition, dayOf(new Date()));
      save(blob, name);
      setSaved({ name, bytes: blob.size });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section" aria-labelledby="download-heading">
      <h2 id="download-heading">Download everything</h2>
      <p>
        One zip file with everything you wrote here and everything Pillars showed you: your journal, your check-ins, what was
        shared with you, your answers, reflections and settings. It holds two files:
      </p>
      <ul class="data-files">
        <li>
          <span class="mono">journal.md</span>, all of it as a journal you can read in any text editor;
        </li>
        <li>
          <span class="mono">pillars-export.json</span>, the same for computers, which another Pillars can bring in.
        </li>
      </ul>
      <p>Keep it somewhere safe: it is as private as your journal.</p>
      <div class="card stack data-download">
        <Button busy={busy} busyLabel="Downloading…" onClick={start}>
          Download everything
        </Button>
        {busy && (
          <div class="data-progress">
            <progress
              id="download-progress"
              aria-labelledby="download-progress-words"
              max={said.total ?? undefined}
              value={said.total ? said.bytes : undefined}
            />
          </div>
        )}
        <p id="download-progress-words" class="data-progress__words" role="status" ref={words}>
          {busy ? progressText(said.bytes, said.total) : saved ? `Saved as ${saved.name} (${formatSize(saved.bytes)}). Your browser keeps it with your other downloads.` : ''}
        </p>
        {error && (
          <p class="form-error" role="alert">
            {error.detail}
          </p>
        )}
      </div>
    </section>
  );
}

/** A problem about the file, said in our own words. */
function importProblem(error: ApiError): ApiError {
  let words: string | null = null;
  if (error.problem === 'account-not-empty') {
    words =
      'Nothing was brought in, because this account already has writing in it. Bringing writing in works only in a new account: make a fresh one and bring it in there, before writing anything.';
  } else if (error.status === 413) {
    words = 'This file is larger than a Pillars download can be (32 MB). Is it the right one?';
  } else if (error.status === 400 || error.status === 415 || error.status === 422) {
    // What the server found wrong inside the file would not help anyone choose the right one.
    words = 'This file does not look like a download from Pillars, so nothing was brought in. Choose the zip another Pillars gave you, or the pillars-export.json inside it.';
  }
  return words ? new ApiError(error.status, error.problem, words) : error;
}

function Bring() {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const bring = useAction(async (chosen: File | null) => {
    const refuse = (words: string) => new ApiError(0, 'file', words, { file: words });
    if (!chosen) throw refuse('Choose a file first.');
    const type = importType(chosen.name);
    if (!type) throw refuse('Choose a .zip file, or a .json file taken out of one.');
    if (chosen.size > IMPORT_MAX_BYTES) throw refuse('This file is larger than a Pillars download can be (32 MB). Is it the right one?');
    try {
      return await api.importData(new Blob([chosen], { type }));
    } catch (e) {
      throw importProblem(toApiError(e));
    }
  });
  const resultRef = useRef<HTMLDivElement>(null);

  const submit = async () => {
    setResult(null);
    const done = await bring.run(file);
    if (!done) return;
    setResult(done);
    window.setTimeout(() => resultRef.current?.focus(), 0);
  };

  const summary = result && importSummary(result);
  return (
    <section class="section" aria-labelledby="bring-heading">
      <h2 id="bring-heading">Bring your writing from another Pillars</h2>
      <p>
        If you used Pillars somewhere else and downloaded everything there, your own writing can come along: your entries,
        reflections, time of your own, your two needs and your settings. Every entry arrives private, for you alone, and you
        choose again what to share.
      </p>
      <p>
        What belonged to a bond, such as check-ins and conversations, stays in the file: that bond is not on this Pillars, and
        half of it is someone else’s.
      </p>
      <p>This works only in a new account, before you write anything here.</p>
      <Form class="card stack" onSubmit={submit} error={bring.error} fields={['file']} aria-labelledby="bring-heading">
        <Field
          id="bring-file"
          label="Your download from another Pillars"
          hint="The zip file, or the pillars-export.json inside it. Up to 32 MB."
          type="file"
          name="file"
          class="input--file"
          accept=".zip,.json,application/zip,application/json"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            bring.clearError();
          }}
          error={fieldError(bring.error, 'file')}
        />
        <Button type="submit" busy={bring.busy} busyLabel="Bringing it in…">
          Bring it in
        </Button>
      </Form>
      {summary && (
        <div class="card notice data-result" tabIndex={-1} ref={resultRef} role="status">
          <p>
            <strong>Your writing is here.</strong> {summary.came}
          </p>
          {summary.stayed && <p>{summary.stayed} They belong to a bond, and that bond is not on this Pillars.</p>}
          <p>
            <Link href="/journal">Open your journal</Link>
          </p>
        </div>
      )}
    </section>
  );
}

const deleteProblems = { 'wrong-password': 'password' };
const wrongPassword = 'That is not your password. Please try again.';

/** What ending one's bonds means for the others, by name. */
function bondsSaid(bonds: readonly Bond[] | undefined): string {
  const active = (bonds ?? []).filter((b) => b.status === 'active');
  if (active.length === 0) return 'Any bond you are in ends. The other person is told it ended, and keeps only their own writing.';
  const names = listSaid(active.map((b) => b.other.display_name));
  return active.length === 1
    ? `Your bond with ${names} ends. They are told it ended, and keep only their own writing.`
    : `Your bonds with ${names} end. Each of them is told the bond ended, and keeps only their own writing.`;
}

function DeleteAccount() {
  const { setUser } = useAuth();
  const { confirming, setConfirming, question, opener } = useConfirmStep();
  const bonds = useResource(api.bonds, []);
  const [password, setPassword] = useState('');
  const remove = useAction(async (typed: string) => {
    try {
      await api.deleteAccount(typed);
    } catch (e) {
      // Said at the field, in the words of this form (it asks for "your password").
      if (e instanceof ApiError && e.problem === 'wrong-password') throw new ApiError(e.status, e.problem, wrongPassword, { password: wrongPassword });
      throw e;
    }
    return true;
  });

  const submit = async () => {
    if (!(await remove.run(password))) return;
    setUser(null);
    navigate('/account-deleted', { replace: true });
  };

  const cancel = () => {
    setPassword('');
    remove.clearError();
    setConfirming(false);
  };

  return (
    <section class="section" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete your account</h2>
      <p>
        Deleting your account removes everything you wrote here, for good. If you might want it one day, download everything
        first.
      </p>
      {!confirming ? (
        <div ref={opener}>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Delete my account…
          </Button>
        </div>
      ) : (
        <div class="card confirm data-delete" role="group" aria-labelledby="delete-confirm-heading">
          <h3 id="delete-confirm-heading" tabIndex={-1} ref={question}>
            Delete your account for good?
          </h3>
          <ul>
            <li>Everything you wrote here is deleted: your journal, check-ins, answers, reflections and settings.</li>
            <li>{bondsSaid(bonds.data)}</li>
            <li>It cannot be undone. Nobody can bring it back, not even the person who runs this Pillars.</li>
          </ul>
          <Form class="stack" onSubmit={submit} error={remove.error} problemFields={deleteProblems} fields={['password']} aria-labelledby="delete-confirm-heading">
            <Field
              id="delete-password"
              label="Your password"
              hint="To be sure it is you."
              type="password"
              name="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(remove.error, 'password', deleteProblems)}
            />
            <div class="actions">
              <Button type="submit" variant="danger" busy={remove.busy} busyLabel="Deleting…">
                Delete my account
              </Button>
              <Button variant="secondary" onClick={cancel}>
                Keep my account
              </Button>
            </div>
          </Form>
        </div>
      )}
    </section>
  );
}

export function YourData() {
  useTitle('Your data');
  return (
    <>
      <h1 tabIndex={-1}>Your data</h1>
      <p class="lede">What you wrote here is yours: take all of it with you, bring it from elsewhere, or delete it.</p>
      <Download />
      <Bring />
      <DeleteAccount />
      <p class="aside">
        <Link href="/settings">Back to settings</Link>
      </p>
    </>
  );
}

/** The last screen, shown signed out: the account is gone. */
export function AccountDeleted() {
  useTitle('Account deleted');
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Your account is deleted</h1>
      <p class="lede">Everything you wrote here is gone.</p>
      <p>Thank you for the time you spent here. If you ever want to begin again, you are welcome to.</p>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </section>
  );
}
