// `agent --connection-file F`: the relay beside the headless agent. Remote actions are declined unless the agent was
// started with --allow-remote-apply; allowed, each is dry-run on the server first and applied only if that passes.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Agent } from '../../agent/agent.ts';
import { AuditTrail } from '../../apply/audit-trail.ts';
import { kubeRequestJson } from '../../kube/kube-request.ts';
import { readConnectionFile } from '../../relay/connection-file.ts';
import { clusterActionExecutor } from '../../relay/apply-executor.ts';
import { Relay } from '../../relay/relay.ts';
import type { RelayStatus } from '../../relay/relay-connection.ts';
import type { PendingAction } from '../../relay/remote-actions.ts';

export interface AgentRelayOptions {
  connectionFile?: string;
  allowRemoteApply?: boolean;
  hashNames?: boolean;
  outboxMaxAge: number;
  dataDir: string;
}

export interface AgentRelay {
  relay: Relay;
  /** Once the agent runs: remote actions can be decided on. */
  attach(agent: Agent): void;
  close(): Promise<void>;
}

const describe = (s: RelayStatus) =>
  s.state === 'connected' ? 'connected' : s.state === 'waiting' || s.state === 'refused' ? `${s.state} (${s.lastError ?? ''}); next attempt in ${Math.max(0, Math.round(((s.nextAttemptAt ?? Date.now()) - Date.now()) / 1000))} s` : s.state;

export function startAgentRelay(opts: AgentRelayOptions, kubeConfig: KubeConfig, say: (line: string) => void): AgentRelay | undefined {
  if (!opts.connectionFile) return undefined;
  const connection = readConnectionFile(opts.connectionFile);
  let kubernetesVersion = '';
  const version = kubeRequestJson<{ gitVersion?: string }>(kubeConfig, { path: '/version', timeoutMs: 10_000 }).then(
    (v) => (kubernetesVersion = v.gitVersion ?? ''),
    () => undefined,
  );
  const relay = new Relay({
    connection,
    dataDir: opts.dataDir,
    hashNames: opts.hashNames,
    outboxMaxAgeMs: opts.outboxMaxAge,
    kubernetesVersion: () => kubernetesVersion,
    capabilities: () => (opts.allowRemoteApply ? ['remote-apply'] : []),
  });
  let lastState = '';
  relay.on('status', (s) => {
    if (s.state === lastState || s.state === 'authenticating' || s.state === 'connecting') return;
    lastState = s.state;
    say(`relay ${connection.gatewayUrl}: ${describe(s)}; backlog ${relay.report().backlog.count} packets`);
  });
  relay.on('problem', (p) => say(`relay: ${p.message}`));
  // The first hello carries the server's version when it answers within 10 s; packets queue in the outbox meanwhile.
  void version.finally(() => relay.start());
  say(`relay: cluster ${connection.clusterId} of account ${connection.accountId}; remote apply ${opts.allowRemoteApply ? 'allowed (dry-run first)' : 'off'}`);
  return {
    relay,
    attach(agent) {
      const decide = (action: PendingAction) => {
        say(`relay: remote action ${action.actionId}: apply recommendation ${action.recommendationId}${action.requestedBy ? ` (asked by ${action.requestedBy})` : ''}`);
        if (!opts.allowRemoteApply) {
          relay.reject(action.actionId, 'remote apply is off on this agent: start it with --allow-remote-apply to allow it', 'agent');
          return;
        }
        const who = `remote:${action.requestedBy ?? 'gateway'}`;
        // No one waits at this agent: the rollout is followed to the workload's own progress deadline.
        const executor = clusterActionExecutor(
          { kc: kubeConfig, who, audit: new AuditTrail(agent.log.logger) },
          (id) => agent.currentRecommendation(id),
          (id) => ({ onProgress: (progress) => say(`relay: remote action ${id}: ${progress}`) }),
        );
        void relay.approve(action.actionId, executor, 'agent --allow-remote-apply').then(
          (result) => say(`relay: remote action ${action.actionId}: ${result.outcome}: ${result.message}`),
          (err: unknown) => say(`relay: remote action ${action.actionId} failed: ${(err as Error).message}`),
        );
      };
      // Actions that arrived while the inventory synced wait in pendingActions().
      for (const action of relay.pendingActions()) decide(action);
      relay.on('action', decide);
    },
    close: () => relay.close(),
  };
}
