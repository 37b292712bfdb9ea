// The Electron main process: one window onto the page agent-core serves, the bridge that hands that page the
// core's endpoint, the menu, and the rules that keep the page a page (no Node, no navigation away, no new
// windows, no permissions). The core runs in this process; everything Kubernetes lives there, not here.
//
// First import, on purpose: in a clone it points require('better-sqlite3') at the build made for Electron.
import { devNativeModulesDir } from './dev-native-modules.ts';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, safeStorage, session, shell } from 'electron';
import type { AppServer } from '../../agent-core/app-server/index.ts';
import { importLoginShellPath } from '../../agent-core/kube/login-shell-path.ts';
import { defaultDataDir } from '../../agent-core/store/data-dir.ts';
import type { MenuCommand } from '../../agent-core/contract/desktop-bridge.ts';
import { IPC } from '../shared/ipc-channels.ts';
import { appFiles } from './app-files.ts';
import { appMenuTemplate } from './app-menu.ts';
import { registerBridgeHandlers } from './bridge-handlers.ts';
import { startCore } from './core.ts';
import { log } from './log.ts';
import { createMainWindow } from './main-window.ts';
import { quitGracefully } from './quit-gracefully.ts';
import { openSecretStore, SECRETS_FILE } from './secret-store.ts';
import { lockDownSession } from './session-policy.ts';
import { guardAllWebContents } from './web-contents-guard.ts';

const PRODUCT_NAME = 'Cluster Insight';
/** electron-builder.yml's appId: Windows groups the taskbar and pinned shortcuts under it. */
const APP_ID = 'io.clusterinsight.desktop';

function focus(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function main(): void {
  // Before anything asks for a path: the data folder is the one the CLI uses too (defaultDataDir: "<OS app data>/Cluster
  // Insight" on macOS and Windows, $XDG_DATA_HOME/cluster-insight on Linux), so `cluster-insight audit`, `recommend`
  // and `apply` find what the app stored, whether it runs from a clone or a package.
  app.setName(PRODUCT_NAME);
  // CLUSTER_INSIGHT_USER_DATA: a separate data folder (the e2e tests, or a second profile).
  app.setPath('userData', process.env.CLUSTER_INSIGHT_USER_DATA || defaultDataDir({ homeDir: app.getPath('home') }));
  // One app, one core, one store: a second launch focuses the first window instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const dataDir = app.getPath('userData');
  // Chromium's caches and storage in a subfolder, so the data folder shows the app's own files first.
  app.setPath('sessionData', path.join(dataDir, 'browser'));
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  const isDev = !app.isPackaged;
  const files = appFiles(app.getAppPath(), __dirname);
  let server: AppServer | undefined;
  let window: BrowserWindow | undefined;
  const appOrigin = () => server?.origin;

  if (devNativeModulesDir) log(`native modules for Electron from ${devNativeModulesDir}`);
  guardAllWebContents(appOrigin, log);
  quitGracefully(() => server?.close(), log);
  registerBridgeHandlers(() => server && { origin: server.origin, token: server.token });

  const openWindow = () => {
    if (!server) return;
    window = createMainWindow({ appOrigin: server.origin, preload: files.preload, icon: files.icon, dataDir, isDev, title: PRODUCT_NAME, log });
    window.on('closed', () => (window = undefined));
  };
  const sendMenuCommand = (command: MenuCommand) => {
    if (window && !window.isDestroyed()) window.webContents.send(IPC.menuCommand, command);
    else openWindow();
  };

  app.on('second-instance', () => (window ? focus(window) : openWindow()));
  // macOS keeps an app without windows running; its Dock icon opens the window again.
  app.on('activate', () => (window ? focus(window) : openWindow()));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Started from a desktop launcher, PATH lacks the folders of exec credential plugins (aws, gke-gcloud-auth-plugin,
  // kubelogin); ask the login shell, in parallel with Electron's own start-up, and before the core runs a plugin.
  const shellPath = importLoginShellPath();

  app
    .whenReady()
    .then(async () => {
      const imported = await shellPath;
      if (imported.outcome === 'merged') log(`PATH from ${imported.shell}: ${imported.added.length} folder(s) added`);
      else if (imported.outcome === 'failed') log(`PATH not imported from ${imported.shell}: ${imported.reason}`);

      lockDownSession(session.defaultSession, appOrigin);
      app.setAboutPanelOptions({ applicationName: PRODUCT_NAME, applicationVersion: app.getVersion(), copyright: 'Copyright © 2026 Cluster Insight' });
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          appMenuTemplate(
            { platform: process.platform, isDev, appName: PRODUCT_NAME },
            {
              command: sendMenuCommand,
              openDataFolder: () => void shell.openPath(dataDir).then((error) => error && log(`could not open ${dataDir}: ${error}`)),
              showAbout: () => app.showAboutPanel(),
            },
          ),
        ),
      );

      // safeStorage answers only after ready; the store asks it on each use.
      const secretStore = openSecretStore({ file: path.join(dataDir, SECRETS_FILE), safeStorage });
      server = await startCore({ dataDir, rendererDir: files.rendererDir, log, secretStore });
      log(`core listening on ${server.origin}; data in ${dataDir}`);
      openWindow();
    })
    .catch((err: unknown) => {
      // Most start-up failures are UserFacingErrors (a damaged store, an unwritable data folder) whose message
      // says what to do; show it rather than a stack trace, then leave.
      log(`could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      dialog.showErrorBox(`${PRODUCT_NAME} cannot start`, err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}

main();
