import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RelayReport } from '../relay/relay.ts';
import { readAppSettings, writeAppSettings, type RelaySettings } from './app-settings.ts';
import { parseConnectionText } from './connection-text.ts';
import { foldRelayState, relayStatusView, secretStorageNote } from './relay-status.ts';
import { fileSecretStore } from './secret-store.ts';

const settings: RelaySettings = { gatewayUrl: 'ws://gw:8080', accountId: 'acme', clusterId: 'c-1', clusterFolder: 'prod-1234abcd', clusterLabel: 'prod', hashNames: false, enabled: true };
const note = secretStorageNote('file');
const report = (over: Partial<RelayReport> = {}): RelayReport => ({ state: 'connected', lastAckedSeq: 7, lastAckAt: 1000, attempt: 0, backlog: { count: 2, oldestSentAt: 900, firstSeq: 8, lastSeq: 9 }, pendingActions: 1, ...over });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-relay-status-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('parseConnectionText', () => {
  const valid = { gatewayUrl: 'wss://gw.example.com', accountId: 'acme', clusterId: 'c-1', secret: 'x'.repeat(43) };
  it('accepts what gateway enroll writes', () => {
    expect(parseConnectionText(`${JSON.stringify(valid, null, 2)}\n`)).toEqual(valid);
  });
  it('names the problem and the fix', () => {
    expect(() => parseConnectionText('')).toThrow(/empty.*gateway enroll/);
    expect(() => parseConnectionText('{"gatewayUrl":')).toThrow(/not JSON/);
    expect(() => parseConnectionText('[1]')).toThrow(/not a JSON object/);
    expect(() => parseConnectionText(JSON.stringify({ ...valid, gatewayUrl: 'https://gw' }))).toThrow(/gatewayUrl must start with ws:\/\//);
    expect(() => parseConnectionText(JSON.stringify({ ...valid, secret: 'short' }))).toThrow(/secret must be at least 32/);
    expect(() => parseConnectionText(JSON.stringify({ gatewayUrl: valid.gatewayUrl }))).toThrow(/accountId.*clusterId.*secret/);
  });
});

describe('relayStatusView', () => {
  it('says why the relay is off', () => {
    const off = (over: Partial<Parameters<typeof relayStatusView>[0]>) => relayStatusView({ settings, relay: undefined, connectedFolder: 'prod-1234abcd', startProblem: undefined, secretStorage: note, ...over });
    expect(off({ settings: undefined })).toMatchObject({ configured: false, state: 'off', detail: expect.stringMatching(/import a connection file/) });
    expect(off({ settings: { ...settings, enabled: false } }).detail).toMatch(/Turned off/);
    expect(off({ connectedFolder: undefined }).detail).toMatch(/Starts when a context of prod/);
    expect(off({ connectedFolder: 'staging-99' }).detail).toMatch(/imported for prod's cluster, not the one connected now/);
    expect(off({ startProblem: 'the keychain is locked' }).detail).toBe('the keychain is locked');
  });

  it('folds the connection states into five and carries the backlog, the last ack and a gap', () => {
    expect(['idle', 'connecting', 'authenticating', 'connected', 'waiting', 'refused', 'closed'].map((s) => foldRelayState(s as never))).toEqual(['off', 'connecting', 'connecting', 'connected', 'backoff', 'refused', 'off']);
    const gap = { count: 3, firstSeq: 1, lastSeq: 3, kinds: { metrics: 3 }, from: 1, to: 2, maxAgeMs: 3_600_000 };
    const view = relayStatusView({ settings, relay: { report: () => report(), openGap: () => gap }, connectedFolder: settings.clusterFolder, startProblem: undefined, secretStorage: note });
    expect(view).toMatchObject({ configured: true, state: 'connected', detail: null, lastAckAt: 1000, lastAckedSeq: 7, backlog: { count: 2, oldestAt: 900 }, gap: { count: 3, firstSeq: 1, lastSeq: 3 }, pendingActions: 1 });
    const refused = relayStatusView({ settings, relay: { report: () => report({ state: 'refused', lastError: '4003 expiredEnrolment', nextAttemptAt: 61_000 }), openGap: () => undefined }, connectedFolder: settings.clusterFolder, startProblem: undefined, secretStorage: note }, 1000);
    expect(refused.detail).toMatch(/refused this cluster's credentials \(4003 expiredEnrolment\).*new connection file.*Next attempt in 60 s/);
    expect(JSON.stringify(view)).not.toMatch(/secret"/);
  });
});

describe('the settings file and the file secret store', () => {
  it('keeps the other settings when one changes, and drops a removed relay', () => {
    const dir = path.join(tmp, 'settings');
    writeAppSettings(dir, { lastContext: 'prod' });
    writeAppSettings(dir, { relay: settings });
    expect(readAppSettings(dir)).toEqual({ lastContext: 'prod', relay: settings });
    writeAppSettings(dir, { relay: undefined });
    expect(readAppSettings(dir)).toEqual({ lastContext: 'prod' });
  });

  it('keeps secrets in an owner-only file', () => {
    const file = path.join(tmp, 'secrets', 'web-secrets.json');
    const store = fileSecretStore(file);
    expect(store.get('relay:c-1')).toBeUndefined();
    store.set('relay:c-1', 's3cret');
    store.set('__proto__', 'odd name');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(store.get('relay:c-1')).toBe('s3cret');
    store.delete('relay:c-1');
    expect(store.get('relay:c-1')).toBeUndefined();
    expect(store.get('__proto__')).toBe('odd name');
    fs.writeFileSync(file, 'garbage');
    expect(() => store.get('x')).toThrow(/damaged.*import the connection file again/);
  });
});
