import type { KubeConfig } from '@kubernetes/client-node';
import type { WorkloadRecommendation } from '../agent/live-recommendations.ts';
import { discoverResources } from '../inventory/api-discovery.ts';
import { clusterUuid, entityUuid } from '../inventory/entity-uuid.ts';
import { defaultClusterIdentity } from '../inventory/inventory.ts';
import { isWatchedKind } from '../inventory/watched-kinds.ts';
import { UserFacingError } from '../kube/user-facing-error.ts';
import type { ChangeRequest } from './change-request.ts';
import { assertPatchable } from './workload-target.ts';

/**
 * A stored recommendation as a change to apply, without starting an inventory: the served apiVersion comes from
 * discovery (CronJob is batch/v1beta1 on 1.20) and the service id is the UUID the inventory gives the controller.
 */
export async function changeRequestFor(kc: KubeConfig, rec: WorkloadRecommendation, timeoutMs = 10_000): Promise<ChangeRequest> {
  const { kind, namespace, name, uid } = rec.workload;
  if (!isWatchedKind(kind)) throw new UserFacingError('not-patchable', `recommendation ${rec.id} is for a ${kind}, which Cluster Insight does not patch.`);
  assertPatchable({ kind, namespace, name });
  const served = (await discoverResources(kc, timeoutMs)).served.get(kind);
  if (!served) throw new UserFacingError('not-served', `the API server serves no ${kind} that we can list and watch; cannot apply recommendation ${rec.id}.`);
  const uuid = entityUuid(clusterUuid(await defaultClusterIdentity(kc, timeoutMs)), kind, uid);
  return {
    recommendationId: rec.id,
    target: { uuid, kind, apiVersion: served.apiVersion, namespace, name },
    container: { name: rec.containerName },
    current: rec.current,
    proposed: rec.proposed,
  };
}
