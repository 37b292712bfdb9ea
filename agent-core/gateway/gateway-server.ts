// The reference gateway: agents dial ws(s)://host:port/relay; people read /api/… with the admin token.
// Put a TLS-terminating proxy in front of it for wss:// outside a trusted network.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { CloseCode, MAX_FRAME_BYTES, RELAY_PATH } from '../relay/protocol.ts';
import { AgentSession, type AuthGuard, type GatewayEvent } from './agent-session.ts';
import { FailureThrottle } from './failure-throttle.ts';
import { GatewayStore } from './gateway-store.ts';
import { readApiHandler } from './read-api.ts';

export const ADMIN_TOKEN_FILE = 'admin-token';

export interface GatewayOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1; 0.0.0.0 to accept agents from other machines. */
  host?: string;
  dataDir: string;
  /** ms epoch; injected so tests can expire enrolments and packets. */
  now?: () => number;
  /** Ping every agent this often; one silent for readDeadlineMs is cut off (defaults 20 s / 60 s). */
  pingIntervalMs?: number;
  readDeadlineMs?: number;
  handshakeTimeoutMs?: number;
  /**
   * Failed authentications allowed per window (default a minute): per address and claimed cluster (10; the same
   * figure bounds wrong admin tokens per address on the read API), and per address whatever it claims (100, so that
   * one agent behind a shared NAT with a stale file does not lock out the rest).
   */
  authFailures?: { perCluster: number; perAddress: number; windowMs: number };
  onEvent?: (event: GatewayEvent) => void;
}

export interface Gateway {
  port: number;
  /** ws://host:port: what goes in connection files. */
  url: string;
  /** http://host:port: the read API's base. */
  httpUrl: string;
  adminToken: string;
  store: GatewayStore;
  isConnected(clusterId: string): boolean;
  /** Records an action and sends it now if the agent is connected (else on its next connection). */
  requestAction(clusterId: string, recommendationId: string, requestedBy?: string | null): { actionId: string; delivered: boolean };
  /** Drops packets older than 30 days (also run hourly). */
  prune(): void;
  close(): Promise<void>;
}

function adminToken(dataDir: string): string {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const token = crypto.randomBytes(32).toString('base64url');
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
    return token;
  }
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const now = opts.now ?? Date.now;
  const store = new GatewayStore(opts.dataDir);
  const token = adminToken(opts.dataDir);
  const limits = opts.authFailures ?? { perCluster: 10, perAddress: 100, windowMs: 60_000 };
  const perCluster = new FailureThrottle({ maxFailures: limits.perCluster, windowMs: limits.windowMs, now });
  const perAddress = new FailureThrottle({ maxFailures: limits.perAddress, windowMs: limits.windowMs, now });
  // People and scripts with the admin token: a wrong one is a mistake, or a guess.
  const adminTokens = new FailureThrottle({ maxFailures: limits.perCluster, windowMs: limits.windowMs, now });
  const byCluster = new Map<string, AgentSession>();
  const sessions = new Set<AgentSession>();

  const deliver = (clusterId: string) => {
    const session = byCluster.get(clusterId);
    if (!session?.ready) return;
    for (const a of store.openActions(clusterId)) {
      if (session.sendAction({ type: 'action', actionId: a.actionId, action: 'applyRecommendation', recommendationId: a.recommendationId, requestedBy: a.requestedBy ?? undefined, requestedAt: a.requestedAt })) {
        store.markDelivered(a.actionId, now());
      }
    }
  };

  const host = {
    store,
    now,
    handshakeTimeoutMs: opts.handshakeTimeoutMs ?? 15_000,
    onEvent: opts.onEvent,
    onAuthenticated(session: AgentSession) {
      const id = session.clusterId!;
      const previous = byCluster.get(id);
      byCluster.set(id, session);
      previous?.refuse(CloseCode.superseded, 'a newer connection of this cluster took over');
      deliver(id);
    },
    onClosed(session: AgentSession) {
      sessions.delete(session);
      if (session.clusterId && byCluster.get(session.clusterId) === session) byCluster.delete(session.clusterId);
    },
  };

  const requestAction = (clusterId: string, recommendationId: string, requestedBy: string | null = null) => {
    const actionId = crypto.randomUUID();
    store.addAction({ actionId, clusterId, recommendationId, requestedBy, requestedAt: now() });
    const session = byCluster.get(clusterId);
    const delivered = !!session?.ready && session.sendAction({ type: 'action', actionId, action: 'applyRecommendation', recommendationId, requestedBy: requestedBy ?? undefined, requestedAt: now() });
    if (delivered) store.markDelivered(actionId, now());
    return { actionId, delivered };
  };
  const isConnected = (clusterId: string) => !!byCluster.get(clusterId)?.ready;

  const server = http.createServer(readApiHandler({ store, now, adminToken: token, isConnected, requestAction, throttle: adminTokens }));
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: { threshold: 1024 }, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://gateway').pathname !== RELAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const address = req.socket.remoteAddress ?? '';
    const wait = perAddress.retryAfterMs(address);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${seconds}\r\nConnection: close\r\n\r\n`);
      opts.onEvent?.({ type: 'throttled', address, retryAfterMs: wait });
      return;
    }
    const guard: AuthGuard = {
      retryAfterMs: (clusterId) => perCluster.retryAfterMs(`${address} ${clusterId}`),
      failed: (clusterId) => {
        perAddress.fail(address);
        if (clusterId !== undefined) perCluster.fail(`${address} ${clusterId}`);
      },
    };
    wss.handleUpgrade(req, socket, head, (ws) => {
      sessions.add(new AgentSession(ws, { ...host, guard }));
    });
  });

  const readDeadlineMs = opts.readDeadlineMs ?? 60_000;
  const pingTimer = setInterval(
    () => {
      const t = Date.now();
      for (const s of sessions) {
        if (t - s.lastHeard > readDeadlineMs) s.ws.terminate();
        else s.ws.ping();
      }
    },
    Math.max(10, Math.min(opts.pingIntervalMs ?? 20_000, readDeadlineMs / 2)),
  );
  const prune = () => {
    store.prune(now());
  };
  prune();
  const pruneTimer = setInterval(prune, 60 * 60_000);
  pruneTimer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  }).catch((err: unknown) => {
    clearInterval(pingTimer);
    clearInterval(pruneTimer);
    store.close();
    throw err;
  });
  const address = server.address() as AddressInfo;
  const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    port: address.port,
    url: `ws://${hostName}:${address.port}`,
    httpUrl: `http://${hostName}:${address.port}`,
    adminToken: token,
    store,
    isConnected,
    requestAction,
    prune,
    async close() {
      clearInterval(pingTimer);
      clearInterval(pruneTimer);
      for (const s of sessions) s.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
