// One menu at /bonds/:id/menus/:menu: answered alone, one item at a time or as a list (?view=list),
// each answer kept the moment it is given, with Undo for the last one. Suggestions are items too,
// marked with their author. An opt-in menu (intimacy) that is not open to the caller explains itself
// first and opens only on their word; once open it can be closed again, deleting one's answers in it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Bond, type Menu, type MenuAnswer, type MenuAnswerValue, type MenusView } from '../api';
import { BondMissing } from '../bond/bond-missing';
import { countChars } from '../catalog';
import { useAction, useCatalog, useConfirmStep, useResource, useTitle, type Resource } from '../hooks';
import { Link } from '../router';
import { useAnnounce } from '../status';
import { Choices } from '../ui/choices';
import { Confirm } from '../ui/confirm';
import { LoadError, Loading } from '../ui/feedback';
import { Button, Field, Form, FormActions, fieldError } from '../ui/forms';
import { menuHref, menusHref } from '../ui/target';
import { EndedNotice, SeenBox, useMenusLive } from './menus-page';
import {
  ANSWER_WORDS,
  SUGGESTION_MAX,
  SUGGESTION_MIN,
  answerMap,
  answerSaid,
  byCategory,
  firstUnanswered,
  menuItems,
  progress,
  progressSaid,
  suggestedSaid,
  undoStep,
  withAnswer,
  type Answers,
  type LastAnswer,
  type ShownItem,
} from './rules';
import './menus.css';

const VALUES: MenuAnswerValue[] = ['yes', 'maybe', 'no'];

/**
 * What saving an answer says, spoken through the screen's own polite region: said on every answer,
 * it would crowd the app's notices. Emptied first, so a second "Saved" is spoken too.
 */
function useSaidHere() {
  const [said, setSaid] = useState('');
  const timer = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const say = (text: string) => {
    window.clearTimeout(timer.current);
    setSaid('');
    timer.current = window.setTimeout(() => setSaid(text), 50);
  };
  return { said, say };
}

/** One's answers in this bond, kept the moment they are given, and the last one to undo. */
function useAnswers(bondId: string, mine: Resource<MenuAnswer[]>) {
  const { said, say: announce } = useSaidHere();
  // Changes made here, on top of the answers as last loaded; a new load starts afresh from it.
  const [kept, setKept] = useState<{ from: MenuAnswer[] | undefined; map: Answers }>({ from: undefined, map: new Map() });
  const answers = kept.from === mine.data ? kept.map : answerMap(mine.data ?? []);
  const [last, setLast] = useState<(LastAnswer & { text: string }) | null>(null);
  const change = (itemId: string, answer: MenuAnswer | null) =>
    setKept((k) => ({ from: mine.data, map: withAnswer(k.from === mine.data ? k.map : answerMap(mine.data ?? []), itemId, answer) }));
  const action = useAction(async (itemId: string, value: MenuAnswerValue | null, askFirst: boolean) => {
    if (value === null) {
      await api.clearMenuAnswer(bondId, itemId);
      return null;
    }
    return api.answerMenuItem(bondId, itemId, value, askFirst);
  });
  /**
   * Saves (or with null, clears) an answer and says so; true once kept. The answer shows at once
   * and goes back to what it was if the server does not take it.
   */
  const put = async (itemId: string, value: MenuAnswerValue | null, askFirst: boolean, said: string) => {
    const before = answers.get(itemId) ?? null;
    const ask = value === 'maybe' && askFirst;
    change(itemId, value === null ? null : { item_id: itemId, answer: value, ask_first: ask, updated_at: before?.updated_at ?? '' });
    const saved = await action.run(itemId, value, ask);
    if (saved === undefined) {
      change(itemId, before);
      return false;
    }
    change(itemId, saved);
    announce(said);
    return true;
  };
  const answer = async (item: ShownItem, value: MenuAnswerValue | null, askFirst = false) => {
    const before = answers.get(item.id);
    if (!(await put(item.id, value, askFirst, value === null ? 'Your answer is taken back.' : 'Saved'))) return false;
    setLast({ itemId: item.id, text: item.text, before: before ? { answer: before.answer, ask_first: before.ask_first } : null });
    return true;
  };
  const undo = async (items: readonly ShownItem[]) => {
    const item = last && items.find((i) => i.id === last.itemId);
    if (!last || !item) return (setLast(null), null);
    const step = undoStep(last);
    if (!(await put(item.id, step.clear ? null : step.answer, !step.clear && step.askFirst, 'Undone: your answer is as it was.'))) return null;
    setLast(null);
    return item;
  };
  const forget = (itemId: string) => {
    change(itemId, null);
    if (last?.itemId === itemId) setLast(null);
  };
  return { answers, last, answer, undo, forget, said, busy: action.busy, error: action.error };
}

