import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.jsx';
import { startRefreshScheduler } from './auth/refresh.js';
import { loadConfig } from './lib/config.js';
import './styles.css';

// How people sign in (local accounts or the Cognito user pool) is the server's to say: ask once, then start.
loadConfig().then((config) => {
  if (config.auth === 'cognito') startRefreshScheduler();
  createRoot(document.getElementById('root')).render(
    <StrictMode>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StrictMode>,
  );
});
