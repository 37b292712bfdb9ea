// A plain HTTPS client for the bench's own API calls (creating the workload, polling, raw lists): keep-alive
// connections and the kubeconfig's credentials, with objects sent exactly as written.
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface ApiAnswer {
  status: number;
  body: Buffer;
}

export class ApiClient {
  private agent: https.Agent | undefined;
  private base: https.RequestOptions | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly maxSockets = 32,
  ) {}

  private async options(): Promise<https.RequestOptions> {
    if (!this.base) {
      const opts: https.RequestOptions = { headers: {} };
      await this.kc.applyToHTTPSOptions(opts);
      this.agent = new https.Agent({ keepAlive: true, maxSockets: this.maxSockets, ca: opts.ca, cert: opts.cert, key: opts.key });
      this.base = { ...opts, agent: this.agent };
    }
    return this.base;
  }

  async request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiAnswer> {
    const base = await this.options();
    const headers = { ...(base.headers as Record<string, string>), accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    return new Promise<ApiAnswer>((resolve, reject) => {
      const req = https.request(new URL(this.kc.getCurrentCluster()!.server + path), { ...base, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  async getJson<T>(path: string): Promise<T> {
    const answer = await this.request('GET', path);
    if (answer.status !== 200) throw new Error(`GET ${path}: HTTP ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
    return JSON.parse(answer.body.toString('utf8')) as T;
  }

  /** Creates an object; retries what a fresh namespace answers while its service account token is missing, and 429s. */
  async create(path: string, obj: unknown, deadline = Date.now() + 120_000): Promise<void> {
    for (;;) {
      const answer = await this.request('POST', path, obj);
      if (answer.status >= 200 && answer.status < 300) return;
      const text = answer.body.toString('utf8');
      const retryable = answer.status === 429 || answer.status >= 500 || /token|service ?account/i.test(text);
      if (!retryable || Date.now() > deadline) throw new Error(`POST ${path}: HTTP ${answer.status}: ${text.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  close(): void {
    this.agent?.destroy();
  }
}

/** Runs work over items, at most `concurrency` at a time. */
export async function forEachLimited<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
