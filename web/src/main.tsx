import { render } from 'preact';
import { App } from './app';
import { AuthProvider } from './auth';
import { LiveProvider } from './live';
import { StatusProvider } from './status';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/inner.css';
import './styles/checkin.css';

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
