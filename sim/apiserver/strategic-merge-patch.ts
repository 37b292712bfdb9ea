import { badRequest } from './api-error.ts';
import { clone, isPlainObject, type Json } from './kube-object.ts';

/**
 * The patchMergeKey of each list field in the kinds we serve (from the Go types' struct tags). Lists not named
 * here are atomic: a patch replaces them whole.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  addresses: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  podIPs: 'ip',
  podCIDRs: '',
  ports: 'containerPort',
  taints: 'key',
  secrets: 'name',
};

/** Lists of scalars merged as sets (patchStrategy "merge" without a key). */
const SET_LISTS = new Set(['finalizers', 'podCIDRs']);

function strip(value: Json): Json {
  if (Array.isArray(value)) return value.filter((v) => !(isPlainObject(v) && v.$patch)).map(strip);
  if (!isPlainObject(value)) return value;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) continue;
    if (v === null) continue;
    out[k] = strip(v);
  }
  return out;
}

function keyOf(field: string, item: Record<string, Json>): string {
  const key = MERGE_KEYS[field]!;
  // Service ports merge by port, container ports by containerPort.
  if (field === 'ports' && item.containerPort === undefined && item.port !== undefined) return 'port';
  return key;
}

function mergeList(field: string, original: Json[], patch: Json[], order?: Json[]): Json[] {
  if (patch.some((p) => isPlainObject(p) && p.$patch === 'replace')) return strip(patch);
  const result = original.map((o) => o as Json);
  for (const item of patch) {
    if (!isPlainObject(item)) {
      if (!result.includes(item)) result.push(item);
      continue;
    }
    const key = keyOf(field, item);
    const matches = (o: Json) => isPlainObject(o) && o[key] === item[key];
    const at = result.findIndex(matches);
    if (item.$patch === 'delete') {
      if (at >= 0) result.splice(at, 1);
      continue;
    }
    if (at >= 0) result[at] = strategicMerge(result[at], item);
    else result.push(strip(item));
  }
  if (order) {
    const sample = patch.find(isPlainObject) ?? original.find(isPlainObject);
    const key = sample ? keyOf(field, sample) : MERGE_KEYS[field]!;
    const rank = (o: Json) => {
      const i = order.findIndex((e) => (isPlainObject(e) ? e[key] === o[key] : e === o));
      return i < 0 ? order.length : i;
    };
    result.sort((a, b) => rank(a) - rank(b));
  }
  return result;
}

/** Applies a strategic merge patch (the Kubernetes flavour: lists merged by their merge keys, `$patch` directives). */
export function strategicMerge(original: Json, patch: Json): Json {
  if (!isPlainObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') return strip(patch);
  if (patch.$patch === 'delete') return undefined;
  const result: Record<string, Json> = isPlainObject(original) ? { ...original } : {};
  const orders: Record<string, Json[]> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/')) {
      if (!Array.isArray(value)) throw badRequest(`invalid $setElementOrder for ${key}`);
      orders[key.slice('$setElementOrder/'.length)] = value;
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key.startsWith('$setElementOrder/')) continue;
    if (key === '$retainKeys') continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(result[field]) && Array.isArray(value)) result[field] = (result[field] as Json[]).filter((v) => !value.includes(v));
      continue;
    }
    if (value === null) {
      delete result[key];
    } else if (isPlainObject(value)) {
      const merged = strategicMerge(result[key], value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else if (Array.isArray(value)) {
      const current = result[key];
      if (Array.isArray(current) && MERGE_KEYS[key] && value.every((v) => isPlainObject(v))) result[key] = mergeList(key, current, value, orders[key]);
      else if (Array.isArray(current) && SET_LISTS.has(key)) result[key] = [...current, ...value.filter((v) => !current.includes(v))];
      else result[key] = strip(value);
    } else {
      result[key] = value;
    }
  }
  for (const [field, order] of Object.entries(orders)) {
    if (!(field in patch) && Array.isArray(result[field])) result[field] = mergeList(field, result[field] as Json[], [], order);
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const key of Object.keys(result)) if (!patch.$retainKeys.includes(key)) delete result[key];
  }
  return result;
}
