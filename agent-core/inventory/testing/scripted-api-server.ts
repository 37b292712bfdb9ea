import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../kube-object.ts';

export interface ScriptedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  at: number;
  body: string;
}

/** Answers one request; the server keeps the list of requests so tests can check what the client asked. */
export type Script = (req: ScriptedRequest, res: http.ServerResponse) => void | Promise<void>;

export interface ScriptedApiServer {
  url: string;
  requests: ScriptedRequest[];
  kubeConfig: KubeConfig;
  /** Replace how requests are answered from now on. */
  answer(script: Script): void;
  close(): Promise<void>;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function sendStatus(res: http.ServerResponse, code: number, reason: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }, headers);
}

export function listBody(items: KubeObject[], resourceVersion: string, next?: string, remaining?: number): unknown {
  return {
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: { resourceVersion, ...(next ? { continue: next } : {}), ...(remaining === undefined ? {} : { remainingItemCount: remaining }) },
    // Items of a real LIST carry no apiVersion or kind.
    items: items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
  };
}

export const watchLine = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;

export function startWatchResponse(res: http.ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
}

export interface ServerTls {
  cert: string;
  key: string;
  /** The CA that signed cert, for the KubeConfig to trust. */
  caPem: string;
}

/**
 * A stand-in for kube-apiserver whose answers each test scripts, with a KubeConfig pointing at it: over HTTPS
 * (verified against `tls.caPem`, as with a real cluster) when given `tls`, else plain HTTP.
 */
export async function startScriptedApiServer(script: Script, tls?: ServerTls): Promise<ScriptedApiServer> {
  const requests: ScriptedRequest[] = [];
  let current = script;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const recorded = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, at: Date.now(), body };
      requests.push(recorded);
      Promise.resolve(current(recorded, res)).catch((err: unknown) => {
        if (!res.headersSent) sendStatus(res, 500, 'InternalError', String(err));
      });
    });
  };
  const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      tls
        ? { name: 'scripted', server: url, caData: Buffer.from(tls.caPem).toString('base64'), skipTLSVerify: false }
        : // client-node refuses plain HTTP unless TLS verification is off (there is no TLS to verify).
          { name: 'scripted', server: url, skipTLSVerify: true },
    ],
    users: [{ name: 'scripted', token: 'test-token' }],
    contexts: [{ name: 'scripted', cluster: 'scripted', user: 'scripted' }],
    currentContext: 'scripted',
  });
  return {
    url,
    requests,
    kubeConfig,
    answer: (next) => (current = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
