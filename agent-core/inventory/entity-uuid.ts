import { createHash } from 'node:crypto';

// Fixed namespace for Cluster Insight's cluster UUIDs (a random v4, chosen once: changing it changes every UUID).
const CLUSTER_INSIGHT_NAMESPACE = '9b0e7b36-4a52-4d0f-9d39-6f1c2b8a5e71';

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

function format(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 4122 version 5: SHA-1 of namespace and name, with the version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  return format(hash);
}

/** The namespace of one cluster's entity UUIDs, from whatever identifies the cluster (kube-system's uid, else its server). */
export function clusterUuid(clusterIdentity: string): string {
  return uuidV5(`cluster:${clusterIdentity}`, CLUSTER_INSIGHT_NAMESPACE);
}

/** A stable, opaque id for an object: the same cluster, kind and uid always give the same UUID; nothing else does. */
export function entityUuid(clusterNamespace: string, kind: string, uid: string): string {
  return uuidV5(`${kind}/${uid}`, clusterNamespace);
}
