// The first thing someone who is not signed in sees at "/": what Pillars is, that it is private and
// runs on a server of one's own, and how two people start. Signed-in people get Home instead.
import { useTitle } from '../hooks';
import { Link } from '../router';
import './start.css';

const offers = [
  {
    title: 'A space of your own',
    text: 'Each of you keeps a private journal for what goes on inside, the heavy and the light. Nothing in it reaches the other until you choose to share a piece of it, and you can take it back.',
  },
  {
    title: 'A daily check-in, and nobody goes first',
    text: 'A minute a day: how you feel, how close you feel, what would help. Your answers open only once you have both answered, and then you see them side by side.',
  },
  {
    title: 'Closeness, and time of your own',
    text: 'Ways to come closer, like a warm word or asking for comfort, and ways to ask for room to yourself. Both belong in a good bond; neither is a rejection.',
  },
];

/** The two ways in, at the top of the page and again at its end. */
function Begin({ extra }: { extra?: string }) {
  return (
    <div class={extra ? `actions ${extra}` : 'actions'}>
      <Link href="/signup" class="button button--primary">
        Create an account
      </Link>
      <Link href="/signin" class="button button--secondary">
        Sign in
      </Link>
    </div>
  );
}

export function Welcome() {
  useTitle('');
  return (
    <div class="welcome">
      <h1 tabIndex={-1}>Close to each other, and still yourselves</h1>
      <p class="lede">
        Pillars is a private place for two people, partners, close friends or family, to share what is going on
        inside and to keep room for a life of their own.
      </p>
      <Begin extra="welcome__actions" />

      <section class="section" aria-labelledby="welcome-what">
        <h2 id="welcome-what">What it is for</h2>
        <ul class="plain-list welcome__offers">
          {offers.map((offer) => (
            <li class="card welcome__offer" key={offer.title}>
              <h3>{offer.title}</h3>
              <p>{offer.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section class="section" aria-labelledby="welcome-private">
        <h2 id="welcome-private">Private, and on your own server</h2>
        <p>
          Pillars runs on a server that you, or someone you trust, look after. What you write stays there: no
          advertising, no outside services, nobody reading along. Only the two of you see what you share with each
          other.
        </p>
      </section>

      <section class="section" aria-labelledby="welcome-start">
        <h2 id="welcome-start">How the two of you begin</h2>
        <ol class="welcome__steps">
          <li>Each of you makes an account here.</li>
          <li>One of you makes an invite code and gives it to the other, in person or somewhere private.</li>
          <li>The other enters the code, and the two of you are joined. Your first check-in can start straight away.</li>
        </ol>
        <Begin />
      </section>
    </div>
  );
}
