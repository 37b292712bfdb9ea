import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCertificateAuthority, issueCertificate, type CertificateAuthority, type Pem } from '../../sim/controlplane/pki.ts';
import { kubeConfigForContext } from './kube-client.ts';
import { kubeRequestJson } from './kube-request.ts';
import { resolveContext } from './kubeconfig-context.ts';
import { loadKubeconfig } from './kubeconfig-files.ts';
import { startFakeApiServer, type FakeApiServer } from './test-support/fake-apiserver.ts';
import { singleContextKubeconfig, tempDir, writeFile } from './test-support/temp-files.ts';

let ca: CertificateAuthority;
let server: FakeApiServer;
let certA: Pem;
let certB: Pem;
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  ca = await createCertificateAuthority('keepalive-ca');
  certA = await issueCertificate(ca, { commonName: 'user-a', organizations: [] });
  certB = await issueCertificate(ca, { commonName: 'user-b', organizations: [] });
  server = await startFakeApiServer({ tls: await issueCertificate(ca, { commonName: 'apiserver' }, { ips: ['127.0.0.1'] }), clientCa: ca.pem.cert });
});

afterAll(async () => {
  await server?.close();
});

function kubeConfigWith(cert: Pem) {
  const dir = tempDir();
  const file = writeFile(dir, 'config', singleContextKubeconfig('c', { server: server.url, 'certificate-authority-data': b64(ca.pem.cert) }, { 'client-certificate-data': b64(cert.cert), 'client-key-data': b64(cert.key) }));
  return kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig: file, env: {} })));
}

it('requests of one KubeConfig share kept-alive TLS connections; another client identity gets its own', async () => {
  const kc = kubeConfigWith(certA);
  const before = server.handshakes();
  for (let i = 0; i < 5; i++) await kubeRequestJson(kc, { path: '/version', timeoutMs: 5000 });
  expect(server.handshakes() - before).toBe(1);

  const other = kubeConfigWith(certB);
  await kubeRequestJson(other, { path: '/version', timeoutMs: 5000 });
  expect(server.handshakes() - before).toBe(2);
});
