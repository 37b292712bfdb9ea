import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './processes.ts';

/** Where global setup leaves what the specs need. */
export const STATE_FILE = path.join(REPO_ROOT, 'test-results', 'e2e-state.json');

export interface E2eState {
  kubeconfig: string;
  webUrl: string;
  dataDir: string;
}

export function readState(): E2eState {
  return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as E2eState;
}

/** Debian's chromium (Playwright's own browsers cannot be downloaded here); CHROMIUM_PATH overrides. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // next candidate
    }
  }
  return undefined;
}

/** Debian's chromium as DEVELOPERS.md runs it: no sandbox (root in a container), no background traffic. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The Electron binary the `electron` package would launch, when it was downloaded. */
export function electronBinary(): string | undefined {
  try {
    const pathFile = path.join(REPO_ROOT, 'node_modules', 'electron', 'path.txt');
    const binary = path.join(REPO_ROOT, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export const NO_ELECTRON_REASON = 'no Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD; it cannot be downloaded here): the Electron-launch run of these specs is skipped, the web-mode run covers the same renderer and core';
