// Runs the built main process (dist/electron/main.cjs) under plain Node with a stand-in for the 'electron' module,
// and drives it as Electron would: ready, a window, IPC from the page, a navigation, quitting. It prints one JSON
// report for electron/main/main-bundle.test.ts. This checks the bundle itself (its wiring, that the core starts
// in-process and serves the endpoint it hands out) on machines without an Electron binary; the e2e suite drives
// the real thing where one exists.
//
// Usage: node drive-main-bundle.mjs <scratch dir> [<app root>]
// With an app root (e.g. an extracted app.asar), that app's main.cjs runs as a packaged app would.
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const scratch = process.argv[2];
const packagedRoot = process.argv[3];
const root = packagedRoot ? path.resolve(packagedRoot) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const report = { windows: [], loaded: [], opened: [], menu: null, errors: [], logs: [] };

const handlers = new Map();
const appEvents = new EventEmitter();
const paths = { appData: path.join(scratch, 'appData'), home: path.join(scratch, 'home') };
let exitCode;
let menuTemplate = [];
let quitCount = 0;

class FakeWebContents extends EventEmitter {
  sent = [];
  send(channel, ...args) {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

class FakeBrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.destroyed = false;
    this.visible = false;
    report.windows.push(options);
    FakeBrowserWindow.all.push(this);
    appEvents.emit('web-contents-created', {}, this.webContents);
  }
  static all = [];
  loadURL(url) {
    report.loaded.push(url);
    return Promise.resolve();
  }
  maximize() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  show() {
    this.visible = true;
  }
  focus() {}
  restore() {}
  getNormalBounds() {
    return { x: 40, y: 50, width: 1111, height: 777 };
  }
  close() {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.emit('closed');
  }
}

const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (session.permissionRequest = h),
    setPermissionCheckHandler: (h) => (session.permissionCheck = h),
    webRequest: { onHeadersReceived: (h) => (session.headersReceived = h) },
  },
};

const fakeElectron = {
  app: {
    isPackaged: !!packagedRoot,
    setName: (name) => (fakeElectron.app.name = name),
    getPath: (name) => {
      if (!paths[name]) throw new Error(`no path ${name}`);
      return paths[name];
    },
    setPath: (name, value) => (paths[name] = value),
    getAppPath: () => root,
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => true,
    setAppUserModelId: () => {},
    enableSandbox: () => (report.sandboxEnabled = true),
    on: (event, listener) => appEvents.on(event, listener),
    whenReady: () => Promise.resolve(),
    setAboutPanelOptions: (o) => (report.about = o),
    showAboutPanel: () => {},
    quit: () => {
      quitCount++;
      let prevented = false;
      appEvents.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) appEvents.emit('quit-done');
    },
    exit: (code) => {
      exitCode = code;
      appEvents.emit('quit-done');
    },
  },
  BrowserWindow: FakeBrowserWindow,
  dialog: { showErrorBox: (title, message) => report.errors.push(`${title}: ${message}`) },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => (menuTemplate = m) },
  ipcMain: { handle: (channel, handler) => handlers.set(channel, handler) },
  nativeTheme: { shouldUseDarkColors: false },
  screen: {
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  },
  session,
  shell: {
    openExternal: (url) => {
      report.opened.push(url);
      return Promise.resolve();
    },
    openPath: () => Promise.resolve(''),
  },
};

// Resolve 'electron' to the stand-in; everything else as usual.
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'electron') return fakeElectron;
  return originalLoad.call(this, request, parent, isMain);
};

const until = async (what, check, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  report.logs.push(String(chunk).trim());
  return stderrWrite(chunk, ...rest);
};

