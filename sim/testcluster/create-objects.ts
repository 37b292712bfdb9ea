import https from 'node:https';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';

interface ApiAnswer {
  status: number;
  body: string;
}

async function request(kc: KubeConfig, method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer> {
  const opts: https.RequestOptions = { method, headers: { 'content-type': 'application/json', accept: 'application/json' } };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(kc.getCurrentCluster()!.server + path), opts, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/**
 * Creates objects exactly as written. client-node's typed serializer would drop fields whose names it
 * rewrites (a LimitRange's `default` becomes `_default`), so the seed goes to the API server as plain JSON,
 * with each kind's resource name found by discovery.
 */
export class ObjectCreator {
  private readonly plurals = new Map<string, Map<string, { name: string; namespaced: boolean }>>();

  constructor(private readonly kc: KubeConfig) {}

  private async kindsOf(apiVersion: string): Promise<Map<string, { name: string; namespaced: boolean }>> {
    let kinds = this.plurals.get(apiVersion);
    if (!kinds) {
      const answer = await request(this.kc, 'GET', apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`);
      const list = answer.status === 200 ? (JSON.parse(answer.body) as { resources: { name: string; kind: string; namespaced: boolean }[] }) : { resources: [] };
      kinds = new Map(list.resources.filter((r) => !r.name.includes('/')).map((r) => [r.kind, { name: r.name, namespaced: r.namespaced }]));
      this.plurals.set(apiVersion, kinds);
    }
    return kinds;
  }

  /** The first of `apiVersions` that serves `kind` (discovery, never assumption: CronJob moved to batch/v1 in 1.21). */
  async versionServing(kind: string, apiVersions: string[]): Promise<string> {
    for (const apiVersion of apiVersions) if ((await this.kindsOf(apiVersion)).has(kind)) return apiVersion;
    throw new Error(`the API server serves no ${kind} in ${apiVersions.join(' or ')}`);
  }

  private async resource(apiVersion: string, kind: string): Promise<{ name: string; namespaced: boolean }> {
    const found = (await this.kindsOf(apiVersion)).get(kind);
    if (!found) throw new Error(`${apiVersion} serves no ${kind}`);
    return found;
  }

  /** Creates one object; a 500 carrying retryAfterSeconds (a namespace still waiting for its token) is retried until `deadline`. */
  async create(obj: KubernetesObject, deadline = Date.now() + 60_000): Promise<void> {
    const { name, namespaced } = await this.resource(obj.apiVersion!, obj.kind!);
    const base = obj.apiVersion!.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
    const path = namespaced ? `${base}/namespaces/${obj.metadata!.namespace ?? 'default'}/${name}` : `${base}/${name}`;
    for (;;) {
      const answer = await request(this.kc, 'POST', path, obj);
      if (answer.status >= 200 && answer.status < 300) return;
      const retryAfter = retryAfterSeconds(answer.body);
      if (retryAfter === undefined || Date.now() > deadline) {
        throw new Error(`creating ${obj.kind} ${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}: HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
      }
      await new Promise((r) => setTimeout(r, retryAfter * 1000));
    }
  }

  async createAll(objects: KubernetesObject[]): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (const obj of objects) await this.create(obj, deadline);
  }
}

function retryAfterSeconds(body: string): number | undefined {
  try {
    return (JSON.parse(body) as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds;
  } catch {
    return undefined;
  }
}
