import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { resolveControlPlaneAssets, type ControlPlaneAssets } from './assets.ts';
import { freePort } from './free-port.ts';
import { createClusterPki } from './pki.ts';
import { SupervisedProcess } from './supervised-process.ts';

const SERVICE_CIDR = '10.0.0.0/24';
const SERVICE_CLUSTER_IP = '10.0.0.1';

/** The users the API server knows by static token. */
export interface ControlPlaneUser {
  name: string;
  token: string;
  groups: string[];
}

export interface ControlPlane {
  /** https://127.0.0.1:PORT */
  server: string;
  caPem: string;
  admin: ControlPlaneUser;
  /** Known to the API server; RBAC permissions are the caller's to grant. */
  viewer: ControlPlaneUser;
  /** The temp folder holding data, certificates and logs; removed by stop(). */
  dir: string;
  /** The real control plane's processes; absent for the simulated one (sim/apiserver), which runs in-process. */
  processes?: Record<'etcd' | 'apiServer' | 'controllerManager' | 'scheduler', SupervisedProcess>;
  /** Stops the API server (SIGKILL when `hard`) and starts it again on the same port and data. */
  restartApiServer(opts?: { hard?: boolean; downForMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface ControlPlaneOptions {
  log?: (line: string) => void;
  assets?: ControlPlaneAssets;
  /** Controllers run by kube-controller-manager; the defaults cover what the simulated cluster needs. */
  controllers?: string[];
}

export const DEFAULT_CONTROLLERS = [
  'deployment',
  'replicaset',
  'statefulset',
  'daemonset',
  'job',
  'cronjob',
  'replicationcontroller',
  'serviceaccount',
  'serviceaccount-token',
  'nodelifecycle',
  'garbagecollector',
  'namespace',
  'podgc',
];

function token(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function write(dir: string, name: string, content: string, mode = 0o600): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content, { mode });
  return file;
}

function componentKubeconfig(server: string, caFile: string, user: string, bearer: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'local', cluster: { server, 'certificate-authority': caFile } }],
    users: [{ name: user, user: { token: bearer } }],
    contexts: [{ name: 'local', context: { cluster: 'local', user } }],
    'current-context': 'local',
  });
}