try {
  Module.createRequire(import.meta.url)(path.join(root, 'dist/electron/main.cjs'));
  await until('the window', () => report.loaded.length > 0 || report.errors.length > 0);
  if (report.errors.length) throw new Error(report.errors.join('\n'));
  // The native addon resolves from where main.cjs sits, as the bundle's own require would find it.
  const Database = Module.createRequire(path.join(root, 'dist/electron/main.cjs'))('better-sqlite3');
  report.sqliteVersion = new Database(':memory:').prepare('select sqlite_version() as v').get().v;
  report.userData = paths.userData;
  report.sessionData = paths.sessionData;
  const window = FakeBrowserWindow.all[0];
  const origin = new URL(report.loaded[0]).origin;

  // The page's HTTP answer carries the CSP (the renderer may not be built: any status will do here).
  const page = await fetch(`${origin}/`);
  report.pageCsp = page.headers.get('content-security-policy');

  // IPC: the app's page gets the endpoint; anything else is refused.
  const endpointHandler = handlers.get('cluster-insight:endpoint');
  const trusted = { senderFrame: { url: `${origin}/`, parent: null } };
  report.endpoint = await endpointHandler(trusted);
  report.refused = [];
  for (const [name, event] of [
    ['other origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['subframe', { senderFrame: { url: `${origin}/`, parent: {} } }],
    ['gone', { senderFrame: null }],
  ]) {
    try {
      await endpointHandler(event);
      report.refused.push(`${name}: ANSWERED`);
    } catch (err) {
      report.refused.push(`${name}: ${err.message}`);
    }
  }
  const openHandler = handlers.get('cluster-insight:open-external');
  await openHandler(trusted, 'https://kubernetes.io/docs/');
  report.openFileRefusal = await openHandler(trusted, 'file:///etc/passwd').then(
    () => 'ANSWERED',
    (err) => err.message,
  );

  // The endpoint the page was given works: the contract answers over WebSocket with the page's Origin.
  report.contract = await new Promise((resolve, reject) => {
    const ws = new WebSocket(`${report.endpoint.origin}/contract?token=${encodeURIComponent(report.endpoint.token)}`, { headers: { Origin: origin } });
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'session.get', params: {} })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'result' && message.id === 1) {
        ws.close();
        resolve(message.result);
      }
    });
    ws.on('error', reject);
  });

  // Session rules: every permission refused; the CSP added to the app's responses only.
  report.permissionGranted = await new Promise((resolve) => session.permissionRequest({}, 'media', resolve, {}));
  report.permissionCheck = session.permissionCheck({}, 'clipboard-read', origin, {});
  report.headersForApp = await new Promise((resolve) => session.headersReceived({ url: `${origin}/`, responseHeaders: { 'Content-Type': ['text/html'] } }, resolve));
  report.headersForOther = await new Promise((resolve) => session.headersReceived({ url: 'https://example.com/', responseHeaders: {} }, resolve));

  // Navigation: in-app allowed, the web handed to the browser, anything else refused; no new windows.
  const navigate = (url) => {
    let prevented = false;
    window.webContents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
    return prevented ? 'prevented' : 'allowed';
  };
  report.navigation = {
    inApp: navigate(`${origin}/nodes`),
    web: navigate('https://github.com/'),
    file: navigate('file:///etc/passwd'),
  };
  report.windowOpen = window.webContents.windowOpenHandler({ url: 'https://example.org/' });
  let webviewPrevented = false;
  window.webContents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
  report.webviewPrevented = webviewPrevented;

  // Menu commands reach the page.
  report.menu = menuTemplate.map((i) => i.label ?? i.role);
  const reloadData = menuTemplate.flatMap((m) => m.submenu ?? []).find((i) => i.label === 'Reload Data');
  reloadData.click();
  report.menuCommandsSent = window.webContents.sent;

  // Closing the window saves its place; quitting stops the core before the process goes.
  window.close();
  report.windowStateFile = existsSync(path.join(paths.userData, 'window-state.json')) ? JSON.parse(readFileSync(path.join(paths.userData, 'window-state.json'), 'utf8')) : null;
  const quitDone = new Promise((resolve) => appEvents.once('quit-done', resolve));
  fakeElectron.app.quit();
  await quitDone;
  report.quitCalls = quitCount;
  report.exitCode = exitCode ?? null;
  report.coreAfterQuit = await fetch(`${origin}/`).then(
    (r) => `answered ${r.status}`,
    () => 'closed',
  );
} catch (err) {
  report.failure = err instanceof Error ? (err.stack ?? err.message) : String(err);
}
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
