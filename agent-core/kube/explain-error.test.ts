import net from 'node:net';
import { AuthenticationV1Api, VersionApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorTargetOf, explainKubeError } from './explain-error.ts';
import { kubeConfigForContext } from './kube-client.ts';
import { resolveContext, type ResolvedContext } from './kubeconfig-context.ts';
import { loadKubeconfig } from './kubeconfig-files.ts';
import { UserFacingError } from './user-facing-error.ts';
import { startFakeApiServer, type FakeApiServer } from './test-support/fake-apiserver.ts';
import { singleContextKubeconfig, tempDir, writeFile } from './test-support/temp-files.ts';
import { createCertificateAuthority, issueCertificate, type CertificateAuthority } from '../../sim/controlplane/pki.ts';

// The agent and the UI will call the API through client-node's generated clients; their errors (ApiException,
// node-fetch's FetchError) must be explained as well as those of our own requests.

let ca: CertificateAuthority;
let server: FakeApiServer;
let closedPort: number;

beforeAll(async () => {
  ca = await createCertificateAuthority('ca');
  server = await startFakeApiServer({
    tls: await issueCertificate(ca, { commonName: 'apiserver' }, { ips: ['127.0.0.1'] }),
    tokens: { good: { username: 'u', groups: [] }, limited: { username: 'limited', groups: [], allowed: false } },
  });
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as net.AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(() => server?.close());

function contextFor(serverUrl: string, token: string, withCa = true): ResolvedContext {
  const cluster = withCa ? { server: serverUrl, 'certificate-authority-data': Buffer.from(ca.pem.cert).toString('base64') } : { server: serverUrl };
  const file = writeFile(tempDir(), 'config', singleContextKubeconfig('ctx', cluster, { token }));
  return resolveContext(loadKubeconfig({ kubeconfig: file, env: {} }));
}

async function explainedFailure(resolved: ResolvedContext, call: (kc: ReturnType<typeof kubeConfigForContext>) => Promise<unknown>): Promise<UserFacingError> {
  try {
    await call(kubeConfigForContext(resolved));
  } catch (err) {
    return explainKubeError(err, errorTargetOf(resolved));
  }
  throw new Error('expected the call to fail');
}

describe('explainKubeError with client-node API clients', () => {
  it('401 from a generated client (ApiException)', async () => {
    const err = await explainedFailure(contextFor(server.url, 'bad'), (kc) => kc.makeApiClient(VersionApi).getCode());
    expect(err.code).toBe('unauthorized');
    expect(err.message).toContain('context "ctx"');
  });

  it('403 from a generated client, with the server\'s message', async () => {
    const err = await explainedFailure(contextFor(server.url, 'limited'), (kc) => kc.makeApiClient(AuthenticationV1Api).getAPIResources());
    expect(err.code).toBe('forbidden');
    expect(err.message).toContain('forbidden: User "limited" cannot get path "/apis/authentication.k8s.io/v1"');
  });

  it('connection refused through node-fetch', async () => {
    const err = await explainedFailure(contextFor(`https://127.0.0.1:${closedPort}`, 'good'), (kc) => kc.makeApiClient(VersionApi).getCode());
    expect(err.code).toBe('connection-refused');
  });

  it('an unknown certificate authority through node-fetch', async () => {
    const err = await explainedFailure(contextFor(server.url, 'good', false), (kc) => kc.makeApiClient(VersionApi).getCode());
    expect(err.code).toBe('tls-unknown-authority');
    expect(err.message).toContain('gives no certificate-authority or certificate-authority-data');
  });
});

describe('explainKubeError', () => {
  it('passes a UserFacingError through and wraps anything else without losing it', () => {
    const target = errorTargetOf(contextFor(server.url, 'good'));
    const original = new UserFacingError('x', 'already explained');
    expect(explainKubeError(original, target)).toBe(original);
    const odd = new Error('something odd');
    const explained = explainKubeError(odd, target);
    expect(explained).toMatchObject({ code: 'unexpected-error', cause: odd });
    expect(explained.message).toContain('something odd');
  });
});
