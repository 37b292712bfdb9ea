import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, _electron, expect, type Page, type TestInfo } from '@playwright/test';
import { CHROMIUM_ARGS, NO_ELECTRON_REASON, chromiumPath, electronBinary, readState } from './environment.ts';
import { buildElectron } from '../../electron/scripts/build.mjs';
import { prepareElectron } from '../../electron/scripts/prepare-electron.mjs';

/** The app as the project runs it: web mode in Chromium, or the desktop app where Electron exists. */
export const test = base.extend<{ app: Page }, { appWorker: { page: Page; close: () => Promise<void> } }>({
  appWorker: [
    async ({ playwright }, use, workerInfo) => {
      const state = readState();
      if (workerInfo.project.name === 'electron') {
        const binary = electronBinary();
        if (!binary) {
          await use({ page: undefined as unknown as Page, close: async () => undefined });
          return;
        }
        const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-e2e-electron-'));
        // As `npm start` does: fresh bundles, and better-sqlite3 built for Electron rather than Node.
        await buildElectron();
        const { executable, appRoot } = prepareElectron();
        const electronApp = await _electron.launch({
          executablePath: executable,
          args: [appRoot],
          env: { ...process.env, KUBECONFIG: state.kubeconfig, CLUSTER_INSIGHT_USER_DATA: userData, CLUSTER_INSIGHT_INTERVAL_MS: '1000' } as Record<string, string>,
        });
        const page = await electronApp.firstWindow();
        await use({ page, close: () => electronApp.close() });
        await electronApp.close();
        fs.rmSync(userData, { recursive: true, force: true });
        return;
      }
      // Launched here rather than through the `browser` fixture, which the electron project must not start.
      const browser = await playwright.chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(state.webUrl);
      await use({ page, close: () => browser.close() });
      await browser.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ appWorker }, use, testInfo) => {
    test.skip(testInfo.project.name === 'electron' && !electronBinary(), NO_ELECTRON_REASON);
    const errors: string[] = [];
    const onConsole = (msg: { type(): string; text(): string }) => {
      if (msg.type() === 'error') errors.push(msg.text());
    };
    appWorker.page.on('console', onConsole);
    await use(appWorker.page);
    appWorker.page.off('console', onConsole);
    // A CSP violation or an uncaught error in the renderer fails the step that caused it.
    expect(errors.filter((e) => /Content Security Policy|Uncaught/i.test(e)), 'console errors').toEqual([]);
  },
});

export { expect };

/** A screenshot kept with the run's artifacts, named for the step. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}