type AnswerState = ReturnType<typeof useAnswers>;

function UndoLast({ state, items, onUndone }: { state: AnswerState; items: readonly ShownItem[]; onUndone?: (item: ShownItem) => void }) {
  if (!state.last) return null;
  return (
    <div class="menu-undo">
      <Button
        variant="secondary"
        aria-describedby="menu-undo-what"
        onClick={async () => {
          const item = await state.undo(items);
          if (item) onUndone?.(item);
        }}
      >
        Undo last answer
      </Button>
      <p class="field__hint" id="menu-undo-what">
        Puts your answer to “{state.last.text}” back as it was.
      </p>
    </div>
  );
}

function SavingError({ state }: { state: AnswerState }) {
  return state.error ? (
    <p class="form-error" role="alert">
      {state.error.detail}
    </p>
  ) : null;
}

function Suggested({ item, onRemove }: { item: ShownItem; onRemove: (item: ShownItem) => void }) {
  if (!item.suggestion) return null;
  return (
    <p class="menu-item__suggested">
      <span class="menu-suggested">{suggestedSaid(item.suggestion)}</span>
      {item.suggestion.mine && (
        <Button variant="quiet" class="button button--quiet menu-item__remove" onClick={() => onRemove(item)} aria-label={`Remove your suggestion “${item.text}”`}>
          Remove
        </Button>
      )}
    </p>
  );
}

function AskFirst({ id, checked, onChange, other, hint = true }: { id: string; checked: boolean; onChange: (on: boolean) => void; other: string; hint?: boolean }) {
  return (
    <div class="menu-ask">
      <div class="choice choice--plain">
        <input type="checkbox" class="choice__input" id={id} checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.currentTarget.checked)} />
        <label class="choice__label" for={id}>
          <span class="choice__title">Ask me first</span>
        </label>
      </div>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          Goes with Maybe. If you both want it, {other} sees that you would like to be asked first.
        </p>
      )}
    </div>
  );
}

function OneAtATime({ bond, menu, items, state, onRemove }: { bond: Bond; menu: Menu; items: ShownItem[]; state: AnswerState; onRemove: (item: ShownItem) => void }) {
  const [index, setIndex] = useState(() => firstUnanswered(items, state.answers));
  const heading = useRef<HTMLHeadingElement>(null);
  const [moved, setMoved] = useState(0);
  const at = Math.min(index, items.length);
  const item = items[at];
  const current = item ? state.answers.get(item.id) : undefined;
  const [askFirst, setAskFirst] = useState(false);
  useEffect(() => setAskFirst(current?.answer === 'maybe' && current.ask_first), [item?.id, current?.answer, current?.ask_first]);
  useEffect(() => {
    if (moved) heading.current?.focus();
  }, [moved]);
  const go = (next: number) => {
    setIndex(Math.max(0, Math.min(next, items.length)));
    setMoved((n) => n + 1);
  };
  const category = item && menu.categories.find((c) => c.id === item.category);
  return (
    <>
      {item ? (
        <section class="card menu-one" aria-labelledby="menu-one-text">
          <p class="menu-one__where">
            {category?.title} · {at + 1} of {items.length}
          </p>
          <h2 id="menu-one-text" class="menu-one__text" tabIndex={-1} ref={heading}>
            {item.text}
          </h2>
          {item.detail && <p class="menu-one__detail">{item.detail}</p>}
          <Suggested item={item} onRemove={onRemove} />
          <p class="menu-one__now">{answerSaid(current)}</p>
          <AskFirst
            id="menu-one-ask"
            checked={askFirst}
            onChange={(on) => {
              setAskFirst(on);
              // Already a maybe: the change is kept at once, like any answer.
              if (current?.answer === 'maybe') void state.answer(item, 'maybe', on);
            }}
            other={bond.other.display_name}
          />
          <div class="menu-one__answers" role="group" aria-label="Your answer">
            {VALUES.map((value) => (
              <Button
                key={value}
                variant={current?.answer === value ? 'primary' : 'secondary'}
                aria-pressed={current?.answer === value ? 'true' : 'false'}
                busy={state.busy}
                onClick={async () => {
                  if (await state.answer(item, value, askFirst)) go(at + 1);
                }}
              >
                {ANSWER_WORDS[value]}
              </Button>
            ))}
          </div>
          <SavingError state={state} />
          <div class="menu-one__nav">
            {at > 0 && (
              <Button variant="quiet" onClick={() => go(at - 1)}>
                ← Back
              </Button>
            )}
            <Button variant="quiet" class="button button--quiet menu-one__skip" onClick={() => go(at + 1)}>
              Skip →
            </Button>
          </div>
        </section>
      ) : (
        <section class="card menu-one" aria-labelledby="menu-one-text">
          <h2 id="menu-one-text" class="menu-one__text" tabIndex={-1} ref={heading}>
            You have been through them all
          </h2>
          <p>{progressSaid(progress(items, state.answers))}. You can change any answer whenever you like.</p>
          <div class="actions">
            <Button variant="secondary" onClick={() => go(0)}>
              Start again from the first
            </Button>
            <Link class="button button--primary" href={menusHref(bond.id)}>
              See what you both want
            </Link>
          </div>
        </section>
      )}
      <UndoLast state={state} items={items} onUndone={(undone) => go(items.indexOf(undone))} />
    </>
  );
}

