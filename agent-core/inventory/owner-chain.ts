import type { KubeObject, OwnerReference } from './kube-object.ts';

export interface OwnerLink {
  kind: string;
  name: string;
  uid: string;
  uuid: string;
  /** The owner itself is in the inventory (else only the reference naming it is: not yet seen, deleted, or a kind we do not watch). */
  known: boolean;
}

// Deeper chains than this are not real (a Deployment's pod is two levels down); the bound also stops a cycle.
const MAX_DEPTH = 8;

/** The reference to the object's managing controller: the one marked controller, else the only one there is. */
export function controllerReference(object: KubeObject): OwnerReference | undefined {
  const refs = object.metadata?.ownerReferences ?? [];
  return refs.find((r) => r.controller === true) ?? (refs.length === 1 ? refs[0] : undefined);
}

/**
 * The object's owners, nearest first, following controller references through the objects `lookup` knows:
 * pod → ReplicaSet → Deployment, pod → Job → CronJob, pod → StatefulSet. Empty for a top-level object.
 */
export function ownerChain(object: KubeObject, lookup: (uid: string) => KubeObject | undefined, uuidOf: (kind: string, uid: string) => string): OwnerLink[] {
  const chain: OwnerLink[] = [];
  const seen = new Set<string>(object.metadata?.uid ? [object.metadata.uid] : []);
  let current: KubeObject | undefined = object;
  while (current && chain.length < MAX_DEPTH) {
    const ref = controllerReference(current);
    if (!ref || seen.has(ref.uid)) break;
    seen.add(ref.uid);
    const owner = lookup(ref.uid);
    chain.push({ kind: ref.kind, name: ref.name, uid: ref.uid, uuid: uuidOf(ref.kind, ref.uid), known: owner !== undefined });
    current = owner;
  }
  return chain;
}
