import type { V1Node } from '@kubernetes/client-node';
import { KubeApiError, type KubeApi } from './kube-api.ts';
import { leaseManifest, leaseRenewal, NODE_LEASE_NAMESPACE, nodeManifest, nodeStatusPatch, type NodeRegistration } from './node-object.ts';

/** Creates the Node (or takes over one left by an earlier run), writes its status and its Lease; returns the node's uid. */
export async function registerNode(api: KubeApi, registration: NodeRegistration, readySinceMs: number): Promise<string> {
  const manifest = nodeManifest(registration);
  const name = manifest.metadata.name;
  let node: V1Node;
  try {
    node = await api.create<V1Node>('/api/v1/nodes', manifest);
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 409)) throw err;
    node = await api.patch<V1Node>(`/api/v1/nodes/${name}`, { metadata: { labels: manifest.metadata.labels } }, 'merge');
  }
  await writeNodeStatus(api, registration, readySinceMs);
  const uid = node.metadata!.uid!;
  await renewLease(api, name, uid);
  return uid;
}

export async function writeNodeStatus(api: KubeApi, registration: NodeRegistration, readySinceMs: number): Promise<void> {
  await api.patch(`/api/v1/nodes/${registration.machine.name}/status`, nodeStatusPatch(registration, readySinceMs, Date.now()), 'strategic');
}

/** Renews the node's Lease (real time: the node lifecycle controller reads it), creating it when missing. */
export async function renewLease(api: KubeApi, nodeName: string, nodeUid: string): Promise<void> {
  const path = `/apis/coordination.k8s.io/v1/namespaces/${NODE_LEASE_NAMESPACE}/leases`;
  try {
    await api.patch(`${path}/${nodeName}`, leaseRenewal(nodeName, Date.now()), 'merge');
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 404)) throw err;
    try {
      await api.create(path, leaseManifest(nodeName, nodeUid, Date.now()));
    } catch (createErr) {
      if (!(createErr instanceof KubeApiError && createErr.status === 409)) throw createErr;
    }
  }
}

export async function deleteNode(api: KubeApi, nodeName: string): Promise<void> {
  try {
    await api.delete(`/api/v1/nodes/${nodeName}`);
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 404)) throw err;
  }
}
