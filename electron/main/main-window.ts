// The one app window: created with the locked-down options, placed where the user left it, and loading the
// page the core serves. The page gets the contract token from the preload, never in its URL.
import path from 'node:path';
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { mainWindowOptions } from './window-options.ts';
import { readWindowState, restoreWindow, WINDOW_STATE_FILE, writeWindowState } from './window-state.ts';

const SHOW_ANYWAY_AFTER_MS = 5000;

export interface MainWindowSetup {
  appOrigin: string;
  preload: string;
  icon: string;
  dataDir: string;
  isDev: boolean;
  title: string;
  log: (line: string) => void;
}

export function createMainWindow(setup: MainWindowSetup): BrowserWindow {
  const stateFile = path.join(setup.dataDir, WINDOW_STATE_FILE);
  const restored = restoreWindow(
    readWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow(
    mainWindowOptions({
      preload: setup.preload,
      restored,
      isDev: setup.isDev,
      dark: nativeTheme.shouldUseDarkColors,
      // macOS shows the bundle's icon; elsewhere a clone has no other.
      icon: process.platform === 'darwin' ? undefined : setup.icon,
      title: setup.title,
    }),
  );
  if (restored.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  // Should the first paint never come (a renderer stuck loading), show the window anyway rather than nothing.
  setTimeout(() => {
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  }, SHOW_ANYWAY_AFTER_MS).unref();

  // Saved on close only: the normal (unmaximised) bounds, so un-maximising next time returns to them.
  window.on('close', () => {
    try {
      writeWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (err) {
      setup.log(`could not save the window's size and place: ${String(err)}`);
    }
  });

  window.webContents.on('render-process-gone', (_event, details) => setup.log(`the page's process ended: ${details.reason} (exit code ${details.exitCode})`));
  window.loadURL(`${setup.appOrigin}/`).catch((err: unknown) => setup.log(`could not load the page: ${String(err)}`));
  return window;
}