/** GET with a bearer token against the API server; resolves with the status code, or 0 when unreachable. */
export function apiStatus(server: string, caPem: string, bearer: string, urlPath: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const req = https.get(new URL(urlPath, server), { ca: caPem, headers: { authorization: `Bearer ${bearer}` }, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, failure: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    const failed = failure();
    if (failed) throw new Error(`${what}: ${failed}`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager and kube-scheduler on free loopback ports,
 * with TLS, static-token authentication and RBAC, in a fresh temp folder.
 */
export async function startControlPlane(opts: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const log = opts.log ?? (() => {});
  const assets = opts.assets ?? (await resolveControlPlaneAssets(log));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-cp-'));
  const logs = path.join(dir, 'logs');
  const processes: Partial<ControlPlane['processes']> = {};
  const stopAll = async () => {
    for (const name of ['scheduler', 'controllerManager', 'apiServer', 'etcd'] as const) await processes[name]?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const pki = await createClusterPki(SERVICE_CLUSTER_IP);
    const caFile = write(dir, 'ca.crt', pki.ca.cert, 0o644);
    const certFile = write(dir, 'apiserver.crt', pki.apiServer.cert);
    const keyFile = write(dir, 'apiserver.key', pki.apiServer.key);
    const saKeyFile = write(dir, 'sa.key', pki.serviceAccount.privateKey);
    const saPubFile = write(dir, 'sa.pub', pki.serviceAccount.publicKey);

    const admin: ControlPlaneUser = { name: 'cluster-insight-admin', token: token(), groups: ['system:masters'] };
    const viewer: ControlPlaneUser = { name: 'cluster-insight-viewer', token: token(), groups: ['cluster-insight:viewers'] };
    const controllerManagerToken = token();
    const schedulerToken = token();
    const tokensFile = write(
      dir,
      'tokens.csv',
      [
        `${admin.token},${admin.name},uid-admin,"${admin.groups.join(',')}"`,
        `${viewer.token},${viewer.name},uid-viewer,"${viewer.groups.join(',')}"`,
        `${controllerManagerToken},system:kube-controller-manager,uid-kcm`,
        `${schedulerToken},system:kube-scheduler,uid-scheduler`,
      ].join('\n') + '\n',
    );

    const [etcdClientPort, etcdPeerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdClientPort}`;
    const server = `https://127.0.0.1:${apiPort}`;

    processes.etcd = new SupervisedProcess('etcd', assets.etcd, [
      '--name=default',
      `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeerPort}`,
      '--log-level=warn',
    ], path.join(logs, 'etcd.log'));

    processes.apiServer = new SupervisedProcess('kube-apiserver', assets['kube-apiserver'], [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      '--insecure-port=0',
      `--cert-dir=${path.join(dir, 'certs')}`,
      `--tls-cert-file=${certFile}`,
      `--tls-private-key-file=${keyFile}`,
      `--client-ca-file=${caFile}`,
      `--token-auth-file=${tokensFile}`,
      '--authorization-mode=RBAC',
      `--service-account-key-file=${saPubFile}`,
      `--service-account-signing-key-file=${saKeyFile}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      // Endpoints may not hold a loopback address, so the built-in reconciler would fail forever.
      '--endpoint-reconciler-type=none',
      '--kubelet-preferred-address-types=InternalIP',
      '--allow-privileged=true',
      '--profiling=false',
      '--v=1',
    ], path.join(logs, 'kube-apiserver.log'));

    const kcmKubeconfig = write(dir, 'controller-manager.kubeconfig', componentKubeconfig(server, caFile, 'system:kube-controller-manager', controllerManagerToken));
    processes.controllerManager = new SupervisedProcess('kube-controller-manager', assets['kube-controller-manager'], [
      `--kubeconfig=${kcmKubeconfig}`,
      '--leader-elect=false',
      '--use-service-account-credentials=true',
      `--service-account-private-key-file=${saKeyFile}`,
      `--root-ca-file=${caFile}`,
      `--controllers=${(opts.controllers ?? DEFAULT_CONTROLLERS).join(',')}`,
      '--port=0',
      '--secure-port=0',
      '--v=1',
    ], path.join(logs, 'kube-controller-manager.log'));

    const schedulerKubeconfig = write(dir, 'scheduler.kubeconfig', componentKubeconfig(server, caFile, 'system:kube-scheduler', schedulerToken));
    processes.scheduler = new SupervisedProcess('kube-scheduler', assets['kube-scheduler'], [
      `--kubeconfig=${schedulerKubeconfig}`,
      '--leader-elect=false',
      '--port=0',
      '--secure-port=0',
      '--v=1',
    ], path.join(logs, 'kube-scheduler.log'));

    const failed = (p: SupervisedProcess) => () => {
      const exit = p.exitDescription();
      return exit && `${p.name} ${exit}:\n${p.logTail()}`;
    };
    const apiReady = () => apiStatus(server, pki.ca.cert, admin.token, '/readyz').then((s) => s === 200);

    log(`starting etcd on ${etcdUrl}`);
    processes.etcd.start();
    log(`starting kube-apiserver on ${server}`);
    processes.apiServer.start();
    await waitFor('kube-apiserver', apiReady, 60_000, failed(processes.apiServer));
    log('kube-apiserver ready; starting kube-controller-manager and kube-scheduler');
    processes.controllerManager.start();
    processes.scheduler.start();
    // Pods are refused until the service-account controllers have given `default` its token.
    await waitFor(
      'kube-controller-manager (default service account)',
      async () => (await apiStatus(server, pki.ca.cert, admin.token, '/api/v1/namespaces/default/serviceaccounts/default')) === 200,
      60_000,
      failed(processes.controllerManager),
    );

    const all = processes as NonNullable<ControlPlane['processes']>;
    return {
      server,
      caPem: pki.ca.cert,
      admin,
      viewer,
      dir,
      processes: all,
      async restartApiServer({ hard = false, downForMs = 0 } = {}) {
        await all.apiServer.stop(hard ? 0 : 5000);
        if (downForMs) await new Promise((r) => setTimeout(r, downForMs));
        all.apiServer.start();
        await waitFor('kube-apiserver (restart)', apiReady, 60_000, failed(all.apiServer));
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
