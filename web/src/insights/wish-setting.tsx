// Settings: how much time of one's own a person would like each week (in hours or minutes, or no
// wish at all), and whether the people they are bonded with may see it. Unless shown, the wish is
// theirs alone: only their own "Just for you" compares their time with it.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useAuth, useUser } from '../auth';
import { useAction } from '../hooks';
import { useAnnounce } from '../status';
import { Button, Form, SettingCheckbox, fieldError } from '../ui/forms';
import { wishDraft, wishMinutes, wishSaid, type WishUnit } from './wish';
import './insights.css';

export function OwnTimeWish() {
  const user = useUser();
  const { setUser } = useAuth();
  const announce = useAnnounce();
  const saved = user.own_time_wish_minutes ?? null;
  const [draft, setDraft] = useState(() => wishDraft(saved));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const save = useAction(async (minutes: number | null) => {
    const updated = await api.updateMe({ own_time_wish_minutes: minutes });
    setUser(updated);
    return updated;
  });

  const submit = async () => {
    const parsed = wishMinutes(draft);
    if ('error' in parsed) {
      setProblem(parsed.error);
      document.getElementById('wish-amount')?.focus();
      return;
    }
    setProblem(undefined);
    if (await save.run(parsed.minutes)) {
      setDraft(wishDraft(parsed.minutes));
      announce(`Your wish is saved: ${wishSaid(parsed.minutes)}.`);
    }
  };

  const clear = async () => {
    setProblem(undefined);
    if (await save.run(null)) {
      setDraft(wishDraft(null));
      announce('Your wish for time alone is cleared.');
      document.getElementById('wish-amount')?.focus();
    }
  };

  const error = problem ?? fieldError(save.error, 'own_time_wish_minutes');
  return (
    <section class="section" id="own-time" aria-labelledby="own-time-heading">
      <h2 id="own-time-heading">Time of your own</h2>
      <p>
        Time to yourself is a need, not a turning away. Say how much you would like each week, and “Just for you” will
        tell you gently when you have had less.
      </p>
      <Form class="card stack" onSubmit={submit} error={problem ? null : save.error} fields={['own_time_wish_minutes']} aria-labelledby="own-time-heading">
        <div class={error ? 'field field--invalid' : 'field'}>
          <label for="wish-amount">Each week I would like</label>
          <p class="field__hint" id="wish-amount-hint">
            {saved === null ? 'No wish set yet.' : `Your wish now: ${wishSaid(saved)}.`} Roughly is fine.
          </p>
          <div class="wish__row">
            <input
              id="wish-amount"
              class="input wish__amount"
              name="own_time_wish"
              inputMode="decimal"
              autocomplete="off"
              value={draft.amount}
              onInput={(e) => setDraft({ ...draft, amount: e.currentTarget.value })}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'wish-amount-hint wish-amount-error' : 'wish-amount-hint'}
            />
            <select
              id="wish-unit"
              class="input wish__unit"
              aria-label="Counted in"
              value={draft.unit}
              onChange={(e) => setDraft({ ...draft, unit: e.currentTarget.value as WishUnit })}
            >
              <option value="hours">hours</option>
              <option value="minutes">minutes</option>
            </select>
            <span class="wish__per">a week</span>
          </div>
          {error && (
            <p class="field__error" id="wish-amount-error">
              {error}
            </p>
          )}
        </div>
        <div class="actions">
          <Button type="submit" busy={save.busy} busyLabel="Saving…">
            Save my wish
          </Button>
          {saved !== null && (
            <Button variant="secondary" onClick={() => void clear()}>
              Clear my wish
            </Button>
          )}
        </div>
      </Form>
      <div class="card wish__show">
        <SettingCheckbox
          id="show-own-time-wish"
          label="Show my wish in my bonds’ insights"
          checked={user.show_own_time_wish === true}
          save={async (next) => {
            setUser(await api.updateMe({ show_own_time_wish: next }));
            announce(next ? 'Your wish now shows in your bonds’ insights.' : 'Your wish is now yours alone again.');
          }}
          hint={
            <>
              <p>
                Off unless you turn it on. While it is off, only you see your wish. The people you are bonded with see
                how much time alone you noted in your check-ins, once you have both checked in, but never your wish.
              </p>
              <p>
                When it is on, they see your wish beside that time in the insights you share with them, and a gentle
                word when you have had less than you wished for.
              </p>
            </>
          }
        />
      </div>
    </section>
  );
}
