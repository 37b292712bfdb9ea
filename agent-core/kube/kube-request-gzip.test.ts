// kubeRequestBody with acceptGzip against a real HTTPS server on loopback: a gzipped answer is inflated, a plain one
// taken as it is, a body that claims gzip but is not one (or inflates past the bound) is a clear error.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueCertificate } from '../../sim/controlplane/pki.ts';
import { kubeRequestBody } from './kube-request.ts';

const TEXT = 'container_cpu_usage_seconds_total{container="app",pod="web-1"} 12.5 1700000000000\n'.repeat(20_000);
const answers: Record<string, (accepts: boolean) => { body: Buffer; gzip: boolean }> = {
  '/metrics': (accepts) => (accepts ? { body: gzipSync(TEXT), gzip: true } : { body: Buffer.from(TEXT), gzip: false }),
  '/plain': () => ({ body: Buffer.from(TEXT), gzip: false }),
  '/not-gzip': () => ({ body: Buffer.from('this is not gzip'), gzip: true }),
  '/bomb': () => ({ body: gzipSync(Buffer.alloc(64 * 2 ** 20)), gzip: true }),
};

let server: https.Server;
let kc: KubeConfig;
const seenEncodings: (string | undefined)[] = [];

beforeAll(async () => {
  const ca = await createCertificateAuthority('ca');
  const tls = await issueCertificate(ca, { commonName: 'kubelet' }, { ips: ['127.0.0.1'] });
  server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    seenEncodings.push(req.headers['accept-encoding']);
    const answer = answers[req.url ?? '']?.(req.headers['accept-encoding'] === 'gzip');
    if (!answer) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain', ...(answer.gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caData: Buffer.from(ca.pem.cert).toString('base64') }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('kubeRequestBody with acceptGzip', () => {
  it('asks for gzip, inflates the answer and says how little came over the wire', async () => {
    const wire = { bytes: 0 };
    const body = await kubeRequestBody(kc, { path: '/metrics', timeoutMs: 5000, acceptGzip: true, wire });
    expect(body.toString()).toBe(TEXT);
    expect(seenEncodings.at(-1)).toBe('gzip');
    expect(wire.bytes).toBeLessThan(TEXT.length / 20);
  });

  it('without it asks for nothing and gets the plain text; a plain answer to a gzip request is taken as it is', async () => {
    expect((await kubeRequestBody(kc, { path: '/metrics', timeoutMs: 5000 })).toString()).toBe(TEXT);
    expect(seenEncodings.at(-1)).toBeUndefined();
    const wire = { bytes: 0 };
    expect((await kubeRequestBody(kc, { path: '/plain', timeoutMs: 5000, acceptGzip: true, wire })).toString()).toBe(TEXT);
    expect(wire.bytes).toBe(TEXT.length);
  });

  it('refuses a body that claims gzip but is not, and one that inflates past the bound, naming the path', async () => {
    await expect(kubeRequestBody(kc, { path: '/not-gzip', timeoutMs: 5000, acceptGzip: true })).rejects.toThrow(/GET \/not-gzip: .*gzipped answer \(16 bytes\) could not be inflated/);
    await expect(kubeRequestBody(kc, { path: '/bomb', timeoutMs: 5000, acceptGzip: true, maxBodyBytes: 8 * 2 ** 20 })).rejects.toThrow(/GET \/bomb: .*could not be inflated: .*(buffer|length)/i);
  });
});
