import https from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeletServer, type KubeletServer } from './kubelet-server.ts';
import { createServingCertificate } from './serving-certificate.ts';
import { nodeForTest } from './testing/node-harness.ts';
import { realisticPods } from './testing/pod-manifests.ts';
import { parseExposition } from './testing/prometheus-text-parser.ts';

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  certificate: PeerCertificate;
}

/** A real HTTPS GET, not verifying the self-signed certificate, as the API server's node proxy does. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path, headers, rejectUnauthorized: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      const certificate = (res.socket as TLSSocket).getPeerCertificate();
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), certificate }));
    });
    req.on('error', reject);
  });
}

describe('kubelet HTTPS server', () => {
  let server: KubeletServer;
  const harness = nodeForTest({ pods: realisticPods('sim-node-0', 5) });

  beforeAll(async () => {
    await harness.advance(3600_000);
    server = await startKubeletServer(harness.node, await createServingCertificate());
  });
  afterAll(() => server.close());

  it('listens on its own loopback port with a self-signed certificate for 127.0.0.1', async () => {
    expect(server.port).toBeGreaterThan(0);
    const res = await get(server.port, '/healthz');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok');
    expect(res.certificate.subject?.CN).toBe('sim-kubelet');
    expect(res.certificate.subjectaltname).toContain('IP Address:127.0.0.1');
  });

  it('serves GET /stats/summary as JSON', async () => {
    const res = await get(server.port, '/stats/summary');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const summary = JSON.parse(res.body.toString()) as { node: { nodeName: string }; pods: unknown[] };
    expect(summary.node.nodeName).toBe('sim-node-0');
    expect(summary.pods).toHaveLength(5);
    const light = JSON.parse((await get(server.port, '/stats/summary?only_cpu_and_memory=true')).body.toString()) as { node: object };
    expect(light.node).not.toHaveProperty('fs');
  });

  it('serves GET /metrics/cadvisor as Prometheus text, gzipped when asked', async () => {
    const plain = await get(server.port, '/metrics/cadvisor');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(parseExposition(plain.body.toString()).get('container_cpu_usage_seconds_total')!.samples.length).toBeGreaterThan(5 * 3);
    const zipped = await get(server.port, '/metrics/cadvisor', { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(plain.body.length / 5);
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
  });

  it('answers 404 for what it does not serve and 405 for writes', async () => {
    expect((await get(server.port, '/pods/../etc')).status).toBe(404);
    expect((await get(server.port, '/metrics/probes')).status).toBe(404);
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port: server.port, path: '/stats/summary', method: 'POST', rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });
});
