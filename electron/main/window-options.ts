// The main window's construction options, above all its webPreferences: the renderer is a web page with no
// Node, no Electron and no way out of Chromium's sandbox; it reaches the main process only through the
// preload's three allowlisted calls. Pure (type-only Electron import) so a test pins every security switch.
import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_SIZE, type RestoredWindow } from './window-state.ts';

export interface MainWindowInput {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preload: string;
  restored: RestoredWindow;
  /** Developer tools exist only in a development run (`npm start`), never in a packaged app. */
  isDev: boolean;
  /** Paint the window dark before the page loads when the OS is dark, so it does not flash white. */
  dark: boolean;
  /** The window icon (Linux and Windows; macOS takes the bundle's). */
  icon?: string;
  title: string;
}

export const DARK_BACKGROUND = '#16181d';
export const LIGHT_BACKGROUND = '#ffffff';

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    ...input.restored.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: input.title,
    // Shown on ready-to-show, so the first frame the user sees is the rendered page.
    show: false,
    backgroundColor: input.dark ? DARK_BACKGROUND : LIGHT_BACKGROUND,
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      // The preload's world is apart from the page's; the page sees only what contextBridge exposes.
      contextIsolation: true,
      // The renderer runs in Chromium's OS-level sandbox; the preload gets only the sandboxed subset of Electron.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Same-origin policy and mixed-content blocking stay as in any browser.
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // The page needs no spellchecker, which would otherwise download dictionaries from Google.
      spellcheck: false,
      experimentalFeatures: false,
      // A file dropped on the window must not replace the app with that file.
      navigateOnDragDrop: false,
      // A page looping alert() cannot lock the user out.
      safeDialogs: true,
      devTools: input.isDev,
    },
  };
}
