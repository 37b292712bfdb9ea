import fs from 'node:fs';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import type { AppError, ContextList, ProbeResult, SessionState } from '../contract/app-contract.ts';
import { startAgent, type Agent } from '../agent/agent.ts';
import { errorTargetOf, explainKubeError } from '../kube/explain-error.ts';
import { kubeConfigForContext } from '../kube/kube-client.ts';
import { listContexts, resolveContext } from '../kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../kube/kubeconfig-files.ts';
import { probeContext } from '../kube/probe.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { clusterFolderPath } from './cluster-folder.ts';
import { readAppSettings, writeAppSettings } from './app-settings.ts';
import type { Relay } from '../relay/relay.ts';
import type { RelayTarget, SessionRelayHooks } from './app-relay.ts';
import type { DemoSource } from './demo-source.ts';

export interface SessionOptions {
  /** A path list like KUBECONFIG; default: $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
  dataDir: string;
  verbose?: boolean;
  /** Between metrics cycles (default 60 s). */
  intervalMs?: number;
  onLog?: (line: string) => void;
  onState: (state: SessionState) => void;
  onInventoryChanged: () => void;
  onMinute: () => void;
  /** Offers the built-in demo cluster in the picker (and starts it when picked). */
  demo?: DemoSource;
  /** The gateway relay: opened before the agent starts (it is passed in its options), closed after it stops. */
  relay?: SessionRelayHooks;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof UserFacingError) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * One folder per cluster (by its server URL), so two clusters' series never mix while two contexts of the same
 * cluster (an admin's and a read-only one) share what was collected: a viewer sees the recommendations, and is
 * told why it may not apply them. Named so a person can find it.
 */
export function clusterDataDir(dataDir: string, cluster: { name: string; server: string }): string {
  const readable = cluster.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  const unique = createHash('sha256').update(cluster.server).digest('hex').slice(0, 8);
  return clusterFolderPath(dataDir, `${readable}-${unique}`);
}

function freshDemoDataDir(dataDir: string): string {
  const dir = clusterFolderPath(dataDir, 'demo');
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

/**
 * The context the user picked and the agent running on it. Selecting probes first (reachable, who am I,
 * version) and starts the agent only on a context that answered; the previous agent is stopped before.
 */
export class AppSession {
  private state: SessionState = { phase: 'idle', context: null, probe: null, error: null };
  private agentNow: Agent | undefined;
  private generation = 0;
  private stopAgentHooks: (() => void)[] = [];
  private connection: { kubeConfig: KubeConfig; who: string } | undefined;
  private relayNow: { target: RelayTarget; relay: Relay | undefined } | undefined;

  constructor(private readonly options: SessionOptions) {}

  current(): SessionState {
    return this.state;
  }

  agent(): Agent | undefined {
    return this.agentNow;
  }

  /** The connected context's API client and who the server says we are (else the kubeconfig user), for changes. */
  requireConnection(): { kubeConfig: KubeConfig; who: string } {
    this.requireAgent();
    return this.connection!;
  }

  /** The agent, or an error naming what the user must do first. */
  requireAgent(): Agent {
    if (this.agentNow) return this.agentNow;
    const detail = this.state.error ? ` The last attempt failed: ${this.state.error.message}` : '';
    throw new UserFacingError('no-session', `No cluster is connected yet: pick a context first.${detail}`);
  }

  listContexts(): ContextList {
    const listed = this.kubeconfigContexts();
    const demo = this.options.demo;
    if (!demo) return listed;
    const entry = { name: demo.context, cluster: 'simulated', user: 'admin', namespace: null, server: null, current: false, demo: true };
    const lastUsed = listed.lastUsed ?? (readAppSettings(this.options.dataDir).lastContext === demo.context ? demo.context : null);
    // Without a kubeconfig the demo is still there to pick: the picker shows it rather than only the error.
    const { error, ...rest } = listed;
    return { ...rest, contexts: [...listed.contexts, entry], lastUsed, ...(error && listed.contexts.length > 0 ? { error } : {}) };
  }

  private kubeconfigContexts(): ContextList {
    const lastUsed = readAppSettings(this.options.dataDir).lastContext ?? null;
    try {
      const kubeconfig = loadKubeconfig({ kubeconfig: this.options.kubeconfig });
      const contexts = listContexts(kubeconfig);
      return {
        contexts,
        files: kubeconfig.source.files,
        lastUsed: lastUsed && contexts.some((c) => c.name === lastUsed) ? lastUsed : null,
        ...(contexts.length === 0
          ? { error: { code: 'no-contexts', message: `No contexts in ${kubeconfig.source.files.join(', ') || 'any kubeconfig'}. Add one with \`kubectl config set-context\`, or start the app with --kubeconfig pointing at a kubeconfig that has one.` } }
          : {}),
      };
    } catch (err) {
      return { contexts: [], files: [], lastUsed: null, error: toAppError(err) };
    }
  }

  /** Probes the context and, when it answers, starts the agent on it; resolves once the agent runs (or failed). */
  async select(context: string): Promise<SessionState> {
    const generation = ++this.generation;
    await this.stopAgent();
    const demo = this.options.demo && context === this.options.demo.context ? this.options.demo : undefined;
    const shown = demo ? { demo: true } : {};
    this.setState({ phase: 'probing', context, probe: null, error: null, ...shown });
    const stale = () => generation !== this.generation;
    try {
      const target = demo ? await demo.start(this.options.onLog ?? (() => {})) : { kubeconfigPath: this.options.kubeconfig, context };
      if (stale()) return this.state;
      const resolved = resolveContext(loadKubeconfig({ kubeconfig: target.kubeconfigPath }), target.context);
      const probed = await probeContext(resolved);
      if (stale()) return this.state;
      const probe: ProbeResult = { context, server: probed.server, reachable: probed.reachable, version: probed.version, identity: probed.identity, error: probed.error };
      if (probed.error) {
        this.setState({ phase: 'error', context, probe, error: probed.error, ...shown });
        return this.state;
      }
      writeAppSettings(this.options.dataDir, { lastContext: context });
      this.setState({ phase: 'starting', context, probe, error: null, ...shown });
      const kubeConfig = kubeConfigForContext(resolved);
      // The demo starts afresh each time: its server's port (and so its folder) changes, and its history is made up.
      const dataDir = demo ? freshDemoDataDir(this.options.dataDir) : clusterDataDir(this.options.dataDir, resolved.cluster);
      const relayTarget = { dataDir, clusterFolder: path.basename(dataDir), clusterLabel: context, kubernetesVersion: probed.version ?? '' };
      const relay = this.options.relay?.open(relayTarget);
      const agent = await startAgent({
        kubeConfig,
        dataDir,
        intervalMs: this.options.intervalMs,
        verbose: this.options.verbose,
        onStatus: this.options.onLog,
        relay,
      }).catch(async (err: unknown) => {
        await this.options.relay?.closed(relayTarget, relay);
        throw err instanceof UserFacingError ? err : explainKubeError(err, errorTargetOf(resolved));
      });
      if (stale()) {
        await agent.stop();
        await this.options.relay?.closed(relayTarget, relay);
        return this.state;
      }
      this.agentNow = agent;
      this.connection = { kubeConfig, who: probed.identity?.username ?? (resolved.context.user || 'anonymous') };
      this.relayNow = { target: relayTarget, relay };
      this.options.relay?.attached(relayTarget, agent, this.connection);
      this.watchAgent(agent, context, probe, demo);
      return this.state;
    } catch (err) {
      if (!stale()) this.setState({ phase: 'error', context, probe: this.state.probe, error: toAppError(err), ...shown });
      return this.state;
    }
  }

  /** Starts the agent of the connected context again (the relay's settings changed); nothing when none is connected. */
  async restart(): Promise<void> {
    const context = this.state.context;
    if (context && this.agentNow) await this.select(context);
  }

  async close(): Promise<void> {
    this.generation++;
    await this.stopAgent();
    await this.options.demo?.stop();
  }

  private watchAgent(agent: Agent, context: string, probe: ProbeResult, demo: DemoSource | undefined): void {
    const inventory = agent.inventory;
    const shown = demo ? { demo: true } : {};
    // Once synced: the demo's history first (so the first cycle's recommendations see a day), then a cycle.
    const firstCycle = async () => {
      if (demo) {
        const filled = await demo.backfill(agent).catch((err: unknown) => {
          this.options.onLog?.(`demo history: ${err instanceof Error ? err.message : String(err)}`);
          return undefined;
        });
        if (filled) this.options.onLog?.(`demo history: ${filled.minutes} minutes for ${filled.containers} containers`);
      }
      await agent.collectNow();
      this.options.onMinute();
    };
    this.setState({ phase: inventory.settled() ? 'ready' : 'syncing', context, probe, error: null, ...shown });
    let pending: ReturnType<typeof setTimeout> | undefined;
    let changed = false;
    const unsubscribe = inventory.subscribe((event) => {
      if (event.type === 'sync' && event.allSettled && this.state.phase === 'syncing') {
        this.setState({ ...this.state, phase: 'ready' });
        void firstCycle();
      }
      changed = true;
      // Coalesced: a relist of 10k pods is one notice, not 10k.
      pending ??= setTimeout(() => {
        pending = undefined;
        if (changed) this.options.onInventoryChanged();
        changed = false;
      }, 500);
    });
    const cycles = setInterval(() => {
      const last = agent.lastCycle();
      if (last && last.startedAt !== lastSeen) {
        lastSeen = last.startedAt;
        this.options.onMinute();
      }
    }, 1000);
    let lastSeen = agent.lastCycle()?.startedAt;
    if (inventory.settled()) void firstCycle();
    this.stopAgentHooks.push(() => {
      unsubscribe();
      clearInterval(cycles);
      clearTimeout(pending);
    });
  }

  private async stopAgent(): Promise<void> {
    for (const stop of this.stopAgentHooks.splice(0)) stop();
    const agent = this.agentNow;
    this.agentNow = undefined;
    this.connection = undefined;
    const relay = this.relayNow;
    this.relayNow = undefined;
    await agent?.stop();
    // Closed after the agent: its last lines and the current minute still go through the outbox.
    if (relay) await this.options.relay?.closed(relay.target, relay.relay);
  }

  private setState(state: SessionState): void {
    this.state = state;
    this.options.onState(state);
  }
}
