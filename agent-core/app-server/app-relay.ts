// The desktop side of the gateway relay: the configuration (app-settings.json, the secret in the injected secret
// store), one Relay beside the agent of the connected cluster when that cluster is the one the connection file was
// imported for, and the remote actions it receives held as pending approvals. Nothing is applied without the user.
import type { KubeConfig } from '@kubernetes/client-node';
import type { ActionOutcomeView, PendingActionView, RelayStatusView } from '../contract/app-contract.ts';
import type { Agent } from '../agent/agent.ts';
import { AuditTrail } from '../apply/audit-trail.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import { clusterActionExecutor } from '../relay/apply-executor.ts';
import { INTERACTIVE_ROLLOUT_TIMEOUT_MS } from '../apply/rollout-follow.ts';
import type { ConnectionFile } from '../relay/connection-file.ts';
import { discardOutbox } from '../relay/outbox-store.ts';
import type { ActionResultBody } from '../relay/protocol.ts';
import { Relay, type RelayOptions } from '../relay/relay.ts';
import { clusterFolderPath } from './cluster-folder.ts';
import { readAppSettings, writeAppSettings, type RelaySettings } from './app-settings.ts';
import { parseConnectionText } from './connection-text.ts';
import { relayStatusView, secretStorageNote } from './relay-status.ts';
import type { SecretStorage } from './secret-store.ts';

/** The cluster the session is about to run the agent on. */
export interface RelayTarget {
  /** The cluster's data folder (the relay's outbox lives in its metrics.sqlite). */
  dataDir: string;
  /** Its folder name: what a connection file is bound to. */
  clusterFolder: string;
  /** The context's name, for people. */
  clusterLabel: string;
  kubernetesVersion: string;
}

/** What AppSession calls around the agent's life. */
export interface SessionRelayHooks {
  /** Before startAgent: the relay to pass in its options, when one is configured for this cluster. */
  open(target: RelayTarget): Relay | undefined;
  /** Once the agent runs: remote actions can be decided on with its recommendations and the session's identity. */
  attached(target: RelayTarget, agent: Agent, connection: { kubeConfig: KubeConfig; who: string }): void;
  /** After the agent stopped (or failed to start): closes what open(target) returned. */
  closed(target: RelayTarget, relay: Relay | undefined): Promise<void>;
}

export interface AppRelayOptions {
  /** The app's data folder (app-settings.json). */
  dataDir: string;
  secrets?: SecretStorage;
  onStatus: (status: RelayStatusView) => void;
  onActions: (pending: number) => void;
  /** How the rollout of an approved remote request is going, while the person who approved it waits. */
  onActionProgress?: (actionId: string, progress: string) => void;
  onLog?: (line: string) => void;
  /** Timing overrides (tests). */
  relayOptions?: Partial<Pick<RelayOptions, 'backoff' | 'keepalive' | 'logFlushMs' | 'outboxMaxAgeMs'>>;
}

const secretName = (clusterId: string) => `relay:${clusterId}`;
const STATUS_POLL_MS = 2000;

export class AppRelay implements SessionRelayHooks {
  private relay: Relay | undefined;
  private target: RelayTarget | undefined;
  private running: { agent: Agent; kubeConfig: KubeConfig; who: string; audit: AuditTrail } | undefined;
  /** Why a configured relay could not start (the secret store refused, say). */
  private startProblem: string | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private lastBroadcast = '';
  private restartSession: () => Promise<void> = async () => {};

  constructor(private readonly options: AppRelayOptions) {}

  /** How to restart the agent of the connected context: a relay is attached when the agent starts. */
  onRestart(restart: () => Promise<void>): void {
    this.restartSession = restart;
  }

  // ---- the session's hooks ----

