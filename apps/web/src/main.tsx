import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { matchRoutes } from 'react-router';
import { App, routes } from './app/App.tsx';
import { preloadPage } from './components/LazyPage.tsx';
import { i18nReady } from './i18n/i18n.ts';

// The first page's code is fetched now, beside the dictionary, not after it.
for (const match of matchRoutes(routes, window.location.pathname) ?? []) preloadPage(match.route.element);

// The first paint waits for the visitor's dictionary (one small chunk), never for the other one.
void i18nReady.finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
