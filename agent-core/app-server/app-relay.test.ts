// AppRelay with a real gateway on loopback and no cluster: the configuration binds the relay to one cluster folder,
// a secret store that lost the secret says so, forget discards the queue, and an older selection closing late leaves
// the newer relay alone.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RelayStatusView } from '../contract/app-contract.ts';
import { enrol } from '../gateway/enrolment.ts';
import { startGateway } from '../gateway/gateway-server.ts';
import { eventually, useCleanup } from '../relay/testing/relay-fixtures.ts';
import { AppRelay, type RelayTarget } from './app-relay.ts';
import { openOutbox } from '../relay/outbox-store.ts';
import { readAppSettings, writeAppSettings } from './app-settings.ts';
import { fileSecretStore } from './secret-store.ts';

const { tempDir, defer } = useCleanup();

async function setUp() {
  const gateway = await startGateway({ port: 0, dataDir: tempDir() });
  defer(() => gateway.close());
  const connection = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url });
  const dataDir = tempDir();
  const store = fileSecretStore(path.join(dataDir, 'web-secrets.json'));
  store.set(`relay:${connection.clusterId}`, connection.secret);
  writeAppSettings(dataDir, { relay: { gatewayUrl: gateway.url, accountId: 'acme', clusterId: connection.clusterId, clusterFolder: 'prod-1', clusterLabel: 'prod', hashNames: false, enabled: true } });
  const statuses: RelayStatusView[] = [];
  const lines: string[] = [];
  const relay = new AppRelay({ dataDir, secrets: { store, kind: 'file' }, onStatus: (s) => statuses.push(s), onActions: () => undefined, onLog: (line) => lines.push(line), relayOptions: { backoff: { baseMs: 20, capMs: 100, stableMs: 1000 } } });
  const target = (clusterFolder: string): RelayTarget => ({ dataDir: path.join(dataDir, 'clusters', clusterFolder), clusterFolder, clusterLabel: clusterFolder, kubernetesVersion: 'v1.20.2' });
  return { gateway, connection, relay, store, statuses, target, dataDir, lines };
}

describe('AppRelay', () => {
  it('runs only for the cluster the connection file was imported for', async () => {
    const { relay, target, gateway, connection } = await setUp();
    const other = target('staging-2');
    expect(relay.open(other)).toBeUndefined();
    expect(relay.status()).toMatchObject({ state: 'off', detail: expect.stringMatching(/imported for prod's cluster, not the one connected now/) });
    await relay.closed(other, undefined);

    const prod = target('prod-1');
    const running = relay.open(prod);
    expect(running).toBeDefined();
    await eventually(() => relay.status().state === 'connected', 5000, 'connected');
    expect(gateway.isConnected(connection.clusterId)).toBe(true);
    await relay.closed(prod, running);
    expect(relay.status()).toMatchObject({ state: 'off', detail: expect.stringMatching(/Starts when a context of prod/) });
  });

  it('says so when the secret is gone from the store', async () => {
    const { relay, target, store, connection } = await setUp();
    store.delete(`relay:${connection.clusterId}`);
    const prod = target('prod-1');
    expect(relay.open(prod)).toBeUndefined();
    expect(relay.status().detail).toMatch(/no longer in the secret store: import the connection file again/);
    await relay.closed(prod, undefined);
  });

  it('forget removes the secret and the settings, and discards what was queued for that gateway', async () => {
    const { relay, target, gateway, store, connection, dataDir, lines } = await setUp();
    await gateway.close();
    const prod = target('prod-1');
    const running = relay.open(prod)!;
    for (let i = 0; i < 3; i++) running.send('logs', { lines: [`queued ${i}`] });
    expect(running.report().backlog.count).toBe(3);
    await relay.closed(prod, running);
    await relay.forget();
    expect(lines.join('\n')).toMatch(/forgotten, 3 queued packets discarded/);
    expect(store.get(`relay:${connection.clusterId}`)).toBeUndefined();
    expect(readAppSettings(dataDir).relay).toBeUndefined();
    const left = openOutbox(prod.dataDir);
    expect(left.outbox.backlog().count).toBe(0);
    left.close();
  });

  it('an older selection closing late does not close the newer relay', async () => {
    const { relay, target } = await setUp();
    const first = target('prod-1');
    const firstRelay = relay.open(first);
    const second = target('prod-1');
    const secondRelay = relay.open(second);
    await relay.closed(first, firstRelay);
    await eventually(() => relay.status().state === 'connected', 5000, 'the newer relay connected');
    await relay.closed(second, secondRelay);
    expect(relay.status().state).toBe('off');
    await expect(relay.importConnection('{}')).rejects.toThrow(/gatewayUrl/);
  });
});