function ListItem({ bond, item, state, onRemove }: { bond: Bond; item: ShownItem; state: AnswerState; onRemove: (item: ShownItem) => void }) {
  const current = state.answers.get(item.id);
  const id = `menu-item-${item.id.replaceAll('.', '-')}`;
  const save = (value: MenuAnswerValue, askFirst = false) => void state.answer(item, value, askFirst);
  return (
    <li class="menu-item">
      <Choices
        id={id}
        legend={item.text}
        describedBy={item.detail ? `${id}-detail` : undefined}
        class="menu-item__choices"
        options={VALUES.map((value) => ({ value, label: ANSWER_WORDS[value] }))}
        value={current?.answer ?? null}
        onChange={(value) => save(value, value === 'maybe' && (current?.ask_first ?? false))}
        before={
          item.detail && (
            <p class="menu-item__detail" id={`${id}-detail`}>
              {item.detail}
            </p>
          )
        }
      >
        {current && (
          <Button variant="quiet" class="button button--quiet menu-item__clear" onClick={() => void state.answer(item, null)} aria-label={`Clear your answer to “${item.text}”`}>
            Clear
          </Button>
        )}
      </Choices>
      {current?.answer === 'maybe' && (
        <AskFirst id={`${id}-ask`} checked={current.ask_first} onChange={(on) => save('maybe', on)} other={bond.other.display_name} hint={false} />
      )}
      <Suggested item={item} onRemove={onRemove} />
      {state.last?.itemId === item.id && <UndoLast state={state} items={[item]} />}
    </li>
  );
}

