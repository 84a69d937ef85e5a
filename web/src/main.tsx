// The shared styles come first, so each feature's stylesheet (imported by the feature) follows them.
import './ui/base.css';
import './ui/layout.css';
import './ui/ui.css';
import './ui/choices.css';
import './ui/flow.css';
import { render } from 'preact';
import { App } from './app';
import { AuthProvider } from './auth';
import { LiveProvider } from './live';
import { NewsProvider } from './news/state';
import { StatusProvider } from './status';
import { ConnectionNotices } from './pwa/offline';
import { registerServiceWorker } from './pwa/register';
import { UpdateOffer } from './pwa/update';

const root = document.getElementById('app');
if (root) {
  render(
    <StatusProvider>
      <AuthProvider>
        <LiveProvider>
          <NewsProvider>
            <App />
          </NewsProvider>
        </LiveProvider>
      </AuthProvider>
      <UpdateOffer />
      <ConnectionNotices />
    </StatusProvider>,
    root,
  );
  // Only the built app has a worker (the Vite plugin in vite.config.ts writes it).
  if (import.meta.env.PROD) registerServiceWorker();
}
