import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ControlPlane, ControlPlaneUser } from '../controlplane/control-plane.ts';
import { freePort } from '../controlplane/free-port.ts';
import { createClusterPki } from '../controlplane/pki.ts';
import { bootstrapRbac, RbacAuthorizer, type UserInfo } from './authorizer.ts';
import { ControllerManager } from './controllers/controller-manager.ts';
import { FaultInjector } from './fault-injection.ts';
import type { Json } from './kube-object.ts';
import { ObjectStore } from './object-store.ts';
import { handleRequest, type HandlerContext } from './request-handler.ts';
import { ResourceOperations } from './resource-operations.ts';
import { typeForKind } from './resource-types.ts';
import { WatchHub } from './watch-hub.ts';

export interface SimulatedControlPlaneOptions {
  log?: (line: string) => void;
  /** Listen here (default: a free loopback port). */
  port?: number;
  /** Watch events kept per resource for resuming watches; older resourceVersions get 410 Gone. */
  historySize?: number;
  /** How long the node proxy waits for a kubelet (default 30 s). */
  proxyTimeoutMs?: number;
  /** Seeds the fault injector's randomness. */
  faultSeed?: number;
  /** Run the in-process controllers and scheduler (default true). */
  controllers?: boolean;
}

export interface SimulatedControlPlane extends ControlPlane {
  /** Faults to inject, changeable at any time. */
  faults: FaultInjector;
  store: ObjectStore;
  /** Open watch connections. */
  watchCount(): number;
}

function token(): string {
  return crypto.randomBytes(24).toString('base64url');
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * A simulated Kubernetes API server (and controller manager and scheduler) in this process: HTTPS on
 * loopback, the same users and shape as the real control plane of `startControlPlane`, state in memory.
 */
export async function startSimulatedControlPlane(opts: SimulatedControlPlaneOptions = {}): Promise<SimulatedControlPlane> {
  const log = opts.log ?? (() => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-sim-'));
  try {
    const pki = await createClusterPki('10.0.0.1');
    fs.writeFileSync(path.join(dir, 'ca.crt'), pki.ca.cert, { mode: 0o644 });
    const admin: ControlPlaneUser = { name: 'cluster-insight-admin', token: token(), groups: ['system:masters'] };
    const viewer: ControlPlaneUser = { name: 'cluster-insight-viewer', token: token(), groups: ['cluster-insight:viewers'] };
    const users = new Map<string, UserInfo>([
      [admin.token, { name: admin.name, uid: 'uid-admin', groups: admin.groups }],
      [viewer.token, { name: viewer.name, uid: 'uid-viewer', groups: viewer.groups }],
    ]);

    const store = new ObjectStore({ historySize: opts.historySize });
    const ops = new ResourceOperations(store);
    const watches = new WatchHub(store);
    const faults = new FaultInjector(opts.faultSeed ?? 1);
    const controllers = new ControllerManager(store, ops, log);
    if (opts.controllers !== false) controllers.start();
    for (const name of SYSTEM_NAMESPACES) ops.create(typeForKind('v1', 'Namespace')!, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    for (const obj of bootstrapRbac() as Json[]) ops.create(typeForKind(obj.apiVersion, obj.kind)!, '', obj);

    const port = opts.port ?? (await freePort());
    const server = `https://127.0.0.1:${port}`;
    const ctx: HandlerContext = {
      ops,
      watches,
      authorizer: new RbacAuthorizer(store),
      faults,
      users,
      serverAddress: `127.0.0.1:${port}`,
      proxyTimeoutMs: opts.proxyTimeoutMs ?? 30_000,
    };

    let http: https.Server | undefined;
    const sockets = new Set<Socket>();
    const listen = async () => {
      const s = https.createServer({ cert: pki.apiServer.cert, key: pki.apiServer.key }, (req, res) => {
        void handleRequest(ctx, req, res);
      });
      s.keepAliveTimeout = 120_000;
      s.headersTimeout = 125_000;
      s.requestTimeout = 0;
      s.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      s.on('tlsClientError', () => undefined);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => {
          s.off('error', reject);
          resolve();
        });
      });
      http = s;
    };
    const close = async (hard: boolean) => {
      const s = http;
      http = undefined;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      if (hard) {
        for (const socket of sockets) socket.destroy();
      } else {
        watches.closeAll();
        s.closeIdleConnections();
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 2000).unref();
      }
      await closed;
    };

    await listen();
    log(`simulated kube-apiserver on ${server}`);
    return {
      server,
      caPem: pki.ca.cert,
      admin,
      viewer,
      dir,
      faults,
      store,
      watchCount: () => watches.watcherCount,
      async restartApiServer({ hard = false, downForMs = 0 } = {}) {
        await close(hard);
        // A restarted server's watch cache starts empty: watches from an older resourceVersion get 410 Gone.
        store.compactHistory();
        if (downForMs) await new Promise((r) => setTimeout(r, downForMs));
        await listen();
      },
      async stop() {
        controllers.stop();
        await close(true);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