function ListView({ bond, menu, items, state, onRemove }: { bond: Bond; menu: Menu; items: ShownItem[]; state: AnswerState; onRemove: (item: ShownItem) => void }) {
  return (
    <>
      <p class="field__hint menu-list__hint">
        Ask me first goes with Maybe: if you both want it, {bond.other.display_name} sees that you would like to be asked first.
      </p>
      <SavingError state={state} />
      {byCategory(menu, items).map((section) => (
        <section key={section.id} class="menu-list" aria-labelledby={`menu-list-${section.id}`}>
          <h2 id={`menu-list-${section.id}`}>{section.title}</h2>
          <p class="menu-list__description">{section.description}</p>
          <ul class="plain-list menu-list__items">
            {section.items.map((item) => (
              <ListItem key={item.id} bond={bond} item={item} state={state} onRemove={onRemove} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function SuggestForm({ bond, menu, onAdded }: { bond: Bond; menu: Menu; onAdded: () => void }) {
  const announce = useAnnounce();
  const [category, setCategory] = useState(menu.categories[0]?.id ?? '');
  const [text, setText] = useState('');
  const [short, setShort] = useState(false);
  const send = useAction(() => api.suggestMenuItem(bond.id, { menu: menu.id, category, text: text.trim() }));
  const count = countChars(text);
  const other = bond.other.display_name;
  return (
    <section class="menu-suggest" aria-labelledby="menu-suggest-heading">
      <h2 id="menu-suggest-heading">Suggest something</h2>
      <p id="menu-suggest-note">
        Something you would like that is not here? {other} will see that you suggested it
        {menu.id === 'intimacy' ? ', once this menu is open to you both' : ''}. Suggesting says nothing of your own answer: you answer it
        like any other.
      </p>
      <Form
        class="stack"
        aria-labelledby="menu-suggest-heading"
        error={send.error}
        fields={['category', 'text']}
        onSubmit={async () => {
          if (countChars(text.trim()) < SUGGESTION_MIN) {
            setShort(true);
            window.setTimeout(() => document.getElementById('menu-suggest-text')?.focus(), 0);
            return;
          }
          setShort(false);
          if (await send.run()) {
            setText('');
            announce('Your suggestion is added, at the end of the menu.');
            onAdded();
          }
        }}
      >
        <div class="field">
          <label for="menu-suggest-category">Where it belongs</label>
          <select id="menu-suggest-category" class="input" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            {menu.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <Field
          id="menu-suggest-text"
          label="Your suggestion"
          hint={`${count} of ${SUGGESTION_MAX} characters, on one line`}
          value={text}
          maxLength={SUGGESTION_MAX}
          autocomplete="off"
          onInput={(e) => setText(e.currentTarget.value.replace(/[\r\n]+/g, ' '))}
          error={short ? `A few words, please: at least ${SUGGESTION_MIN} characters.` : fieldError(send.error, 'text')}
        />
        <FormActions label="Suggest it" busy={send.busy} busyLabel="Adding…" />
      </Form>
    </section>
  );
}

function CloseMenu({ bond, menu, onClosed }: { bond: Bond; menu: Menu; onClosed: (view: MenusView) => void }) {
  const announce = useAnnounce();
  const { confirming, setConfirming, question, opener } = useConfirmStep();
  const close = useAction(() => api.setMenuOpening(bond.id, menu.id, false));
  return (
    <section class="menu-close" aria-labelledby="menu-close-heading">
      <h2 id="menu-close-heading">Close this menu</h2>
      <p>If you would rather not have this menu for now, you can close it for yourself, and open it again later.</p>
      {confirming ? (
        <Confirm
          id="menu-close-question"
          question={`Close the ${menu.title.toLowerCase()} menu for you?`}
          headingRef={question}
          error={close.error}
          busy={close.busy}
          yes="Close it and delete my answers"
          busyLabel="Closing…"
          no="Keep it open"
          onYes={async () => {
            const view = await close.run();
            if (!view) return;
            announce(`The ${menu.title.toLowerCase()} menu is closed for you, and your answers in it are deleted.`);
            onClosed(view);
          }}
          onNo={() => setConfirming(false)}
        >
          <p>Your answers and your suggestions in it will be deleted, and cannot be brought back. Whatever you both wanted from it stops showing.</p>
        </Confirm>
      ) : (
        <div ref={opener}>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Close this menu for me…
          </Button>
        </div>
      )}
    </section>
  );
}

function OpenMenu({ bond, menu, view, onOpened }: { bond: Bond; menu: Menu; view: MenusView; onOpened: (view: MenusView) => void }) {
  const announce = useAnnounce();
  const other = bond.other.display_name;
  const [adult, setAdult] = useState(false);
  const [missing, setMissing] = useState(false);
  const open = useAction(() => api.setMenuOpening(bond.id, menu.id, true, view.adult_confirmed ? undefined : true));
  const needsAdult = !view.adult_confirmed;
  return (
    <>
      <p class="lede">{menu.description}</p>
      <section class="card menu-open" aria-labelledby="menu-open-heading">
        <h2 id="menu-open-heading">Before you open it</h2>
        <ul class="menu-open__points">
          <li>This menu is about closeness, touch and desire. It is for adults, and only for partners.</li>
          <li>Opening it is for you alone. {other} is never told whether you opened it.</li>
          <li>Nothing from it shows to either of you until you have both opened it, and then only what you both said yes or maybe to.</li>
          <li>You can close it again whenever you like; your answers in it are then deleted.</li>
        </ul>
        <Form
          class="stack"
          aria-labelledby="menu-open-heading"
          error={open.error}
          fields={['adult']}
          onSubmit={async () => {
            if (needsAdult && !adult) {
              setMissing(true);
              window.setTimeout(() => document.getElementById('menu-adult')?.focus(), 0);
              return;
            }
            const opened = await open.run();
            if (!opened) return;
            announce(`The ${menu.title.toLowerCase()} menu is open for you.`);
            onOpened(opened);
          }}
        >
          {needsAdult && (
            <div class={missing && !adult ? 'field field--invalid' : 'field'}>
              <div class="choice choice--plain">
                <input
                  type="checkbox"
                  class="choice__input"
                  id="menu-adult"
                  checked={adult}
                  aria-invalid={missing && !adult ? 'true' : undefined}
                  aria-describedby={missing && !adult ? 'menu-adult-error' : undefined}
                  onChange={(e) => setAdult(e.currentTarget.checked)}
                />
                <label class="choice__label" for="menu-adult">
                  <span class="choice__title">I am an adult</span>
                </label>
              </div>
              {(missing && !adult) || fieldError(open.error, 'adult') ? (
                <p class="field__error" id="menu-adult-error">
                  {fieldError(open.error, 'adult') ?? 'This menu opens only for adults: tick the box if that is you.'}
                </p>
              ) : null}
            </div>
          )}
          <FormActions label="Open this menu for me" busy={open.busy} busyLabel="Opening…" />
        </Form>
      </section>
      <p>
        <Link href={menusHref(bond.id)}>Not now: back to Wishes</Link>
      </p>
    </>
  );
}

export function MenuPage({ id, menuId, list }: { id: string; menuId: string; list: boolean }) {
  const announce = useAnnounce();
  const bond = useResource(() => api.bond(id), [id]);
  const view = useResource(() => api.menus(id), [id]);
  const mine = useResource(() => api.myMenuAnswers(id), [id]);
  const catalog = useCatalog();
  const state = useAnswers(id, mine);
  const title = useRef<HTMLHeadingElement>(null);
  const b = bond.data;
  const menu = catalog.data?.menus.find((m) => m.id === menuId);
  useTitle(menu ? `${menu.title}, a menu of wishes` : 'A menu of wishes');
  useMenusLive(id, { bond, view, mine });
  const remove = useAction((item: ShownItem) => api.removeMenuSuggestion(id, item.id));
  const onRemove = async (item: ShownItem) => {
    if ((await remove.run(item)) === undefined) return;
    state.forget(item.id);
    announce('Your suggestion is removed.');
    view.reload();
  };

  const heading = <h1 tabIndex={-1} ref={title}>{menu?.title ?? 'A menu of wishes'}</h1>;
  if (!b) {
    return (
      <>
        {heading}
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }
  const error = view.error ?? mine.error ?? catalog.error;
  const v = view.data;
  const breadcrumb = (
    <p class="breadcrumb">
      <Link href={menusHref(b.id)}>← Wishes</Link>
    </p>
  );
  if (b.status !== 'active') {
    return (
      <>
        {breadcrumb}
        {heading}
        <EndedNotice bond={b} />
      </>
    );
  }
  if (error && !(v && mine.data && catalog.data)) {
    return (
      <>
        {breadcrumb}
        {heading}
        <LoadError error={error} onRetry={() => (view.reload(), mine.reload(), catalog.reload())} />
      </>
    );
  }
  if (!v || !mine.data || !catalog.data) {
    return (
      <>
        {breadcrumb}
        {heading}
        <Loading />
      </>
    );
  }
  const here = v.menus.find((m) => m.id === menuId);
  if (!menu || !here) {
    return (
      <>
        {breadcrumb}
        {heading}
        <p class="notice">This menu is not part of your bond with {b.other.display_name}.</p>
      </>
    );
  }
  const changed = (next: MenusView) => {
    view.set(next);
    mine.reload();
    title.current?.focus();
  };
  if (!here.open) {
    return (
      <>
        {breadcrumb}
        {heading}
        <OpenMenu bond={b} menu={menu} view={v} onOpened={changed} />
      </>
    );
  }
  const items = menuItems(menu, b.kind, v.suggestions);
  const Answering = list ? ListView : OneAtATime;
  return (
    <>
      {breadcrumb}
      {heading}
      <p class="menu-progress">{progressSaid(progress(items, state.answers))}</p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {state.said}
      </p>
      <nav class="menu-views" aria-label="How to answer">
        <Link href={menuHref(b.id, menu.id)} aria-current={list ? undefined : 'page'}>
          One at a time
        </Link>
        <Link href={menuHref(b.id, menu.id, true)} aria-current={list ? 'page' : undefined}>
          All as a list
        </Link>
      </nav>
      {remove.error && (
        <p class="form-error" role="alert">
          {remove.error.detail}
        </p>
      )}
      <Answering bond={b} menu={menu} items={items} state={state} onRemove={onRemove} />
      <SeenBox bond={b} withIntimacy={here.opt_in} />
      <SuggestForm bond={b} menu={menu} onAdded={view.reload} />
      {here.opt_in && <CloseMenu bond={b} menu={menu} onClosed={changed} />}
    </>
  );
}
