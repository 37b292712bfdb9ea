// The built main process, run under Node with a stand-in 'electron' (electron/test-support/drive-main-bundle.mjs):
// its wiring end to end — the core started in-process, the window's options, the endpoint it hands the page and
// that the endpoint works, the IPC sender checks, the session rules, navigation, the menu, quitting — on any
// machine, with or without an Electron binary.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../scripts/build.mjs';

const root = path.resolve(import.meta.dirname, '../..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report is the driver's JSON
let report: any;

beforeAll(async () => {
  await buildElectron();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ci-main-bundle-'));
  const env: NodeJS.ProcessEnv = { ...process.env, KUBECONFIG: path.join(scratch, 'no-kubeconfig'), XDG_DATA_HOME: path.join(scratch, 'data') };
  // No login shell to ask for PATH: the driver must not run the user's rc files.
  delete env.SHELL;
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'electron/test-support/drive-main-bundle.mjs'), scratch], { env, timeout: 60_000 });
  report = JSON.parse(stdout.trim().split('\n').at(-1)!);
  report.scratch = scratch;
}, 90_000);

describe('the main bundle', () => {
  it('starts without an error', () => {
    expect(report.failure).toBeUndefined();
    expect(report.errors).toEqual([]);
  });

  it('keeps its data in "<app data>/Cluster Insight", with Chromium’s storage in a subfolder', () => {
    // The CLI's data folder (here XDG_DATA_HOME's), so `cluster-insight audit` and `recommend` find what the app stored.
    expect(report.userData).toBe(path.join(report.scratch, 'data', 'cluster-insight'));
    expect(report.sessionData).toBe(path.join(report.userData, 'browser'));
  });

  it('sandboxes every renderer and opens one locked-down window on the core’s page, without the token in the URL', () => {
    expect(report.sandboxEnabled).toBe(true);
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0].webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(report.windows[0].webPreferences.preload).toBe(path.join(root, 'dist/electron/preload.cjs'));
    expect(report.loaded).toHaveLength(1);
    expect(report.loaded[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('hands the page a working endpoint: the ws:// origin and token the contract accepts', () => {
    const origin = new URL(report.loaded[0]).origin;
    expect(report.endpoint.origin).toBe(origin.replace('http:', 'ws:'));
    expect(report.endpoint.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(report.contract).toMatchObject({ phase: 'idle', context: null });
  });

  it('answers IPC only for the app’s page in the top frame', () => {
    expect(report.refused).toEqual([
      expect.stringMatching(/^other origin: refused/),
      expect.stringMatching(/^subframe: refused/),
      expect.stringMatching(/^gone: refused/),
    ]);
    expect(report.openFileRefusal).toMatch(/only http and https/);
  });

  it('serves the page with the CSP, and adds it again from the session for the app’s origin only', () => {
    expect(report.pageCsp).toContain("default-src 'none'");
    expect(report.headersForApp.responseHeaders['Content-Security-Policy']).toEqual([report.pageCsp]);
    expect(report.headersForOther).toEqual({});
  });

  it('grants no permission', () => {
    expect(report.permissionGranted).toBe(false);
    expect(report.permissionCheck).toBe(false);
  });

  it('keeps navigation in the app, sends web links to the browser, opens no window and no webview', () => {
    expect(report.navigation).toEqual({ inApp: 'allowed', web: 'prevented', file: 'prevented' });
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.webviewPrevented).toBe(true);
    expect(report.opened).toEqual(['https://kubernetes.io/docs/', 'https://github.com/', 'https://example.org/']);
  });

  it('sends menu commands to the page', () => {
    expect(report.menu).toEqual(process.platform === 'darwin' ? ['Cluster Insight', 'File', 'Edit', 'View', 'windowMenu', 'help'] : ['File', 'Edit', 'View', 'help']);
    expect(report.menuCommandsSent).toEqual([['cluster-insight:menu-command', 'reload-data']]);
  });

  it('saves the window’s place on close, and stops the core before quitting', () => {
    expect(report.windowStateFile).toEqual({ bounds: { x: 40, y: 50, width: 1111, height: 777 }, maximized: false });
    // The first quit is held back while the core closes, then quitting resumes.
    expect(report.quitCalls).toBe(2);
    expect(report.coreAfterQuit).toBe('closed');
  });
});
