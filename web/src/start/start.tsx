// The first steps after making an account: make a code or enter one, then the first check-in with
// the bond that makes. It can be left for later; Home points back here while there is no bond.
import { useUser } from '../auth';
import { useTitle } from '../hooks';
import { Link } from '../router';
import './start.css';

export function Start() {
  useTitle('Getting started');
  const user = useUser();
  return (
    <div class="start">
      <h1 tabIndex={-1}>Welcome, {user.display_name}</h1>
      <p class="lede">
        A bond in Pillars is between two people. To begin, join up with someone you want to share it with: one of
        you makes a code, the other enters it.
      </p>
      <ul class="plain-list start__ways">
        <li class="card start__way">
          <h2>Make a code for them</h2>
          <p>Make a code and give it to them. When they enter it, you are taken to your first check-in together.</p>
          <Link href="/start/invite" class="button button--primary">
            Invite someone
          </Link>
        </li>
        <li class="card start__way">
          <h2>You were given a code</h2>
          <p>Someone who matters to you made a code for the two of you? Enter it to join them.</p>
          <Link href="/start/join" class="button button--secondary">
            I have a code
          </Link>
        </li>
      </ul>
      <p class="aside">
        Not now? Your journal is yours either way, and you can come back to this from Home.{' '}
        <Link href="/">Later</Link>
      </p>
    </div>
  );
}
