import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error.ts';
import type { Json, KubeObject } from './kube-object.ts';

/** The address types tried in order, as --kubelet-preferred-address-types (the simulated nodes publish InternalIP). */
const PREFERRED_ADDRESS_TYPES = ['InternalIP', 'Hostname', 'InternalDNS', 'ExternalDNS', 'ExternalIP'];

export function kubeletLocation(node: KubeObject): { host: string; port: number } {
  const status: Json = node.status ?? {};
  const addresses: Json[] = status.addresses ?? [];
  let host: string | undefined;
  for (const type of PREFERRED_ADDRESS_TYPES) {
    host = addresses.find((a) => a.type === type)?.address;
    if (host) break;
  }
  if (!host) throw new ApiError(503, 'ServiceUnavailable', `no preferred addresses found; known addresses: []`);
  const port = Number(status.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250) || 10250;
  return { host, port };
}

const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/**
 * GET/POST… /api/v1/nodes/NAME/proxy/PATH forwarded to the node's kubelet over HTTPS. The kubelet's
 * certificate is not verified (the real server does not without --kubelet-certificate-authority).
 * A refused connection is a 503; no answer within `timeoutMs` a 503 too (the real server's dial and
 * response-header timeouts); a broken answer a 502.
 */
export function proxyToKubelet(node: KubeObject, path: string, search: string, req: IncomingMessage, res: ServerResponse, timeoutMs: number): Promise<void> {
  const { host, port } = kubeletLocation(node);
  return new Promise((resolve) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || HOP_HEADERS.has(k) || k === 'authorization' || k === 'host') continue;
      headers[k] = v;
    }
    let answered = false;
    const fail = (code: number, reason: string, message: string) => {
      if (answered) return;
      answered = true;
      if (res.headersSent) res.destroy();
      else {
        const body = JSON.stringify(new ApiError(code, reason, message).status());
        res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      }
      resolve();
    };
    const upstream = https.request(
      { host, port, path: `/${path}${search}`, method: req.method, headers, rejectUnauthorized: false, timeout: timeoutMs },
      (answer) => {
        clearTimeout(timer);
        answered = true;
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !HOP_HEADERS.has(k)) out[k] = v;
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
        answer.on('end', () => resolve());
        answer.on('error', () => {
          res.destroy();
          resolve();
        });
      },
    );
    const timer = setTimeout(() => {
      upstream.destroy();
      fail(503, 'ServiceUnavailable', `error trying to reach service: net/http: timeout awaiting response headers`);
    }, timeoutMs);
    upstream.on('timeout', () => upstream.destroy(new Error('timeout awaiting response headers')));
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ECONNREFUSED') fail(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${host}:${port}: connect: connection refused`);
      else fail(502, 'BadGateway', `error trying to reach service: ${err.message}`);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
}
