import http from 'node:http';
import https from 'node:https';
import { gunzip } from 'node:zlib';
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

export interface BodyRequest extends KubeRequest {
  accept?: string;
  /**
   * Ask for a gzipped answer (the kubelet's Prometheus handler compresses when asked, and the API server's node proxy
   * passes it through): a cAdvisor answer shrinks some 20×, through the API server and over TLS. An answer that
   * is not compressed is taken as it is.
   */
  acceptGzip?: boolean;
  /** With acceptGzip: a body that inflates beyond this is refused (default 256 MiB), rather than filling memory. */
  maxBodyBytes?: number;
  /** Filled in with the bytes that came over the wire (before inflating). */
  wire?: { bytes: number };
}

const DEFAULT_MAX_BODY_BYTES = 256 * 2 ** 20;

function inflate(body: Buffer, maxOutputLength: number): Promise<Buffer> {
  // Large output chunks: with the default 16 KiB, handing a 1 MB answer back piece by piece costs more than inflating it.
  return new Promise((resolve, reject) => gunzip(body, { maxOutputLength, chunkSize: 2 ** 20 }, (err, out) => (err ? reject(err) : resolve(out))));
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
export async function kubeRequestBody(kc: KubeConfig, request: BodyRequest): Promise<Buffer> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`the KubeConfig has no cluster for context "${kc.getCurrentContext()}"`);
  const method = request.method ?? 'GET';
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: http.OutgoingHttpHeaders = { Accept: request.accept ?? 'application/json', 'User-Agent': 'cluster-insight' };
  if (body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
  if (request.acceptGzip) headers['Accept-Encoding'] = 'gzip';
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
        if (request.wire) request.wire.bytes = text.length;
        const gzipped = request.acceptGzip === true && res.headers['content-encoding'] === 'gzip';
        const decoded = gzipped ? inflate(text, request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : Promise.resolve(text);
        decoded.then(
          (plain) => {
            if (status < 200 || status > 299) reject(new KubeHttpError(status, method, request.path, statusMessage(plain.toString('utf8'))));
            else resolve(plain);
          },
          (err: Error) => reject(new KubeHttpError(status, method, request.path, `the gzipped answer (${text.length} bytes) could not be inflated: ${err.message}`)),
        );
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
