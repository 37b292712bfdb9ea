import type { NodeMachine } from './node-machine.ts';
import { microTime, rfc3339 } from './time-format.ts';

export const KUBELET_VERSION = 'v1.20.2';
export const FLEET_LABEL = 'sim.cluster-insight.io/fleet';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;

export interface NodeSoftwareInfo {
  kernelVersion: string;
  osImage: string;
  containerRuntimeVersion: string;
  dockerVersion: string;
}

export const NODE_SOFTWARE: NodeSoftwareInfo = {
  kernelVersion: '5.4.0-1036-gke',
  osImage: 'Ubuntu 20.04.1 LTS',
  containerRuntimeVersion: 'docker://19.3.14',
  dockerVersion: '19.03.14',
};

const ZONES = ['sim-zone-a', 'sim-zone-b', 'sim-zone-c'];
/** The kubelet's default hard eviction threshold, subtracted from capacity for allocatable memory. */
const EVICTION_RESERVE_BYTES = 100 * 1024 * 1024;
const DISK_ALLOCATABLE_SHARE = 0.9;

export interface NodeRegistration {
  machine: NodeMachine;
  /** Position in the fleet: picks the zone and the pod CIDR. */
  index: number;
  fleet: string;
  podCidr: string;
  port: number;
}

/** The Node object a kubelet registers: labels and spec. Status is written separately (nodes/status). */
export function nodeManifest({ machine, index, fleet, podCidr }: NodeRegistration) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: machine.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': machine.name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': `sim-${machine.cpuCores}cpu-${Math.round(machine.memoryBytes / 1024 ** 3)}gb`,
        'topology.kubernetes.io/zone': ZONES[index % ZONES.length]!,
        [FLEET_LABEL]: labelValue(fleet),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: podCidr, podCIDRs: [podCidr] },
  };
}

/**
 * The node's status: resources, an InternalIP address only (the API server's node proxy resolves a
 * Hostname address, which fails for simulated names), the kubelet's port, and Ready conditions
 * stamped with a real-time heartbeat (the node lifecycle controller runs on real time).
 */
export function nodeStatusPatch({ machine, port }: NodeRegistration, readySinceMs: number, heartbeatMs: number) {
  const memoryKi = Math.floor(machine.memoryBytes / 1024);
  const diskKi = Math.floor(machine.diskCapacityBytes / 1024);
  const heartbeat = rfc3339(heartbeatMs);
  const since = rfc3339(readySinceMs);
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: since,
    reason,
    message,
  });
  return {
    status: {
      capacity: {
        cpu: String(machine.cpuCores),
        'ephemeral-storage': `${diskKi}Ki`,
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${memoryKi}Ki`,
        pods: '110',
      },
      allocatable: {
        cpu: String(machine.cpuCores),
        'ephemeral-storage': String(Math.floor(machine.diskCapacityBytes * DISK_ALLOCATABLE_SHARE)),
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${memoryKi - EVICTION_RESERVE_BYTES / 1024}Ki`,
        pods: '110',
      },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
      daemonEndpoints: { kubeletEndpoint: { Port: port } },
      nodeInfo: {
        machineID: machine.machineId,
        systemUUID: machine.systemUuid,
        bootID: machine.bootId,
        kernelVersion: NODE_SOFTWARE.kernelVersion,
        osImage: NODE_SOFTWARE.osImage,
        containerRuntimeVersion: NODE_SOFTWARE.containerRuntimeVersion,
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** The node's Lease in kube-node-lease, owned by the Node so that it goes when the node does. */
export function leaseManifest(nodeName: string, nodeUid: string, renewMs: number) {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: nodeName,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }],
    },
    spec: leaseRenewal(nodeName, renewMs).spec,
  };
}

export function leaseRenewal(nodeName: string, renewMs: number) {
  return { spec: { holderIdentity: nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTime(renewMs) } };
}

/** A label value: alphanumerics, '-', '_' and '.', starting and ending with an alphanumeric, at most 63 long. */
function labelValue(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
