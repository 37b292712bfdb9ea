import type { KubeConfig } from '@kubernetes/client-node';
import type { VirtualClock } from '../clock.ts';
import { hashOf } from '../profiles/index.ts';
import { ApiQueue } from './api-queue.ts';
import { Heartbeats, type HeartbeatTarget } from './heartbeats.ts';
import { KubeApi } from './kube-api.ts';
import { startKubeletServer, type KubeletServer } from './kubelet-server.ts';
import { nodeMachine } from './node-machine.ts';
import type { NodeRegistration } from './node-object.ts';
import { deleteNode, registerNode } from './node-registration.ts';
import { SharedPodWatch } from './pod-watch.ts';
import { SimulatedNode } from './simulated-node.ts';
import { createServingCertificate } from './serving-certificate.ts';

export interface KubeletFleetOptions {
  /** Admin credentials for the API server (@kubernetes/client-node). */
  kubeConfig: KubeConfig;
  nodeCount: number;
  /** Node names are the prefix and the node's position: sim-node-0, sim-node-1… */
  nodeNamePrefix?: string;
  /** Seeds every simulated choice: machines, usage profiles, container ids. */
  seed: number;
  /** Simulated time for samples and container lifetimes; leases and heartbeats stay on real time. */
  clock: VirtualClock;
  log?: (msg: string) => void;
  /** Per node; default 8 cores. */
  cpuCores?: number;
  /** Per node; default 32 GiB. */
  memoryBytes?: number;
  /** Delete the Node objects on stop() (default false: like a stopped kubelet, they go NotReady). */
  deleteNodesOnStop?: boolean;
}

export interface KubeletFleet {
  nodeNames: string[];
  /** The simulated kubelets, for tests and demo tooling that look inside. */
  nodes: SimulatedNode[];
  /** The kubelet port of each node on 127.0.0.1, by node name. */
  ports: ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

const DEFAULT_CPU_CORES = 8;
const DEFAULT_MEMORY_BYTES = 32 * 1024 ** 3;
const REGISTRATION_CONCURRENCY = 16;
const POD_WRITE_CONCURRENCY = 32;
const HEARTBEAT_CONCURRENCY = 16;
const TICK_MS = 1000;
/** Pod CIDR blocks per fleet, so that fleets with different prefixes rarely share addresses. */
const NODES_PER_FLEET_BLOCK = 1024;
const FLEET_BLOCKS = 16;

/**
 * Hollow kubelets for a real API server (in the spirit of kubemark and kwok): each node registers, keeps
 * its Lease and status fresh, runs the pods bound to it with simulated usage, and serves the kubelet's
 * stats endpoints over HTTPS on its own loopback port. Scales to hundreds of nodes in one process: one
 * pod watch, one certificate and one connection pool for the fleet.
 */
export async function startKubeletFleet(opts: KubeletFleetOptions): Promise<KubeletFleet> {
  const log = opts.log ?? (() => {});
  const prefix = opts.nodeNamePrefix ?? 'sim-node-';
  const { clock, seed } = opts;
  if (opts.nodeCount > NODES_PER_FLEET_BLOCK) throw new RangeError(`at most ${NODES_PER_FLEET_BLOCK} nodes per fleet`);

  const api = await KubeApi.connect(opts.kubeConfig, POD_WRITE_CONCURRENCY + HEARTBEAT_CONCURRENCY + 4);
  const podQueue = new ApiQueue(POD_WRITE_CONCURRENCY, log);
  const heartbeatQueue = new ApiQueue(HEARTBEAT_CONCURRENCY, log);
  const certificate = await createServingCertificate();
  const fleetStart = clock.now();
  const block = (hashOf(0, prefix) % FLEET_BLOCKS) * NODES_PER_FLEET_BLOCK;

  const nodes = Array.from({ length: opts.nodeCount }, (_, i) => {
    const machine = nodeMachine(seed, `${prefix}${i}`, opts.cpuCores ?? DEFAULT_CPU_CORES, opts.memoryBytes ?? DEFAULT_MEMORY_BYTES, fleetStart);
    return new SimulatedNode({ machine, podCidrIndex: block + i, seed, clock, api, queue: podQueue });
  });
  const servers: KubeletServer[] = [];
  let heartbeats: Heartbeats | undefined;
  let watch: SharedPodWatch | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= shutDown());
  const shutDown = async () => {
    clearInterval(ticker);
    heartbeats?.stop();
    await watch?.stop();
    await Promise.all([podQueue.stop(), heartbeatQueue.stop()]);
    await Promise.all(servers.map((s) => s.close()));
    if (opts.deleteNodesOnStop) await inBatches(nodes, REGISTRATION_CONCURRENCY, (n) => deleteNode(api, n.name));
    api.close();
  };

  try {
    servers.push(...(await Promise.all(nodes.map((node) => startKubeletServer(node, certificate)))));
    const readySinceMs = Date.now();
    const targets: HeartbeatTarget[] = await inBatches(nodes, REGISTRATION_CONCURRENCY, async (node, i) => {
      const registration: NodeRegistration = { machine: node.machine, index: i, fleet: prefix, podCidr: node.ipPool.cidr, port: servers[i]!.port };
      return { registration, readySinceMs, nodeUid: await registerNode(api, registration, readySinceMs) };
    });
    log(`registered ${nodes.length} simulated nodes (${prefix}0…${prefix}${nodes.length - 1})`);
    heartbeats = new Heartbeats(api, heartbeatQueue, targets);
    heartbeats.start();

    const byName = new Map(nodes.map((n) => [n.name, n]));
    watch = new SharedPodWatch(api, (name) => byName.get(name), log);
    await watch.start();
    ticker = setInterval(() => {
      for (const node of nodes) node.tick();
    }, TICK_MS);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    nodeNames: nodes.map((n) => n.name),
    nodes,
    ports: new Map(nodes.map((n, i) => [n.name, servers[i]!.port])),
    stop,
  };
}

/** Runs `work` over `items` with at most `concurrency` at a time, keeping results in order. */
async function inBatches<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
