import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToCore } from './connection/connect.ts';
import { followMenuCommands } from './connection/menu-commands.ts';
import { App } from './components/shell/App.tsx';
import { followHistory, parseRoute, useRoute } from './state/route-store.ts';
import { applyThemeToDocument } from './state/theme-store.ts';
import './styles/index.css';

applyThemeToDocument();
// Reads (and strips) the token from the URL before the route is read from it.
void connectToCore();
const initial = parseRoute(location.hash);
if (initial) useRoute.setState({ route: initial });
else history.replaceState(null, '', '#/contexts');
followHistory();
followMenuCommands();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
