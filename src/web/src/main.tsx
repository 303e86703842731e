import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyLanguage } from './i18n.ts';
import { loadPage } from './pages.ts';
import { fetchSession } from './session.ts';
import { routeFromPath, viewsFor } from './views.ts';
import './styles.css';

// The session is asked for before React mounts (the server has already had the browser fetch
// it, with the screen's code and first data: src/http/web.ts), and the first screen is drawn
// once its code and the user's language are here, so it appears whole instead of after a
// "Laddar…" and a second round trip.
async function boot() {
  const session = await fetchSession();
  if (session && !session.mfaRequired) {
    const { view } = routeFromPath(window.location.pathname, viewsFor(session.user.role));
    await Promise.all([loadPage(view).catch(() => undefined), session.language === 'sv' ? null : applyLanguage(session.language).catch(() => undefined)]);
  }
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App initialSession={session} />
    </StrictMode>,
  );
}

void boot();
