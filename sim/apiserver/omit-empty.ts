import { isPlainObject, type Json } from './kube-object.ts';

/** Fields that are Go maps or slices tagged omitempty in the API types: empty ones are not serialized. */
const OMIT_WHEN_EMPTY = new Set([
  'requests', 'limits', 'labels', 'annotations', 'nodeSelector', 'matchLabels', 'matchExpressions', 'capacity', 'allocatable',
  'env', 'envFrom', 'ports', 'volumeMounts', 'volumeDevices', 'volumes', 'tolerations', 'finalizers', 'ownerReferences', 'args', 'command',
  'imagePullSecrets', 'initContainers', 'ephemeralContainers', 'hostAliases', 'topologySpreadConstraints', 'readinessGates', 'managedFields',
]);

/** Drops empty maps and lists where the real server's JSON encoding would omit them. */
export function omitEmpty(value: Json): void {
  if (Array.isArray(value)) {
    for (const v of value) omitEmpty(v);
    return;
  }
  if (!isPlainObject(value)) return;
  const v = value as Record<string, Json>;
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined) {
      if (x === undefined) delete v[k];
      continue;
    }
    if (typeof x !== 'object') continue;
    omitEmpty(x);
    if (OMIT_WHEN_EMPTY.has(k) && (Array.isArray(x) ? x.length === 0 : Object.keys(x).length === 0)) delete v[k];
  }
}
