import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeConfigForContext } from './kube-client.ts';
import { kubeRequestJson } from './kube-request.ts';
import { resolveContext } from './kubeconfig-context.ts';
import { loadKubeconfig } from './kubeconfig-files.ts';
import { UserFacingError } from './user-facing-error.ts';
import { startFakeApiServer, type FakeApiServer } from './test-support/fake-apiserver.ts';
import { execCredentialJson, singleContextKubeconfig, tempDir, writeFile, writeScript } from './test-support/temp-files.ts';
import { createCertificateAuthority, issueCertificate, type CertificateAuthority, type Pem } from '../../sim/controlplane/pki.ts';

let ca: CertificateAuthority;
let clientCert: Pem;
let server: FakeApiServer;
let hostnameOnlyServer: FakeApiServer;

const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  ca = await createCertificateAuthority('test-ca');
  clientCert = await issueCertificate(ca, { commonName: 'cert-user', organizations: ['team-a', 'team-b'] });
  const users = { 'good-token': { username: 'token-user', groups: ['devs'] }, 'exec-token': { username: 'exec-user', groups: [] } };
  server = await startFakeApiServer({
    tls: await issueCertificate(ca, { commonName: 'apiserver' }, { ips: ['127.0.0.1'] }),
    clientCa: ca.pem.cert,
    selfSubjectReviewVersions: ['v1'],
    tokens: users,
    basicAuth: { 'alice:s3cret': { username: 'alice', groups: [] } },
  });
  hostnameOnlyServer = await startFakeApiServer({
    tls: await issueCertificate(ca, { commonName: 'apiserver' }, { dnsNames: ['kubernetes.internal'] }),
    selfSubjectReviewVersions: ['v1'],
    tokens: users,
  });
});

afterAll(async () => {
  await server?.close();
  await hostnameOnlyServer?.close();
});

/** Who the fake API server says we are, going through the kubeconfig file, our merge and a client-node KubeConfig. */
async function whoAmI(file: string, options: { execTimeoutMs?: number } = {}): Promise<{ username: string; groups: string[] }> {
  const kc = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig: file, env: {} })), options);
  const review = await kubeRequestJson<{ status: { userInfo: { username: string; groups: string[] } } }>(kc, {
    method: 'POST',
    path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    timeoutMs: 5000,
  });
  return review.status.userInfo;
}

