import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTRACT_PATH } from '../contract/app-contract.ts';
import { AppRelay } from './app-relay.ts';
import { AppSession } from './app-session.ts';
import { CLOSE_BAD_TOKEN, guardFor, hostAllowed, refuseUpgrade, tokenAccepted } from './connection-guard.ts';
import { contentSecurityPolicy } from './content-security-policy.ts';
import { contractHandlers } from './contract-handlers.ts';
import { broadcast, serveContract } from './contract-socket.ts';
import type { DemoSource } from './demo-source.ts';
import type { SecretStorage } from './secret-store.ts';
import { staticFileHandler } from './static-files.ts';

export interface AppServerOptions {
  /** A path list like KUBECONFIG; default: $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
  /** Selected at start, as if the user picked it. */
  context?: string;
  /** 0 or undefined: any free port. */
  port?: number;
  dataDir: string;
  /** The built renderer (renderer/dist). */
  rendererDir: string;
  verbose?: boolean;
  /** Between metrics cycles (default 60 s). */
  intervalMs?: number;
  onLog?: (line: string) => void;
  /** Further page origins allowed to open the contract socket (a renderer dev server). */
  extraOrigins?: string[];
  /** The built-in demo cluster, offered in the picker; stopped with the server. */
  demo?: DemoSource;
  /** Where the gateway relay's secret is kept: the OS keychain (desktop) or an owner-only file (web mode). Without it the relay cannot be set up. */
  secrets?: SecretStorage;
  /** Relay timing overrides (tests). */
  relayOptions?: ConstructorParameters<typeof AppRelay>[0]['relayOptions'];
}

export interface AppServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** The page with the token in its fragment: what web mode prints. */
  url: string;
  session: AppSession;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The core as both shells run it: the renderer build and the contract WebSocket on 127.0.0.1, one per launch,
 * guarded by a random token and an Origin and Host check. The desktop window and a browser in web mode load
 * the same page and speak the same contract.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const token = randomBytes(32).toString('base64url');
  const sockets = new Set<WebSocket>();
  const relay = new AppRelay({
    dataDir: options.dataDir,
    secrets: options.secrets,
    relayOptions: options.relayOptions,
    onLog: options.onLog,
    onStatus: (status) => broadcast(sockets, 'relay', status),
    onActions: (pending) => broadcast(sockets, 'actions', { pending }),
    onActionProgress: (actionId, progress) => broadcast(sockets, 'actionProgress', { actionId, progress }),
  });
  const session: AppSession = new AppSession({
    relay,
    kubeconfig: options.kubeconfig,
    dataDir: options.dataDir,
    verbose: options.verbose,
    intervalMs: options.intervalMs,
    onLog: options.onLog,
    demo: options.demo,
    onState: (state) => broadcast(sockets, 'session', state),
    onInventoryChanged: () => broadcast(sockets, 'inventory', { changed: 1 }),
    onMinute: () => {
      const agent = session.agent();
      const last = agent?.lastCycle();
      broadcast(sockets, 'minute', { latestMinute: agent?.store.latestMinuteMs() ?? null, lastScrape: last ? last.startedAt + last.durationMs : Date.now() });
    },
  });
  relay.onRestart(() => session.restart());
  const handlers = contractHandlers(session, relay, { onApplyProgress: (previewId, progress) => broadcast(sockets, 'applyProgress', { previewId, progress }) });
  // Both need the port, known only once listening.
  const routes: { serveStatic?: ReturnType<typeof staticFileHandler> } = {};
  let guard = guardFor(0, token);

  const server = createServer((req, res) => {
    if (!hostAllowed(guard, req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('unknown host');
      return;
    }
    void routes.serveStatic?.(req, res).catch((err: unknown) => {
      options.onLog?.(`serving ${req.url ?? ''} failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20, perMessageDeflate: true });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refusal = path === CONTRACT_PATH ? refuseUpgrade(guard, req) : { status: 404 as const, reason: 'not found' };
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!tokenAccepted(guard, req)) {
        // Nothing is read from or sent to this socket but the refusal.
        ws.close(CLOSE_BAD_TOKEN, 'this page\'s token is not the current launch\'s: open the URL the app printed');
        return;
      }
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      serveContract(ws, handlers, (err) => options.onLog?.(`request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
      // A late joiner learns where the session stands without asking.
      broadcast([ws], 'session', session.current());
    });
  });

  const port = await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  guard = guardFor(port, token, options.extraOrigins);
  routes.serveStatic = staticFileHandler(options.rendererDir, {
    'Content-Security-Policy': contentSecurityPolicy(origin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  if (options.context) void session.select(options.context);

  let closing: Promise<void> | undefined;
  return {
    origin,
    token,
    url: `${origin}/#token=${token}`,
    session,
    close() {
      closing ??= (async () => {
        for (const ws of sockets) ws.close(1001, 'the app is closing');
        wss.close();
        await session.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
