import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from './probe.ts';
import { startFakeApiServer, type FakeApiServer } from './test-support/fake-apiserver.ts';
import { runCli } from './test-support/run-cli.ts';
import { writeFile } from './test-support/temp-files.ts';
import { createCertificateAuthority, issueCertificate } from '../../sim/controlplane/pki.ts';

let server: FakeApiServer;
let kubeconfig: string;
let silent: net.Server;

beforeAll(async () => {
  const ca = await createCertificateAuthority('ca');
  server = await startFakeApiServer({
    tls: await issueCertificate(ca, { commonName: 'apiserver' }, { ips: ['127.0.0.1'] }),
    tokens: { good: { username: 'u', groups: [] } },
  });
  silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentPort = (silent.address() as net.AddressInfo).port;
  const caData = Buffer.from(ca.pem.cert).toString('base64');
  kubeconfig = writeFile(tempDirForFile(), 'config', {
    'current-context': 'ok',
    clusters: [
      { name: 'fake', cluster: { server: server.url, 'certificate-authority-data': caData } },
      { name: 'black-hole', cluster: { server: `https://127.0.0.1:${silentPort}` } },
    ],
    users: [
      { name: 'good', user: { token: 'good' } },
      { name: 'bad', user: { token: 'bad' } },
    ],
    contexts: [
      { name: 'ok', context: { cluster: 'fake', user: 'good' } },
      { name: 'wrong-token', context: { cluster: 'fake', user: 'bad' } },
      { name: 'slow', context: { cluster: 'black-hole', user: 'good' } },
    ],
  });
});

afterAll(async () => {
  await server?.close();
  silent?.close();
});

// tempDir() cleans up after a test; this file's kubeconfig must outlive beforeAll.
let sharedDir: string | undefined;
function tempDirForFile(): string {
  sharedDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-probe-cli-'));
  return sharedDir;
}
afterAll(() => sharedDir && fs.rmSync(sharedDir, { recursive: true, force: true }));

describe('cluster-insight probe', () => {
  it('--json: the current context, exit 0', async () => {
    const run = await runCli(['probe', '--json', '--kubeconfig', kubeconfig]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout) as ProbeResult).toEqual({
      context: 'ok',
      server: server.url,
      reachable: true,
      version: 'v1.20.2',
      identity: null,
      identitySource: 'unknown',
    });
  });

  it('text: says plainly that the identity is unknown', async () => {
    const run = await runCli(['probe', '--context', 'ok', '--kubeconfig', kubeconfig]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reachable: yes');
    expect(run.stdout).toContain('version:   v1.20.2');
    expect(run.stdout).toContain('identity:  unknown: the server did not say who you are');
  });

  it('--json: a 401 exits 1 with the error in the JSON', async () => {
    const run = await runCli(['probe', '--json', '--context', 'wrong-token', '--kubeconfig', kubeconfig]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as ProbeResult;
    expect(result).toMatchObject({ context: 'wrong-token', reachable: true, error: { code: 'unauthorized' } });
  });

  it('--timeout: an unanswering server exits 1 within about that time', async () => {
    const started = Date.now();
    const run = await runCli(['probe', '--context', 'slow', '--timeout', '0.5', '--kubeconfig', kubeconfig]);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('reachable: no');
    expect(run.stderr).toContain('did not answer within 0.5 s');
  });

  it('an unknown context exits 2 and lists the known ones', async () => {
    const run = await runCli(['probe', '--context', 'prod', '--kubeconfig', kubeconfig]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: Context "prod" was given but is not defined');
    expect(run.stderr).toContain('Known contexts: ok, slow, wrong-token.');
  });
});
