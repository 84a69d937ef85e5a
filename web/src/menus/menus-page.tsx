// Wishes at /bonds/:id/menus: first, in plain words, what the other sees and never sees; then each
// menu the bond has (affection always, intimacy for partners) with one's own progress and the way
// in; then what the two both want, by menu and category. No scores, and nothing of the other's
// answers but the shared wishes the server sends.
import { api, type Bond, type Menu, type MenuAnswer, type MenuMatch, type MenusView } from '../api';
import { BondMissing } from '../bond/bond-missing';
import { useCatalog, useResource, useTitle, type Resource } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { LoadError, Loading } from '../ui/feedback';
import { bondHref, menuHref } from '../ui/target';
import { answerMap, groupWishes, menuItems, progress, progressSaid, suggestedSaid, wishMark, type Answers } from './rules';
import './menus.css';

export const WISHES_TITLE = 'Wishes';

/**
 * Keeps a menus screen current: the other's suggestions come and go, the shared wishes change
 * (`matches`, where the screen shows them), and an ended bond takes everything with it.
 */
export function useMenusLive(
  id: string,
  r: { bond: Resource<Bond>; view: Resource<MenusView>; mine: Resource<MenuAnswer[]>; matches?: Resource<MenuMatch[]> },
): void {
  useLiveEvents((event) => {
    const here = event.bond_id === id;
    if (event.type === 'resync' || (here && event.type === 'bond_ended')) {
      if (event.type === 'bond_ended') r.bond.reload();
      r.view.reload();
      r.mine.reload();
      r.matches?.reload();
    }
    if (here && event.type === 'menu_matches_changed') r.matches?.reload();
    if (here && (event.type === 'menu_suggested' || event.type === 'menu_unsuggested')) (r.view.reload(), r.matches?.reload());
  });
}

/** What the other sees, said before anything is answered. */
export function SeenBox({ bond, withIntimacy }: { bond: Bond; withIntimacy: boolean }) {
  const other = bond.other.display_name;
  return (
    <section class="menus-seen" aria-labelledby="menus-seen-heading">
      <h2 id="menus-seen-heading" class="menus-seen__heading">
        What {other} sees
      </h2>
      <p>
        {other} sees only what you both want. A no is never shown, and nothing tells whether you answered at all.
      </p>
      {withIntimacy && <p>Nobody is told whether you opened the intimacy menu.</p>}
    </section>
  );
}

/** The calm word for a bond that has ended, where the menus were. */
export function EndedNotice({ bond }: { bond: Bond }) {
  return (
    <div class="notice">
      <p>
        Your bond with {bond.other.display_name} has ended, and its menus went with it: the answers, the suggestions and the shared
        wishes are gone for you both.
      </p>
      <p>
        <Link href={bondHref(bond.id)}>Back to the bond</Link>
      </p>
    </div>
  );
}

function MenuCard({ bond, menu, state, view, answers }: { bond: Bond; menu: Menu; state: MenusView['menus'][number]; view: MenusView; answers: Answers }) {
  const headingId = `menu-card-${menu.id}`;
  const items = menuItems(menu, bond.kind, view.suggestions);
  return (
    <li class="card menu-card" aria-labelledby={headingId}>
      <h3 id={headingId} class="menu-card__title">
        {menu.title}
      </h3>
      <p class="menu-card__description">{menu.description}</p>
      {state.open ? (
        <>
          <p class="menu-card__progress">{progressSaid(progress(items, answers))}</p>
          <Link class="button button--primary" href={menuHref(bond.id, menu.id)} aria-describedby={headingId}>
            Answer
          </Link>
        </>
      ) : (
        <>
          <p class="menu-card__progress">Not open for you. It opens only if you choose, and only for you.</p>
          <Link class="button button--secondary" href={menuHref(bond.id, menu.id)} aria-describedby={headingId}>
            Read about it
          </Link>
        </>
      )}
    </li>
  );
}

function SharedWishes({ menus, matches, view }: { menus: Menu[]; matches: MenuMatch[]; view: MenusView }) {
  const grouped = groupWishes(menus, matches, view.suggestions);
  if (grouped.length === 0) {
    return (
      <p class="menus-empty">
        Nothing here yet, and that is fine. Whatever you both said yes or maybe to will appear here, and only that. There is no hurry.
      </p>
    );
  }
  return (
    <>
      {grouped.map((menu) => (
        <section key={menu.id} class="wishes" aria-labelledby={`wishes-${menu.id}`}>
          <h3 id={`wishes-${menu.id}`} class="wishes__menu">
            {menu.title}
          </h3>
          {menu.sections.map((section) => (
            <div key={section.id} class="wishes__category">
              <h4 class="wishes__category-title">{section.title}</h4>
              <ul class="plain-list wishes__list">
                {section.items.map((wish) => {
                  const mark = wishMark(wish);
                  return (
                    <li key={wish.id} class={`wish${wish.bothYes ? ' wish--both-yes' : ''}`}>
                      <span class="wish__text">{wish.text}</span>
                      {(mark || wish.suggestion) && (
                        <span class="wish__marks">
                          {mark && <span class={`wish__mark${wish.askFirst ? ' wish__mark--ask' : ''}`}>{mark}</span>}
                          {wish.suggestion && <span class="menu-suggested">{suggestedSaid(wish.suggestion)}</span>}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

export function MenusPage({ id }: { id: string }) {
  const bond = useResource(() => api.bond(id), [id]);
  const view = useResource(() => api.menus(id), [id]);
  const mine = useResource(() => api.myMenuAnswers(id), [id]);
  const matches = useResource(() => api.menuMatches(id), [id]);
  const catalog = useCatalog();
  const b = bond.data;
  useTitle(b ? `${WISHES_TITLE}, you and ${b.other.display_name}` : WISHES_TITLE);
  useMenusLive(id, { bond, view, mine, matches });

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>{WISHES_TITLE}</h1>
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }
  const error = view.error ?? mine.error ?? matches.error ?? catalog.error;
  const reload = () => (view.reload(), mine.reload(), matches.reload(), catalog.reload());
  const v = view.data;
  const all = catalog.data?.menus;
  const answers = mine.data;
  const shared = matches.data;
  const ready = v && answers && shared && all;
  const ended = b.status !== 'active';
  const shown = ready ? all.filter((menu) => v.menus.some((m) => m.id === menu.id)) : [];
  return (
    <>
      <p class="breadcrumb">
        <Link href={bondHref(b.id)}>← You and {b.other.display_name}</Link>
      </p>
      <h1 tabIndex={-1}>{WISHES_TITLE}</h1>
      {!ended && (
        <p class="lede">Ways of being close, big and small, to mark on your own: yes, maybe or no. Only what you both want is shown to you both.</p>
      )}
      {ended ? (
        <EndedNotice bond={b} />
      ) : error && !ready ? (
        <LoadError error={error} onRetry={reload} />
      ) : !ready ? (
        <Loading />
      ) : (
        <>
          <SeenBox bond={b} withIntimacy={v.menus.some((m) => m.opt_in)} />
          <h2 class="menus__heading">Your menus</h2>
          <ul class="plain-list menu-cards">
            {shown.map((menu) => (
              <MenuCard key={menu.id} bond={b} menu={menu} state={v.menus.find((m) => m.id === menu.id)!} view={v} answers={answerMap(answers)} />
            ))}
          </ul>
          <h2 class="menus__heading">What you both want</h2>
          <SharedWishes menus={all} matches={shared} view={v} />
        </>
      )}
    </>
  );
}
