import { describe, expect, it } from 'vitest';
import { mainWindowOptions, type MainWindowInput } from './window-options.ts';

const input = (over: Partial<MainWindowInput> = {}): MainWindowInput => ({
  preload: '/app/dist/electron/preload.cjs',
  restored: { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false },
  isDev: false,
  dark: false,
  title: 'Cluster Insight',
  ...over,
});

describe('mainWindowOptions', () => {
  it('locks the renderer down: isolated, sandboxed, no Node, web security on, no webview', () => {
    const prefs = mainWindowOptions(input()).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
  });

  it('has developer tools only in a development run', () => {
    expect(mainWindowOptions(input({ isDev: false })).webPreferences!.devTools).toBe(false);
    expect(mainWindowOptions(input({ isDev: true })).webPreferences!.devTools).toBe(true);
  });

  it('opens hidden (shown on first paint) at the restored bounds, no smaller than the minimum', () => {
    const options = mainWindowOptions(input());
    expect(options).toMatchObject({ show: false, x: 10, y: 20, width: 1200, height: 800, minWidth: 900, minHeight: 600, title: 'Cluster Insight' });
  });

  it('leaves the position to the OS when none was restored', () => {
    const options = mainWindowOptions(input({ restored: { bounds: { width: 1280, height: 820 }, maximized: false } }));
    expect(options.x).toBeUndefined();
    expect(options.y).toBeUndefined();
  });

  it('paints the background to match the OS theme before the page loads', () => {
    expect(mainWindowOptions(input({ dark: true })).backgroundColor).not.toBe(mainWindowOptions(input({ dark: false })).backgroundColor);
  });

  it('sets the icon only when given one', () => {
    expect(mainWindowOptions(input()).icon).toBeUndefined();
    expect(mainWindowOptions(input({ icon: '/app/icon.png' })).icon).toBe('/app/icon.png');
  });
});
