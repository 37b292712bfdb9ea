import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe, type ProbeOptions } from './probe.ts';
import { UserFacingError } from './user-facing-error.ts';
import { startFakeApiServer, type FakeApiServer } from './test-support/fake-apiserver.ts';
import { execCredentialJson, singleContextKubeconfig, tempDir, writeFile, writeScript } from './test-support/temp-files.ts';
import { createCertificateAuthority, issueCertificate, type CertificateAuthority } from '../../sim/controlplane/pki.ts';

/** A killed orphan may linger as a zombie until init reaps it; that counts as stopped. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const tokens = {
  admin: { username: 'kubernetes-admin', groups: ['system:masters'] },
  nobody: { username: 'nobody', groups: [], allowed: false },
};

let ca: CertificateAuthority;
let v120: FakeApiServer;
let v127: FakeApiServer;
let v128: FakeApiServer;
let noAnonymous: FakeApiServer;
let otherCa: FakeApiServer;
let wrongHost: FakeApiServer;
let silent: net.Server;
let silentPort: number;
let closedPort: number;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  ca = await createCertificateAuthority('cluster-ca');
  const serving = await issueCertificate(ca, { commonName: 'apiserver' }, { ips: ['127.0.0.1'], dnsNames: ['localhost'] });
  v120 = await startFakeApiServer({ tls: serving, tokens });
  v127 = await startFakeApiServer({ tls: serving, tokens, gitVersion: 'v1.27.4', selfSubjectReviewVersions: ['v1beta1'] });
  v128 = await startFakeApiServer({ tls: serving, tokens, gitVersion: 'v1.28.1', selfSubjectReviewVersions: ['v1', 'v1beta1'] });
  noAnonymous = await startFakeApiServer({ tls: serving, tokens, anonymousAuth: false });
  const stranger = await createCertificateAuthority('someone-else');
  otherCa = await startFakeApiServer({ tls: await issueCertificate(stranger, { commonName: 'apiserver' }, { ips: ['127.0.0.1'] }), tokens });
  wrongHost = await startFakeApiServer({ tls: await issueCertificate(ca, { commonName: 'apiserver' }, { dnsNames: ['kubernetes.internal'] }), tokens });
  // Accepts connections and never says a word: a server behind a black hole.
  silent = net.createServer(() => {});
  silentPort = await listen(silent);
  const closed = net.createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await Promise.all([v120, v127, v128, noAnonymous, otherCa, wrongHost].map((s) => s?.close()));
  silent?.close();
});

/** Probes context "c" of a kubeconfig with one cluster and one user. */
function probeWith(cluster: Record<string, unknown>, user: Record<string, unknown> | undefined, options: Omit<ProbeOptions, 'kubeconfig'> = {}) {
  const dir = tempDir();
  const file = writeFile(dir, 'config', singleContextKubeconfig('c', cluster, user));
  return { file, dir, result: probe({ kubeconfig: file, env: {}, ...options }) };
}

const trusted = (server: { url: string }) => ({ server: server.url, 'certificate-authority-data': b64(ca.pem.cert) });

describe('probe: reachable clusters', () => {
  it('reports version and, on a server without SelfSubjectReview (1.20), identity unknown', async () => {
    const { result } = probeWith(trusted(v120), { token: 'admin' });
    expect(await result).toEqual({
      context: 'c',
      server: v120.url,
      reachable: true,
      version: 'v1.20.2',
      identity: null,
      identitySource: 'unknown',
    });
    expect(v120.requests.some((r) => r.path.includes('selfsubjectreviews'))).toBe(false);
  });

  it('asks SelfSubjectReview v1 where served', async () => {
    const { result } = probeWith(trusted(v128), { token: 'admin' });
    expect(await result).toMatchObject({
      reachable: true,
      version: 'v1.28.1',
      identity: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
      identitySource: 'SelfSubjectReview',
    });
    expect(v128.requests.at(-1)?.path).toBe('/apis/authentication.k8s.io/v1/selfsubjectreviews');
  });

  it('chooses the SelfSubjectReview version by discovery (v1beta1 on 1.27)', async () => {
    const { result } = probeWith(trusted(v127), { token: 'admin' });
    expect((await result).identity?.username).toBe('kubernetes-admin');
    expect(v127.requests.at(-1)?.path).toBe('/apis/authentication.k8s.io/v1beta1/selfsubjectreviews');
  });

  it('reaches an endpoint that insists on a client certificate', async () => {
    const client = await issueCertificate(ca, { commonName: 'cert-user' });
    const mtls = await startFakeApiServer({
      tls: await issueCertificate(ca, { commonName: 'proxy' }, { ips: ['127.0.0.1'] }),
      clientCa: ca.pem.cert,
      requireClientCertificate: true,
      selfSubjectReviewVersions: ['v1'],
    });
    try {
      const { result } = probeWith(trusted(mtls), { 'client-certificate-data': b64(client.cert), 'client-key-data': b64(client.key) });
      expect(await result).toMatchObject({ reachable: true, version: 'v1.20.2', identity: { username: 'cert-user' } });
      const { result: withoutCert } = probeWith(trusted(mtls), { token: 'admin' });
      const refused = await withoutCert;
      expect(refused).toMatchObject({ reachable: false, error: { code: 'tls-client-certificate-rejected' } });
      expect(refused.error?.message).toContain('requires a client certificate it trusts, and got none');
    } finally {
      await mtls.close();
    }
  });

  it('gets the version with credentials when anonymous access is off', async () => {
    const { result } = probeWith(trusted(noAnonymous), { token: 'admin' });
    expect(await result).toMatchObject({ reachable: true, version: 'v1.20.2', identitySource: 'unknown' });
    expect((await result).error).toBeUndefined();
  });
});

