import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';

export type PatchType = 'merge' | 'strategic';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** No single call may hang the fleet: a stuck heartbeat would turn its node NotReady. */
const REQUEST_TIMEOUT_MS = 30_000;

export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/**
 * A small JSON client for the API server over one keep-alive connection pool: a fleet of hundreds of
 * kubelets renews leases dozens of times a second, and a fresh TLS handshake per call (as the generated
 * client does, with an agent per request) would cost more than the calls.
 */
export class KubeApi {
  readonly #kubeConfig: KubeConfig;
  readonly #server: URL;
  readonly #agent: https.Agent;

  private constructor(kubeConfig: KubeConfig, server: URL, agent: https.Agent) {
    this.#kubeConfig = kubeConfig;
    this.#server = server;
    this.#agent = agent;
  }

  static async connect(kubeConfig: KubeConfig, maxSockets = 32): Promise<KubeApi> {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    const tls: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(tls);
    const agent = new https.Agent({
      keepAlive: true,
      maxSockets,
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      pfx: tls.pfx,
      passphrase: tls.passphrase,
      servername: tls.servername,
      ...(tls.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: tls.rejectUnauthorized }),
    });
    return new KubeApi(kubeConfig, new URL(cluster.server), agent);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** A non-JSON body, such as /metrics/cadvisor through the node proxy. */
  async getText(path: string): Promise<string> {
    const response = await this.#send('GET', path, undefined, 'application/json', AbortSignal.timeout(REQUEST_TIMEOUT_MS), '*/*');
    const text = await readText(response);
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return text;
    throw errorFrom('GET', path, status, text);
  }

  create<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown, type: PatchType): Promise<T> {
    return this.request<T>('PATCH', path, body, PATCH_CONTENT_TYPES[type]);
  }

  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('DELETE', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const response = await this.#send(method, path, payload, contentType, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    const text = await readText(response);
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return (text ? JSON.parse(text) : undefined) as T;
    throw errorFrom(method, path, status, text);
  }

  /**
   * Streams watch events until the server ends the watch (resolves) or the connection fails (rejects).
   * A 410 Gone arrives as an ERROR event, which the caller answers by listing again.
   */
  async watch<T>(path: string, onEvent: (event: WatchEvent<T>) => void, signal: AbortSignal): Promise<void> {
    const response = await this.#send('GET', path, undefined, 'application/json', signal);
    if (response.statusCode !== 200) throw errorFrom('WATCH', path, response.statusCode ?? 0, await readText(response));
    const lines = createInterface({ input: response, crlfDelay: Infinity });
    // readline ends only when its input ends: a destroyed response must close it too, or the loop waits forever.
    const close = () => {
      lines.close();
      response.destroy();
    };
    signal.addEventListener('abort', close, { once: true });
    response.once('close', close);
    try {
      for await (const line of lines) {
        if (line) onEvent(JSON.parse(line) as WatchEvent<T>);
      }
    } finally {
      signal.removeEventListener('abort', close);
      response.off('close', close);
      response.destroy();
    }
    if (signal.aborted) return;
    if (!response.complete) throw new Error(`watch ${path}: connection lost`);
  }

  close(): void {
    this.#agent.destroy();
  }

  async #send(method: string, path: string, payload: string | undefined, contentType: string, signal?: AbortSignal, accept = 'application/json') {
    const auth: https.RequestOptions = {};
    // Asked each time so that short-lived credentials (exec plugins, token files) stay fresh.
    await this.#kubeConfig.applyToHTTPSOptions(auth);
    const headers: Record<string, string | number> = { accept, ...(auth.headers as Record<string, string>) };
    if (auth.auth) headers.authorization = `Basic ${Buffer.from(auth.auth).toString('base64')}`;
    if (payload !== undefined) {
      headers['content-type'] = contentType;
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const url = new URL(path, this.#server);
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = https.request(url, { method, headers, agent: this.#agent, signal }, resolve);
      request.on('error', reject);
      request.end(payload);
    });
  }
}

function readText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('close', () => response.complete || reject(new Error('connection closed before the response ended')));
  });
}

function errorFrom(method: string, path: string, status: number, text: string): KubeApiError {
  let reason = '';
  let message = text.slice(0, 300);
  try {
    const parsed = JSON.parse(text) as { reason?: string; message?: string };
    reason = parsed.reason ?? '';
    message = parsed.message ?? message;
  } catch {
    // not a Status object: keep the raw text
  }
  return new KubeApiError(status, reason, `${method} ${path}: ${status} ${reason} ${message}`.trim());
}
