import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { RELAY_PATH } from '../protocol.ts';
import { RelayHarness } from './relay-harness.ts';

/** Temporary folders, and things to close, cleaned up after each test. */
export function useCleanup(): { tempDir: () => string; defer: (fn: () => unknown) => void } {
  const dirs: string[] = [];
  const closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of closers.splice(0).reverse()) await fn();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    tempDir: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-relay-'));
      dirs.push(dir);
      return dir;
    },
    defer: (fn) => closers.push(fn),
  };
}

/** A fresh harness per call (its folders and everything it opened cleaned up after each test), plus the cleanup itself. */
export function useRelayHarnesses(): ReturnType<typeof useCleanup> & { harness: () => RelayHarness } {
  const cleanup = useCleanup();
  const harness = () => {
    const h = new RelayHarness(cleanup.tempDir(), cleanup.tempDir());
    cleanup.defer(() => h.closeAll());
    return h;
  };
  return { ...cleanup, harness };
}

/** Polls until check() is truthy (or throws after timeoutMs). */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw protocol client for tests that must misbehave (replay an answer, skip steps). */
export class RawClient {
  readonly messages: unknown[] = [];
  closed: { code: number; reason: string } | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.messages.push(JSON.parse(data.toString())));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  static async connect(url: string): Promise<RawClient> {
    const ws = new WebSocket(`${url}${RELAY_PATH}`);
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  async next<T = Record<string, unknown>>(type: string, timeoutMs = 3000): Promise<T> {
    return eventually(() => this.messages.find((m) => (m as { type: string }).type === type) as T | undefined, timeoutMs, `a ${type} message`);
  }

  async closedWith(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    return eventually(() => this.closed, timeoutMs, 'the socket to close');
  }
}