  open(target: RelayTarget): Relay | undefined {
    // A newer selection replaces an older one still starting: the older relay is closed by its own closed().
    clearInterval(this.poll);
    this.poll = undefined;
    this.relay = undefined;
    this.running = undefined;
    this.target = target;
    this.startProblem = undefined;
    const settings = this.settings();
    if (!settings || !settings.enabled || settings.clusterFolder !== target.clusterFolder) {
      this.notify();
      return undefined;
    }
    let secret: string | undefined;
    try {
      secret = this.requireSecrets().get(secretName(settings.clusterId));
    } catch (err) {
      this.startProblem = (err as Error).message;
    }
    if (!secret) {
      this.startProblem ??= 'The secret of this connection file is no longer in the secret store: import the connection file again.';
      this.notify();
      return undefined;
    }
    const connection: ConnectionFile = { gatewayUrl: settings.gatewayUrl, accountId: settings.accountId, clusterId: settings.clusterId, secret };
    const relay = new Relay({
      connection,
      dataDir: target.dataDir,
      hashNames: settings.hashNames,
      kubernetesVersion: () => target.kubernetesVersion,
      // Remote actions are shown to a person, who approves or declines each one.
      capabilities: () => ['remote-apply-on-approval'],
      ...this.options.relayOptions,
    });
    relay.on('status', () => this.notify());
    relay.on('problem', (p) => this.options.onLog?.(`relay: ${p.message}`));
    relay.on('action', (a) => {
      this.options.onLog?.(`relay: remote request ${a.actionId} to apply recommendation ${a.recommendationId}${a.requestedBy ? ` from ${a.requestedBy}` : ''}: waiting for approval`);
      this.options.onActions(relay.pendingActions().length);
      this.notify();
    });
    this.relay = relay.start();
    // Acks and the backlog move without a state change: the screen follows them every couple of seconds.
    this.poll = setInterval(() => this.notify(), STATUS_POLL_MS);
    this.poll.unref?.();
    this.notify();
    return relay;
  }

  attached(target: RelayTarget, agent: Agent, connection: { kubeConfig: KubeConfig; who: string }): void {
    if (target === this.target) this.running = { agent, ...connection, audit: new AuditTrail(agent.log.logger) };
  }

  async closed(target: RelayTarget, relay: Relay | undefined): Promise<void> {
    if (target === this.target) {
      clearInterval(this.poll);
      this.poll = undefined;
      this.relay = undefined;
      this.running = undefined;
      this.target = undefined;
    }
    if (relay) {
      await relay.close();
      this.options.onActions(this.relay?.pendingActions().length ?? 0);
    }
    this.notify();
  }

  // ---- what the contract asks ----

  status(): RelayStatusView {
    return relayStatusView({
      settings: this.settings(),
      relay: this.relay,
      connectedFolder: this.target?.clusterFolder,
      startProblem: this.startProblem,
      secretStorage: secretStorageNote(this.options.secrets?.kind),
    });
  }

  async importConnection(text: string): Promise<RelayStatusView> {
    const file = parseConnectionText(text);
    const target = this.target;
    if (!target) {
      throw new UserFacingError('relay-no-cluster', 'No cluster is connected: pick the context of the cluster this connection file was enrolled for, then import it again.');
    }
    const previous = this.settings();
    const secrets = this.requireSecrets();
    secrets.set(secretName(file.clusterId), file.secret);
    if (previous && previous.clusterId !== file.clusterId) secrets.delete(secretName(previous.clusterId));
    writeAppSettings(this.options.dataDir, {
      relay: {
        gatewayUrl: file.gatewayUrl,
        accountId: file.accountId,
        clusterId: file.clusterId,
        clusterFolder: target.clusterFolder,
        clusterLabel: target.clusterLabel,
        hashNames: previous?.hashNames ?? false,
        enabled: true,
      },
    });
    this.options.onLog?.(`relay: connection file imported for cluster ${file.clusterId} of account ${file.accountId} (${file.gatewayUrl})`);
    await this.restartSession();
    return this.status();
  }

  async changeSettings(change: { hashNames?: boolean; enabled?: boolean }): Promise<RelayStatusView> {
    const settings = this.settings();
    if (!settings) throw new UserFacingError('relay-not-configured', 'The relay is not configured: import a connection file first (Settings → Relay).');
    const next: RelaySettings = { ...settings, ...(change.hashNames === undefined ? {} : { hashNames: change.hashNames }), ...(change.enabled === undefined ? {} : { enabled: change.enabled }) };
    if (next.hashNames === settings.hashNames && next.enabled === settings.enabled) return this.status();
    writeAppSettings(this.options.dataDir, { relay: next });
    // The relay's options are fixed while it runs: a change takes effect with a fresh start of the agent.
    if (this.target?.clusterFolder === settings.clusterFolder) await this.restartSession();
    else this.notify();
    return this.status();
  }

  async forget(): Promise<RelayStatusView> {
    const settings = this.settings();
    if (!settings) return this.status();
    this.options.secrets?.store.delete(secretName(settings.clusterId));
    writeAppSettings(this.options.dataDir, { relay: undefined });
    if (this.relay) await this.restartSession();
    else this.notify();
    // After the restart, which closed the relay: what was queued for that gateway goes nowhere else.
    const discarded = discardOutbox(clusterFolderPath(this.options.dataDir, settings.clusterFolder));
    this.options.onLog?.(`relay: configuration for cluster ${settings.clusterId} forgotten, ${discarded} queued packets discarded`);
    return this.status();
  }

