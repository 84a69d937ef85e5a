// "A new version is ready": offered, never forced. The page reloads only when the person chooses
// to; "Later" puts it away, and the new version then starts the next time Pillars is opened.
import { useEffect, useState } from 'preact/hooks';
import { applyUpdate, onUpdateReady } from './register';
import './pwa.css';

export function UpdateOffer() {
  const [ready, setReady] = useState(false);
  const [later, setLater] = useState(false);
  const [applying, setApplying] = useState(false);
  useEffect(() => onUpdateReady(setReady), []);
  if (!ready || later) return null;
  return (
    <section class="update-offer" aria-labelledby="update-offer-text">
      <p id="update-offer-text" class="update-offer__text" role="status">
        A new version of Pillars is ready.
      </p>
      <div class="update-offer__actions">
        <button
          type="button"
          class="button button--primary"
          disabled={applying}
          onClick={() => {
            setApplying(true);
            applyUpdate();
          }}
        >
          {applying ? 'Reloading…' : 'Reload'}
        </button>
        <button type="button" class="button button--secondary" onClick={() => setLater(true)}>
          Later
        </button>
      </div>
    </section>
  );
}
