import { stringify } from 'yaml';
import type { ContainerSpecView, PodSummary, WorkloadDetail } from '../../contract/app-contract.ts';
import type { ContainerView, Inventory, InventoryEntity } from '../../inventory/index.ts';
import { isRecord } from '../../inventory/kube-object.ts';
import { podTemplateSpec } from '../../inventory/container-views.ts';
import { UserFacingError } from '../../kube/user-facing-error.ts';
import { containerResources } from '../../inventory/container-resources.ts';
import type { WorkloadUsage } from './usage-summary.ts';
import { indexWorkloads, isReady } from './workload-index.ts';
import { workloadRow, type WorkloadBadges } from './workload-rows.ts';

function describeProbe(probe: unknown): { type: string; detail: string } | null {
  if (!isRecord(probe)) return null;
  const timing = [probe.initialDelaySeconds !== undefined ? `delay ${String(probe.initialDelaySeconds)}s` : '', probe.periodSeconds !== undefined ? `every ${String(probe.periodSeconds)}s` : '']
    .filter(Boolean)
    .join(', ');
  const suffix = timing ? ` (${timing})` : '';
  if (isRecord(probe.httpGet)) return { type: 'http', detail: `GET ${String(probe.httpGet.path ?? '/')} on port ${String(probe.httpGet.port)}${suffix}` };
  if (isRecord(probe.tcpSocket)) return { type: 'tcp', detail: `port ${String(probe.tcpSocket.port)}${suffix}` };
  if (isRecord(probe.grpc)) return { type: 'grpc', detail: `port ${String(probe.grpc.port)}${suffix}` };
  // The command itself may carry secrets, like args: say that there is one, not what it runs.
  if (isRecord(probe.exec)) return { type: 'exec', detail: `command${suffix}` };
  return { type: 'unknown', detail: suffix.trim() };
}

function containerSpecs(entity: InventoryEntity): ContainerSpecView[] {
  const template = podTemplateSpec(entity.object) ?? (entity.kind === 'Pod' && isRecord(entity.object.spec) ? entity.object.spec : undefined);
  const specs = new Map<string, Record<string, unknown>>();
  if (isRecord(template)) {
    for (const list of [template.initContainers, template.containers]) {
      if (Array.isArray(list)) for (const c of list) if (isRecord(c) && typeof c.name === 'string') specs.set(c.name, c);
    }
  }
  return entity.containers.map((view: ContainerView) => {
    const spec = specs.get(view.name) ?? {};
    const defaulted = [
      ...Object.entries(view.requests).filter(([, v]) => v.source === 'limitrange-default').map(([name]) => `requests.${name}`),
      ...Object.entries(view.limits).filter(([, v]) => v.source === 'limitrange-default').map(([name]) => `limits.${name}`),
    ];
    return {
      name: view.name,
      image: view.image ?? null,
      init: view.init,
      ...containerResources(view),
      defaulted,
      readiness: describeProbe(spec.readinessProbe),
      liveness: describeProbe(spec.livenessProbe),
      startup: describeProbe(spec.startupProbe),
    };
  });
}

function podSummary(pod: InventoryEntity): PodSummary {
  const last = pod.containers.map((c) => c.lastTerminationReason).find((r) => r !== undefined);
  return {
    uid: pod.uid,
    name: pod.name,
    node: pod.nodeName ?? null,
    phase: pod.phase ?? null,
    ready: isReady(pod),
    restarts: pod.containers.reduce((sum, c) => sum + (c.restarts ?? 0), 0),
    lastTermination: last ?? null,
  };
}

/** Managed fields are bookkeeping of who set what: noise in a spec view, and large. */
function forDisplay(object: InventoryEntity['object']): unknown {
  const { managedFields: _managedFields, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

/**
 * The chain from the workload down to its pods: the workload, then the owners in between (a Deployment's
 * ReplicaSets, a CronJob's Jobs), newest first. A top-level workload has no owners above it, so the chain
 * that helps the user is the one below it.
 */
function chainBelow(entity: InventoryEntity, pods: InventoryEntity[], inventory: Inventory): WorkloadDetail['ownerChain'] {
  const between = new Map<string, { kind: string; name: string; uid: string; created: string }>();
  for (const pod of pods) {
    for (const link of pod.ownerChain.slice(0, -1)) {
      const created = String(inventory.entity(link.uid)?.object.metadata?.creationTimestamp ?? '');
      between.set(link.uid, { kind: link.kind, name: link.name, uid: link.uid, created });
    }
  }
  const below = [...between.values()].sort((a, b) => b.created.localeCompare(a.created)).map(({ kind, name, uid }) => ({ kind, name, uid }));
  return [{ kind: entity.kind, name: entity.name, uid: entity.uid }, ...below];
}

export function workloadDetail(inventory: Inventory, uid: string, usage: Map<string, WorkloadUsage>, badges?: WorkloadBadges): WorkloadDetail {
  const entity = inventory.entity(uid);
  if (!entity) throw new UserFacingError('not-found', `No workload with uid ${uid} in the inventory: it may have been deleted. Go back to the workloads list.`);
  const index = indexWorkloads(inventory);
  return {
    row: workloadRow(entity, index, usage, badges),
    qosClass: entity.qosClass ?? null,
    containers: containerSpecs(entity),
    ownerChain: chainBelow(entity, index.podsOf.get(entity.uid) ?? [], inventory),
    pods: (index.podsOf.get(entity.uid) ?? []).map(podSummary).sort((a, b) => a.name.localeCompare(b.name)),
    yaml: stringify(forDisplay(entity.object), { lineWidth: 0 }),
  };
}