  pending(): PendingActionView[] {
    const relay = this.relay;
    if (!relay) return [];
    const agent = this.running?.agent;
    return relay.pendingActions().map((a) => {
      const rec = agent?.currentRecommendation(a.recommendationId);
      return {
        actionId: a.actionId,
        recommendationId: a.recommendationId,
        recomputedAs: rec && rec.id !== a.recommendationId ? rec.id : null,
        workload: rec ? { uid: rec.workload.uid, namespace: rec.workload.namespace, kind: rec.workload.kind, name: rec.workload.name } : null,
        container: rec?.containerName ?? null,
        current: rec ? { ...rec.current } : null,
        proposed: rec ? { ...rec.proposed } : null,
        requestedAt: a.requestedAt,
        requestedBy: a.requestedBy ?? null,
        receivedAt: a.receivedAt,
      };
    });
  }

  /** The user approved: the same path as the headless agent's (server-side dry run, then apply), audited under the user's name. */
  async approve(actionId: string, previewedRecommendationId?: string): Promise<ActionOutcomeView> {
    const { relay, running } = this.requireRunning();
    const action = relay.pendingActions().find((a) => a.actionId === actionId);
    if (!action) throw unknownAction(actionId);
    const who = running.who;
    const now = running.agent.currentRecommendation(action.recommendationId);
    if (previewedRecommendationId !== undefined && now?.id !== previewedRecommendationId) {
      // Still pending: the person previews the values as they are now, then decides.
      throw new UserFacingError(
        'recommendation-moved',
        `New data moved the recommendation after your preview (previewed ${previewedRecommendationId}, now ${now?.id ?? 'none'}): nothing was run. Approve again to preview the values it proposes now.`,
      );
    }
    const executor = clusterActionExecutor(
      { kc: running.kubeConfig, who, audit: running.audit },
      (id) => running.agent.currentRecommendation(id),
      (id) => ({ rolloutTimeoutMs: INTERACTIVE_ROLLOUT_TIMEOUT_MS, onProgress: (progress) => this.options.onActionProgress?.(id, progress) }),
    );
    const result = await relay.approve(actionId, executor, who);
    this.options.onLog?.(`relay: remote request ${actionId} approved by ${who}: ${result.outcome}: ${result.message}`);
    this.afterDecision(relay);
    return outcomeView(result);
  }

  reject(actionId: string, reason: string): ActionOutcomeView {
    const { relay, running } = this.requireRunning();
    if (!relay.pendingActions().some((a) => a.actionId === actionId)) throw unknownAction(actionId);
    const result = relay.reject(actionId, reason, running.who);
    this.options.onLog?.(`relay: remote request ${actionId} declined by ${running.who}: ${reason}`);
    this.afterDecision(relay);
    return outcomeView(result);
  }

  // ----

  private afterDecision(relay: Relay): void {
    this.options.onActions(relay.pendingActions().length);
    this.notify();
  }

  private requireRunning() {
    const relay = this.relay;
    const running = this.running;
    if (!relay || !running) throw new UserFacingError('relay-not-running', 'The relay is not running for the connected cluster, so no remote request can be decided now. Connect to its cluster and check Settings → Relay.');
    return { relay, running };
  }

  private requireSecrets() {
    const secrets = this.options.secrets;
    if (!secrets) throw new UserFacingError('secret-storage-unavailable', 'This app was started without a place to keep secrets, so it cannot keep the relay\'s secret. Use the desktop app (OS keychain) or `cluster-insight web`.');
    return secrets.store;
  }

  private settings(): RelaySettings | undefined {
    return readAppSettings(this.options.dataDir).relay;
  }

  private notify(): void {
    const status = this.status();
    // Only what changed goes out: an idle relay stays quiet.
    const digest = JSON.stringify(status);
    if (digest === this.lastBroadcast) return;
    this.lastBroadcast = digest;
    this.options.onStatus(status);
  }
}

const unknownAction = (actionId: string) => new UserFacingError('unknown-action', `No remote request ${actionId} is waiting: it was already decided, or the relay restarted (the gateway sends undecided requests again when it reconnects).`);

function outcomeView(result: ActionResultBody): ActionOutcomeView {
  return {
    actionId: result.actionId,
    recommendationId: result.recommendationId,
    outcome: result.outcome,
    message: result.message,
    dryRun: result.dryRun ? { ok: result.dryRun.ok, diff: result.dryRun.diff ?? null, summary: result.dryRun.summary ?? null } : null,
    decidedBy: result.decidedBy ?? '',
    recomputedAs: result.recomputedAs ?? null,
  };
}