describe('kubeConfigForContext', () => {
  it('sends a token, trusting the CA file named relative to the kubeconfig', async () => {
    const dir = tempDir();
    writeFile(dir, 'conf/pki/ca.crt', ca.pem.cert);
    const file = writeFile(dir, 'conf/config', singleContextKubeconfig('c', { server: server.url, 'certificate-authority': 'pki/ca.crt' }, { token: 'good-token' }));
    expect(await whoAmI(file)).toEqual({ username: 'token-user', groups: ['devs', 'system:authenticated'] });
  });

  it('prefers tokenFile over token, as client-go does, without its trailing newline', async () => {
    const dir = tempDir();
    writeFile(dir, 'token', 'good-token\n');
    const file = writeFile(dir, 'config', singleContextKubeconfig('c', { server: server.url, 'certificate-authority-data': b64(ca.pem.cert) }, { token: 'stale', tokenFile: 'token' }));
    expect((await whoAmI(file)).username).toBe('token-user');
  });

  it('presents client certificate files, and inline client certificate data', async () => {
    const dir = tempDir();
    writeFile(dir, 'me.crt', clientCert.cert);
    writeFile(dir, 'me.key', clientCert.key);
    const cluster = { server: server.url, 'certificate-authority-data': b64(ca.pem.cert) };
    const files = writeFile(dir, 'files', singleContextKubeconfig('c', cluster, { 'client-certificate': 'me.crt', 'client-key': 'me.key' }));
    const inline = writeFile(dir, 'inline', singleContextKubeconfig('c', cluster, { 'client-certificate-data': b64(clientCert.cert), 'client-key-data': b64(clientCert.key) }));
    const expected = { username: 'cert-user', groups: ['team-a', 'team-b', 'system:authenticated'] };
    expect(await whoAmI(files)).toEqual(expected);
    expect(await whoAmI(inline)).toEqual(expected);
  });

  it('sends basic auth and the impersonation header', async () => {
    const file = writeFile(tempDir(), 'config', singleContextKubeconfig('c', { server: server.url, 'certificate-authority-data': b64(ca.pem.cert) }, { username: 'alice', password: 's3cret', as: 'bob' }));
    expect((await whoAmI(file)).username).toBe('alice');
    expect(server.requests.at(-1)?.impersonateUser).toBe('bob');
  });

  it('runs an exec plugin once for many requests, with KUBERNETES_EXEC_INFO and its env', async () => {
    const dir = tempDir();
    const runs = path.join(dir, 'runs');
    writeScript(dir, 'bin/get-token', `echo "$KUBERNETES_EXEC_INFO $GREETING" >> '${runs}'\necho '${execCredentialJson({ token: 'exec-token' })}'`);
    const file = writeFile(
      dir,
      'config',
      singleContextKubeconfig('c', { server: server.url, 'certificate-authority-data': b64(ca.pem.cert) }, {
        exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './bin/get-token', env: [{ name: 'GREETING', value: 'hi' }], interactiveMode: 'Never' },
      }),
    );
    const kc = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig: file, env: {} })));
    await Promise.all([1, 2, 3].map(() => kubeRequestJson(kc, { path: '/apis/authentication.k8s.io', timeoutMs: 5000 })));
    await kubeRequestJson(kc, { path: '/apis/authentication.k8s.io', timeoutMs: 5000 });
    const lines = fs.readFileSync(runs, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const [info, greeting] = lines[0]!.split(' ');
    expect(JSON.parse(info!)).toEqual({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1', spec: { interactive: false } });
    expect(greeting).toBe('hi');
    expect(server.requests.at(-1)?.authorization).toBe('Bearer exec-token');
  });

  it('uses a client certificate from an exec plugin, and sends cluster info when asked to', async () => {
    const dir = tempDir();
    const info = path.join(dir, 'info.json');
    const credential = execCredentialJson({ clientCertificateData: clientCert.cert, clientKeyData: clientCert.key }, 'client.authentication.k8s.io/v1beta1');
    writeScript(dir, 'plugin', `echo "$KUBERNETES_EXEC_INFO" > '${info}'\ncat <<'EOF'\n${credential}\nEOF`);
    const file = writeFile(
      dir,
      'config',
      singleContextKubeconfig('c', { server: server.url, 'certificate-authority-data': b64(ca.pem.cert) }, {
        exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: path.join(dir, 'plugin'), provideClusterInfo: true },
      }),
    );
    expect((await whoAmI(file)).username).toBe('cert-user');
    const sent = JSON.parse(fs.readFileSync(info, 'utf8')) as { spec: { cluster: Record<string, unknown> } };
    expect(sent.spec.cluster).toEqual({ server: server.url, 'certificate-authority-data': b64(ca.pem.cert) });
  });

  it('sends the id-token of an OIDC auth-provider', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const idToken = `${part({ alg: 'none' })}.${part({ sub: 'oidc-user', exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
    const file = writeFile(
      tempDir(),
      'config',
      singleContextKubeconfig('c', { server: server.url, 'certificate-authority-data': b64(ca.pem.cert) }, {
        'auth-provider': { name: 'oidc', config: { 'id-token': idToken, 'client-id': 'k8s', 'idp-issuer-url': 'https://issuer.invalid' } },
      }),
    );
    await expect(whoAmI(file)).rejects.toMatchObject({ status: 401 });
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${idToken}`);
  });

  it('checks the certificate against tls-server-name when set', async () => {
    const dir = tempDir();
    const cluster = { server: hostnameOnlyServer.url, 'certificate-authority-data': b64(ca.pem.cert) };
    const named = writeFile(dir, 'named', singleContextKubeconfig('c', { ...cluster, 'tls-server-name': 'kubernetes.internal' }, { token: 'good-token' }));
    const unnamed = writeFile(dir, 'unnamed', singleContextKubeconfig('c', cluster, { token: 'good-token' }));
    expect((await whoAmI(named)).username).toBe('token-user');
    await expect(whoAmI(unnamed)).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('verifies TLS unless the cluster says insecure-skip-tls-verify, whatever NODE_TLS_REJECT_UNAUTHORIZED says', async () => {
    const dir = tempDir();
    const noCa = writeFile(dir, 'no-ca', singleContextKubeconfig('c', { server: server.url }, { token: 'good-token' }));
    const insecure = writeFile(dir, 'insecure', singleContextKubeconfig('c', { server: server.url, 'insecure-skip-tls-verify': true }, { token: 'good-token' }));
    expect((await whoAmI(insecure)).username).toBe('token-user');
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      // The server sends its CA along, so Node says SELF_SIGNED_CERT_IN_CHAIN rather than UNABLE_TO_VERIFY_LEAF_SIGNATURE.
      await expect(whoAmI(noCa)).rejects.toMatchObject({ code: expect.stringMatching(/^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/) });
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
    }
  });

  it('names the kubeconfig and field when a certificate or token file is missing', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'config', singleContextKubeconfig('c', { server: server.url, 'certificate-authority': 'ca.crt' }, { token: 't' }));
    const resolved = resolveContext(loadKubeconfig({ kubeconfig: file, env: {} }));
    let err: unknown;
    try {
      kubeConfigForContext(resolved);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('credential-file-missing');
    expect((err as UserFacingError).message).toContain(`names certificate-authority ${path.join(dir, 'ca.crt')}, which does not exist`);
    expect((err as UserFacingError).message).toContain(`Fix the path in ${file}`);
  });
});
