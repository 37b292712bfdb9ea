import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './specs',
  outputDir: '../test-results/e2e',
  globalSetup: './global-setup.ts',
  // One app, one session: the specs walk it in order, as one user would.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '../test-results/playwright.json' }]] : [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
  projects: [
    // The app fixture (support/app-fixture.ts) opens the app for each: Debian's Chromium on web mode's URL, or
    // the desktop app through _electron.launch where an Electron binary exists.
    { name: 'web' },
    { name: 'electron' },
  ],
});
