import { render } from 'preact';
import { App } from './app';
import { AuthProvider } from './auth';
import { StatusProvider } from './status';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';

const root = document.getElementById('app');
if (root) {
  render(
    <StatusProvider>
      <AuthProvider>
        <App />
      </AuthProvider>
    </StatusProvider>,
    root,
  );
}