describe('probe: credentials refused', () => {
  it('401: reachable, with the version, and a message naming user, file and fix', async () => {
    const { result, file } = probeWith(trusted(v120), { token: 'wrong' });
    const r = await result;
    expect(r).toMatchObject({ reachable: true, version: 'v1.20.2', identity: null, identitySource: 'unknown' });
    expect(r.error?.code).toBe('unauthorized');
    expect(r.error?.message).toContain(`user "c" (${file}:`);
    expect(r.error?.message).toContain('401 Unauthorized');
    expect(r.error?.message).toContain('The token is wrong or has expired');
  });

  it('403: names the refused request and says to ask for RBAC access', async () => {
    const { result } = probeWith(trusted(v120), { token: 'nobody' });
    const r = await result;
    expect(r.reachable).toBe(true);
    expect(r.error?.code).toBe('forbidden');
    expect(r.error?.message).toContain('refused GET /apis/authentication.k8s.io: 403 Forbidden');
    expect(r.error?.message).toContain('forbidden: User \\"nobody\\"'.replace(/\\/g, ''));
    expect(r.error?.message).toContain('RBAC');
  });
});

describe('probe: a context without a user', () => {
  it('goes anonymously and, refused, says to add credentials', async () => {
    const r = await probeWith(trusted(v120), undefined).result;
    expect(r).toMatchObject({ reachable: true, version: 'v1.20.2', error: { code: 'forbidden' } });
    expect(r.error?.message).toContain('which names no user, so it went anonymously');
    expect(r.error?.message).toContain('Add a user with credentials to context "c"');
  });
});

describe('probe: unreachable servers', () => {
  it('connection refused', async () => {
    const { result, file } = probeWith({ server: `https://127.0.0.1:${closedPort}` }, { token: 'admin' });
    const r = await result;
    expect(r).toMatchObject({ reachable: false, identity: null, identitySource: 'unknown', error: { code: 'connection-refused' } });
    expect(r.version).toBeUndefined();
    expect(r.error?.message).toContain(`Nothing is listening at https://127.0.0.1:${closedPort} (context "c")`);
    expect(r.error?.message).toContain(`cluster "c" (${file}:`);
  });

  it('DNS failure', async () => {
    const { result } = probeWith({ server: 'https://no-such-host.invalid:6443' }, { token: 'admin' });
    const r = await result;
    expect(r.reachable).toBe(false);
    expect(r.error?.code).toBe('dns-failure');
    expect(r.error?.message).toContain('https://no-such-host.invalid:6443 (context "c") does not resolve');
  });

  it('times out in the configured time', async () => {
    const started = Date.now();
    const { result } = probeWith({ server: `https://127.0.0.1:${silentPort}` }, { token: 'admin' }, { timeoutMs: 300 });
    const r = await result;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.reachable).toBe(false);
    expect(r.error?.code).toBe('timeout');
    expect(r.error?.message).toContain('did not answer within 0.3 s');
  });

  it('TLS: a server certificate not signed by the kubeconfig\'s CA', async () => {
    const { result, file } = probeWith(trusted(otherCa), { token: 'admin' });
    const r = await result;
    expect(r.reachable).toBe(false);
    expect(r.error?.code).toBe('tls-unknown-authority');
    expect(r.error?.message).toContain(`is not signed by the certificate authority that cluster "c" (${file}:`);
    expect(r.error?.message).toContain('update certificate-authority-data');
  });

  it('TLS: a server certificate for another host name', async () => {
    const { result } = probeWith(trusted(wrongHost), { token: 'admin' });
    const r = await result;
    expect(r.error?.code).toBe('tls-hostname-mismatch');
    expect(r.error?.message).toContain("IP: 127.0.0.1 is not in the cert's list");
    expect(r.error?.message).toContain('tls-server-name');
  });
});

