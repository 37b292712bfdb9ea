import { apiVersionOf, GROUP_VERSIONS, RESOURCE_TYPES, type ResourceType } from './resource-types.ts';

/** GET /api */
export function coreVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function group(g: { group: string; versions: string[] }) {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

/** GET /apis */
export function groupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: GROUP_VERSIONS.map(group) };
}

/** GET /apis/GROUP */
export function apiGroup(name: string) {
  const g = GROUP_VERSIONS.find((x) => x.group === name);
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...group(g) };
}

function entries(t: ResourceType) {
  const main = {
    name: t.resource,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: t.verbs,
    ...(t.shortNames && { shortNames: t.shortNames }),
    ...(t.categories && { categories: t.categories }),
    storageVersionHash: Buffer.from(`${t.group}/${t.resource}`).toString('base64').slice(0, 11),
  };
  const subs = t.subresources.map((s) => {
    const base = { name: `${t.resource}/${s}`, singularName: '', namespaced: t.namespaced };
    switch (s) {
      case 'status':
        return { ...base, kind: t.kind, verbs: ['get', 'patch', 'update'] };
      case 'scale':
        return { ...base, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] };
      case 'proxy':
        return { ...base, kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] };
      case 'binding':
        return { ...base, kind: 'Binding', verbs: ['create'] };
      case 'eviction':
        return { ...base, group: 'policy', version: 'v1beta1', kind: 'Eviction', verbs: ['create'] };
      case 'log':
        return { ...base, kind: 'Pod', verbs: ['get'] };
      case 'finalize':
        return { ...base, kind: 'Namespace', verbs: ['update'] };
      default:
        return { ...base, kind: t.kind, verbs: ['get'] };
    }
  });
  return [main, ...subs];
}

/** GET /api/v1 or /apis/GROUP/VERSION */
export function resourceList(groupName: string, version: string) {
  const types = RESOURCE_TYPES.filter((t) => t.group === groupName && t.version === version);
  if (types.length === 0) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(types[0]!), resources: types.flatMap(entries) };
}

/**
 * A minimal OpenAPI v3 index and per-group-version documents: enough for kubectl 1.27+ to find that the
 * server validates fields itself (the `fieldValidation` parameter on each kind's PATCH), so it needs no
 * OpenAPI v2 schema for client-side validation.
 */
export function openApiV3Root() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const seen = new Set<string>();
  for (const t of RESOURCE_TYPES) {
    const key = t.group === '' ? `api/${t.version}` : `apis/${t.group}/${t.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${Buffer.from(key).toString('hex').slice(0, 16).toUpperCase()}` };
  }
  return { paths };
}

export function openApiV3Document(groupName: string, version: string) {
  const types = RESOURCE_TYPES.filter((t) => t.group === groupName && t.version === version);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    const base = t.group === '' ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
    const path = t.namespaced ? `${base}/namespaces/{namespace}/${t.resource}/{name}` : `${base}/${t.resource}/{name}`;
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    const params = [
      { name: 'dryRun', in: 'query', schema: { type: 'string' } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string' } },
      { name: 'fieldValidation', in: 'query', schema: { type: 'string' } },
    ];
    const op = (verb: string) => ({ operationId: `${verb}${t.kind}`, parameters: params, responses: {}, 'x-kubernetes-action': verb, 'x-kubernetes-group-version-kind': gvk });
    paths[path] = { get: op('get'), put: op('put'), patch: op('patch'), delete: op('delete') };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.20.2-sim' }, paths, components: { schemas: {} } };
}

function protoString(field: number, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from([(field << 3) | 2, bytes.length]), bytes]);
}

/**
 * An empty OpenAPI v2 document (no definitions), as JSON or as gnostic's protobuf (`swagger` = 1, `info` = 2 with
 * `title` = 1 and `version` = 2), which kubectl asks for. kubectl validates against it only kinds it finds there,
 * so with none it validates nothing client-side, and it computes apply patches from its built-in types.
 */
export function openApiV2(protobuf: boolean): Buffer {
  if (!protobuf) return Buffer.from(JSON.stringify({ swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.20.2' }, paths: {}, definitions: {} }));
  const info = Buffer.concat([protoString(1, 'Kubernetes'), protoString(2, 'v1.20.2')]);
  return Buffer.concat([protoString(1, '2.0'), Buffer.from([(2 << 3) | 2, info.length]), info]);
}
