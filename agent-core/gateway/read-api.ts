// The gateway's small HTTP API (JSON), for people and scripts: clusters, packets, gaps, and remote actions.
// Every request carries the admin token (Authorization: Bearer …) the gateway keeps in its data folder.
import crypto from 'node:crypto';
import type http from 'node:http';
import { z } from 'zod';
import { enrolmentState } from './enrolment.ts';
import type { FailureThrottle } from './failure-throttle.ts';
import type { GatewayStore } from './gateway-store.ts';

export interface ReadApiHost {
  store: GatewayStore;
  now: () => number;
  adminToken: string;
  isConnected(clusterId: string): boolean;
  /** Records an action and sends it if the agent is connected. */
  requestAction(clusterId: string, recommendationId: string, requestedBy: string | null): { actionId: string; delivered: boolean };
  /** Wrong tokens per address: past the limit, that address gets 429 until its window moves on. */
  throttle: FailureThrottle;
}

const actionRequestSchema = z.object({ recommendationId: z.string().min(1).max(500), requestedBy: z.string().max(200).optional() });

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(json);
}

const error = (res: http.ServerResponse, status: number, message: string) => reply(res, status, { error: message });

function authorised(req: http.IncomingMessage, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

function intParam(url: URL, name: string): number | undefined | 'invalid' {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : 'invalid';
}

async function readBody(req: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function readApiHandler(host: ReadApiHost): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    void handle(host, req, res).catch((err: unknown) => error(res, 500, (err as Error).message));
  };
}

async function handle(host: ReadApiHost, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  if (url.pathname === '/healthz') return reply(res, 200, { ok: true });
  if (!url.pathname.startsWith('/api/')) return error(res, 404, `no such path ${url.pathname}: the API is under /api/ and agents dial /relay`);
  const address = req.socket.remoteAddress ?? '';
  const wait = host.throttle.retryAfterMs(address);
  if (wait > 0) {
    res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
    return error(res, 429, `too many wrong admin tokens from ${address}: try again in ${Math.ceil(wait / 1000)} s`);
  }
  if (!authorised(req, host.adminToken)) {
    host.throttle.fail(address);
    return error(res, 401, 'missing or wrong admin token: send "Authorization: Bearer <token>" with the token in the gateway data folder (admin-token)');
  }
  const { store, now } = host;
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent); // ['api', 'clusters', id, what]
  if (parts[1] !== 'clusters') return error(res, 404, `no such path ${url.pathname}`);

  if (parts.length === 2 && req.method === 'GET') {
    return reply(
      res,
      200,
      store.enrolments().map((e) => ({
        clusterId: e.clusterId,
        accountId: e.accountId,
        name: e.name,
        state: enrolmentState(e, now()),
        createdAt: e.createdAt,
        firstUsedAt: e.firstUsedAt,
        lastSeenAt: e.lastSeenAt,
        connected: host.isConnected(e.clusterId),
        agentVersion: e.agentVersion,
        kubernetesVersion: e.kubernetesVersion,
        capabilities: e.capabilities,
        packets: store.packetCount(e.clusterId),
      })),
    );
  }
  const clusterId = parts[2];
  if (!clusterId || !store.enrolment(clusterId)) return error(res, 404, `no cluster ${clusterId ?? ''}: GET /api/clusters lists them`);
  const what = parts[3];

  if (what === 'packets' && req.method === 'GET') {
    const since = intParam(url, 'since');
    const afterId = intParam(url, 'after');
    const limit = intParam(url, 'limit');
    if (since === 'invalid' || afterId === 'invalid' || limit === 'invalid') return error(res, 400, 'since (ms epoch), after (a packet id) and limit must be non-negative integers');
    const kind = url.searchParams.get('kind') ?? undefined;
    const packets = store.packets({ clusterId, kind, since, afterId, limit });
    return reply(res, 200, { packets, next: packets.length ? packets[packets.length - 1]!.id : null });
  }
  if (what === 'gaps' && req.method === 'GET') {
    return reply(res, 200, store.packets({ clusterId, kind: 'gap', limit: 10_000 }).map((p) => ({ seq: p.seq, streamId: p.streamId, reportedAt: p.sentAt, ...(p.body as object) })));
  }
  if (what === 'actions' && req.method === 'GET') return reply(res, 200, store.actions(clusterId));
  if (what === 'actions' && req.method === 'POST') {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      return error(res, 400, `the body must be JSON {"recommendationId": "..."} (${(err as Error).message})`);
    }
    const parsed = actionRequestSchema.safeParse(body);
    if (!parsed.success) return error(res, 400, `the body must be {"recommendationId": "...", "requestedBy"?: "..."}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return reply(res, 202, host.requestAction(clusterId, parsed.data.recommendationId, parsed.data.requestedBy ?? null));
  }
  return error(res, 404, `no such path ${req.method ?? ''} ${url.pathname}`);
}