describe('probe: exec credential plugins', () => {
  const exec = (command: string, extra: Record<string, unknown> = {}) => ({
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command, interactiveMode: 'Never', ...extra },
  });

  it('works: the server is probed with the plugin\'s token', async () => {
    const dir = tempDir();
    const plugin = writeScript(dir, 'plugin', `echo '${execCredentialJson({ token: 'admin' })}'`);
    const { result } = probeWith(trusted(v128), exec(plugin));
    expect((await result).identity?.username).toBe('kubernetes-admin');
  });

  it('missing from PATH: says so, shows PATH and mentions the login-shell import', async () => {
    const { result, file } = probeWith(trusted(v120), exec('cluster-insight-no-such-plugin', { installHint: 'Install it with: brew install no-such-plugin' }));
    const r = await result;
    expect(r.reachable).toBe(true);
    expect(r.error?.code).toBe('exec-plugin-not-found');
    expect(r.error?.message).toContain(`The credential plugin "cluster-insight-no-such-plugin" of user "c" (${file}:`);
    expect(r.error?.message).toContain(`was not found on PATH (${process.env.PATH})`);
    expect(r.error?.message).toContain('imports PATH from your login shell');
    expect(r.error?.message).toContain('brew install no-such-plugin');
  });

  it('missing at a relative path: names the resolved path', async () => {
    const { result, dir } = probeWith(trusted(v120), exec('./bin/gone'));
    const r = await result;
    expect(r.error?.code).toBe('exec-plugin-not-found');
    expect(r.error?.message).toContain(`"${path.join(dir, 'bin/gone')}"`);
    expect(r.error?.message).toContain('does not exist at that path');
  });

  it('failing: gives the exit code and the plugin\'s stderr', async () => {
    const plugin = writeScript(tempDir(), 'plugin', `echo 'error: SSO session expired, run aws sso login' >&2\nexit 3`);
    const r = await probeWith(trusted(v120), exec(plugin)).result;
    expect(r.error?.code).toBe('exec-plugin-failed');
    expect(r.error?.message).toContain('exited with code 3');
    expect(r.error?.message).toContain('error: SSO session expired, run aws sso login');
  });

  it('hanging: stopped after the exec timeout, with whatever it started', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'sleep.pid');
    const plugin = writeScript(dir, 'plugin', `sleep 30 &\necho $! > '${pidFile}'\nwait`);
    const started = Date.now();
    const r = await probeWith(trusted(v120), exec(plugin), { execTimeoutMs: 500 }).result;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.error?.code).toBe('exec-plugin-timeout');
    expect(r.error?.message).toContain('did not finish within 0.5 s');
    expect(r.error?.message).toContain('kubectl --context c get --raw /version');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 20 && isRunning(pid); i++) await sleep(50);
    expect(isRunning(pid)).toBe(false);
  });

  it('bad output: says what is wrong with it', async () => {
    const plugin = writeScript(tempDir(), 'plugin', `echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"x"}}'`);
    const r = await probeWith(trusted(v120), exec(plugin)).result;
    expect(r.error?.code).toBe('exec-plugin-bad-output');
    expect(r.error?.message).toContain('asks for "client.authentication.k8s.io/v1"');
  });

  it('v1alpha1: refused before running, as kubectl does', async () => {
    const r = await probeWith(trusted(v120), { exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'true' } }).result;
    expect(r.error?.code).toBe('exec-plugin-unsupported-api-version');
  });
});

describe('probe: kubeconfig mistakes are thrown, not probed', () => {
  it('an unknown context lists the known ones', async () => {
    const { result } = probeWith(trusted(v120), { token: 'admin' }, { context: 'nope' });
    await expect(result).rejects.toBeInstanceOf(UserFacingError);
    await expect(result).rejects.toMatchObject({ code: 'context-not-found', message: expect.stringContaining('Known contexts: c.') });
  });
});
