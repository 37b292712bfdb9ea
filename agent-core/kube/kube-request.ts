import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { startApiExchange } from './api-exchange-observer.ts';
import { useKeepAliveAgent } from './keep-alive-agent.ts';

/** The server answered, but not with what we asked for: a non-2xx status, or a 2xx body that is not JSON. */
export class KubeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    /** The Kubernetes Status message, or the start of a non-JSON body. */
    readonly detail: string,
  ) {
    super(`${method} ${path}: HTTP ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'KubeHttpError';
  }
}

export class RequestTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(
    readonly timeoutMs: number,
    readonly url: string,
  ) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string;
  /** Appended to the path as a query string (e.g. { dryRun: 'All' }). */
  query?: Record<string, string>;
  body?: unknown;
  /** The body's media type; default application/json (a PATCH says which kind of patch it is). */
  contentType?: string;
  /** For the whole exchange once credentials are ready: connect, TLS, response. */
  timeoutMs: number;
}

function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: unknown };
    if (typeof status.message === 'string') return status.message;
  } catch {
    // Not a Kubernetes Status: show the start of whatever it is.
  }
  return body.trim().slice(0, 200);
}

/**
 * One request to the context's API server with its credentials, answering the raw body of a 2xx response.
 * TLS verification is on unless the cluster says insecure-skip-tls-verify (NODE_TLS_REJECT_UNAUTHORIZED cannot turn it off).
 */
export async function kubeRequestBody(kc: KubeConfig, request: KubeRequest & { accept?: string }): Promise<Buffer> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`the KubeConfig has no cluster for context "${kc.getCurrentContext()}"`);
  const method = request.method ?? 'GET';
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: http.OutgoingHttpHeaders = { Accept: request.accept ?? 'application/json', 'User-Agent': 'cluster-insight' };
  if (body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
  const opts: https.RequestOptions = { method, headers, rejectUnauthorized: !cluster.skipTLSVerify };
  // Credentials first (this may run an exec plugin, with its own timeout); the request's clock starts after.
  await kc.applyToHTTPSOptions(opts);
  useKeepAliveAgent(kc, opts);
  const url = new URL(cluster.server + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const transport = url.protocol === 'http:' ? http : https;
  const finished = startApiExchange(kc, method, request.path);

  return new Promise<Buffer>((resolve, reject) => {
    const req = transport.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        finished(status);
        const text = Buffer.concat(chunks);
        if (status < 200 || status > 299) reject(new KubeHttpError(status, method, request.path, statusMessage(text.toString('utf8'))));
        else resolve(text);
      });
    });
    const timer = setTimeout(() => req.destroy(new RequestTimeoutError(request.timeoutMs, url.origin)), request.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      finished(0, err.message);
      reject(err);
    });
    req.end(body);
  });
}

/** kubeRequestBody, parsed as JSON. */
export async function kubeRequestJson<T = unknown>(kc: KubeConfig, request: KubeRequest): Promise<T> {
  const body = (await kubeRequestBody(kc, request)).toString('utf8');
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new KubeHttpError(200, request.method ?? 'GET', request.path, `not JSON: ${body.trim().slice(0, 200)}`);
  }
}
