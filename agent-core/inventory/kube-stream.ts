import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { startApiExchange } from '../kube/api-exchange-observer.ts';
import { KubeHttpError, RequestTimeoutError } from '../kube/kube-request.ts';
import { isRecord, type KubeStatus } from './kube-object.ts';

/**
 * A non-2xx answer, with what a retry loop needs beyond KubeHttpError (which explainKubeError still recognises):
 * the Status reason (Expired, Forbidden, TooManyRequests…) and the server's Retry-After.
 */
export class KubeApiError extends KubeHttpError {
  constructor(
    status: number,
    method: string,
    path: string,
    detail: string,
    readonly reason: string | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(status, method, path, detail);
    this.name = 'KubeApiError';
  }
}

/** The request was ended by its AbortSignal (stop()). */
export class StreamAbortedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'AbortError';
  }
}

export interface StreamRequest {
  /** Path and query, e.g. /api/v1/pods?watch=1. */
  path: string;
  /** For the whole exchange, body included: a watch's deadline catches a connection that died silently. */
  deadlineMs: number;
  signal?: AbortSignal;
}

/** Retry-After in seconds or as an HTTP date; also Status.details.retryAfterSeconds, which 429s carry. */
export function retryAfterMs(header: string | undefined, status: KubeStatus | undefined, now = Date.now()): number | undefined {
  if (header !== undefined && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const fromStatus = status?.details?.retryAfterSeconds;
  return typeof fromStatus === 'number' && fromStatus >= 0 ? fromStatus * 1000 : undefined;
}

function parseStatus(body: string): KubeStatus | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) ? (parsed as KubeStatus) : undefined;
  } catch {
    return undefined;
  }
}

export function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => resolve(text));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(Object.assign(new Error('the connection closed before the answer was complete'), { code: 'ECONNRESET' }));
    });
  });
}

async function apiError(res: http.IncomingMessage, path: string): Promise<KubeApiError> {
  const body = await readBody(res).catch(() => '');
  const status = parseStatus(body);
  const header = res.headers['retry-after'];
  return new KubeApiError(
    res.statusCode ?? 0,
    'GET',
    path,
    status?.message ?? body.trim().slice(0, 200),
    status?.reason,
    retryAfterMs(Array.isArray(header) ? header[0] : header, status),
  );
}

/**
 * A GET to the context's API server with its credentials (client-node's applyToHTTPSOptions), answering the response
 * once its status is 2xx so the caller can stream the body; otherwise a KubeApiError. Unlike kubeRequestJson it can be
 * aborted, keeps the connection's TCP keep-alive on for long watches, and reads Retry-After.
 */
export async function openKubeStream(kc: KubeConfig, request: StreamRequest): Promise<http.IncomingMessage> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`the KubeConfig has no cluster for context "${kc.getCurrentContext()}"`);
  if (request.signal?.aborted) throw new StreamAbortedError();
  const opts: https.RequestOptions = {
    method: 'GET',
    headers: { Accept: 'application/json', 'User-Agent': 'cluster-insight' },
    rejectUnauthorized: !cluster.skipTLSVerify,
  };
  await kc.applyToHTTPSOptions(opts);
  if (request.signal?.aborted) throw new StreamAbortedError();
  const url = new URL(cluster.server + request.path);
  const transport = url.protocol === 'http:' ? http : https;

  // Reported once the exchange is over (a watch: when its stream ends), so verbose mode logs its whole duration.
  const finished = startApiExchange(kc, 'GET', request.path, /[?&]watch=(1|true)/.test(request.path));
  let answered = 0;
  let failure: string | undefined;

  return new Promise((resolve, reject) => {
    const req = transport.request(url, opts);
    const onAbort = () => req.destroy(new StreamAbortedError());
    const timer = setTimeout(() => req.destroy(new RequestTimeoutError(request.deadlineMs, url.origin)), request.deadlineMs);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      finished(answered, failure);
    });
    req.on('socket', (socket) => socket.setKeepAlive(true, 30_000));
    req.on('error', (err) => {
      failure = err.message;
      reject(err);
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      answered = status;
      if (status >= 200 && status < 300) resolve(res);
      else apiError(res, request.path).then(reject, reject);
    });
    req.end();
  });
}

/** A GET answering parsed JSON, abortable, with KubeApiError for non-2xx answers. */
export async function getKubeJson<T>(kc: KubeConfig, request: StreamRequest): Promise<T> {
  const res = await openKubeStream(kc, request);
  const body = await readBody(res);
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new KubeApiError(res.statusCode ?? 0, 'GET', request.path, `not JSON: ${body.trim().slice(0, 200)}`, undefined, undefined);
  }
}
