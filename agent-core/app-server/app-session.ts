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
import { readAppSettings, writeAppSettings } from './app-settings.ts';

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
  return path.join(dataDir, 'clusters', `${readable}-${unique}`);
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
    this.setState({ phase: 'probing', context, probe: null, error: null });
    const stale = () => generation !== this.generation;
    try {
      const resolved = resolveContext(loadKubeconfig({ kubeconfig: this.options.kubeconfig }), context);
      const probed = await probeContext(resolved);
      if (stale()) return this.state;
      const probe: ProbeResult = { context: probed.context, server: probed.server, reachable: probed.reachable, version: probed.version, identity: probed.identity, error: probed.error };
      if (probed.error) {
        this.setState({ phase: 'error', context, probe, error: probed.error });
        return this.state;
      }
      writeAppSettings(this.options.dataDir, { lastContext: context });
      this.setState({ phase: 'starting', context, probe, error: null });
      const kubeConfig = kubeConfigForContext(resolved);
      const agent = await startAgent({
        kubeConfig,
        dataDir: clusterDataDir(this.options.dataDir, resolved.cluster),
        intervalMs: this.options.intervalMs,
        verbose: this.options.verbose,
        onStatus: this.options.onLog,
      }).catch((err: unknown) => {
        throw err instanceof UserFacingError ? err : explainKubeError(err, errorTargetOf(resolved));
      });
      if (stale()) {
        await agent.stop();
        return this.state;
      }
      this.agentNow = agent;
      this.connection = { kubeConfig, who: probed.identity?.username ?? (resolved.context.user || 'anonymous') };
      this.watchAgent(agent, context, probe);
      return this.state;
    } catch (err) {
      if (!stale()) this.setState({ phase: 'error', context, probe: this.state.probe, error: toAppError(err) });
      return this.state;
    }
  }

  async close(): Promise<void> {
    this.generation++;
    await this.stopAgent();
  }

  private watchAgent(agent: Agent, context: string, probe: ProbeResult): void {
    const inventory = agent.inventory;
    this.setState({ phase: inventory.settled() ? 'ready' : 'syncing', context, probe, error: null });
    let pending: ReturnType<typeof setTimeout> | undefined;
    let changed = false;
    const unsubscribe = inventory.subscribe((event) => {
      if (event.type === 'sync' && event.allSettled && this.state.phase === 'syncing') {
        this.setState({ ...this.state, phase: 'ready' });
        void agent.collectNow().then(() => this.options.onMinute());
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
    if (inventory.settled()) void agent.collectNow().then(() => this.options.onMinute());
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
    await agent?.stop();
  }

  private setState(state: SessionState): void {
    this.state = state;
    this.options.onState(state);
  }
}
