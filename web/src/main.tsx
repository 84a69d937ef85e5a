import { render } from 'preact';
import { App } from './app';
import { AuthProvider } from './auth';
import { LiveProvider } from './live';
import { StatusProvider } from './status';
import './ui/base.css';
import './ui/layout.css';
import './ui/ui.css';
import './inner/inner.css';
import './checkin/checkin.css';

const root = document.getElementById('app');
if (root) {
  render(
    <StatusProvider>
      <AuthProvider>
        <LiveProvider>
          <App />
        </LiveProvider>
      </AuthProvider>
    </StatusProvider>,
    root,
  );
}
