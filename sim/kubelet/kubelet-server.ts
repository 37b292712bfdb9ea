import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServingCertificate } from './serving-certificate.ts';
import type { Endpoint, SimulatedNode } from './simulated-node.ts';

export interface KubeletServer {
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<Endpoint, string> = {
  summary: 'application/json',
  'summary-cpu-memory': 'application/json',
  cadvisor: 'text/plain; version=0.0.4; charset=utf-8',
};

/** The node's kubelet port on 127.0.0.1: GET /stats/summary, /metrics/cadvisor and /healthz, gzip when asked. */
export async function startKubeletServer(node: SimulatedNode, certificate: ServingCertificate): Promise<KubeletServer> {
  const server = https.createServer({ cert: certificate.certPem, key: certificate.keyPem }, (req, res) => {
    handle(node, req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`Internal Error: ${err.message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(node: SimulatedNode, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://kubelet');
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'text/plain', 'Method Not Allowed');
  if (url.pathname === '/healthz') return reply(res, 200, 'text/plain', 'ok');
  const endpoint = endpointFor(url);
  if (!endpoint) return reply(res, 404, 'text/plain', '404 page not found');

  const gzipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzipped ? await node.renderGzipped(endpoint) : node.render(endpoint);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[endpoint],
    'content-length': Buffer.byteLength(body),
    ...(gzipped && { 'content-encoding': 'gzip', vary: 'Accept-Encoding' }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function endpointFor(url: URL): Endpoint | undefined {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/stats/summary') return url.searchParams.get('only_cpu_and_memory') === 'true' ? 'summary-cpu-memory' : 'summary';
  if (path === '/metrics/cadvisor') return 'cadvisor';
  return undefined;
}

function reply(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
