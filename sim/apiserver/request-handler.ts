import crypto from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, methodNotAllowed } from './api-error.ts';
import { RbacAuthorizer, type RequestAttributes, type UserInfo } from './authorizer.ts';
import { apiGroup, coreVersions, groupList, openApiV2, openApiV3Document, openApiV3Root, resourceList } from './discovery.ts';
import type { FaultInjector } from './fault-injection.ts';
import type { Json, KubeObject } from './kube-object.ts';
import { proxyToKubelet } from './node-proxy.ts';
import type { StoredObject } from './object-store.ts';
import { decodeAccessReview } from './protobuf-review.ts';
import { PATCH_TYPES, type ResourceOperations } from './resource-operations.ts';
import { apiVersionOf, resourceType, REVIEW_KINDS, type ResourceType } from './resource-types.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';
import { table, wantsTable } from './table-format.ts';
import type { WatchHub } from './watch-hub.ts';

export const SERVER_VERSION = {
  major: '1',
  minor: '20',
  gitVersion: 'v1.20.2',
  gitCommit: 'simulated-cluster-insight',
  gitTreeState: 'clean',
  buildDate: '2021-01-13T13:20:00Z',
  goVersion: 'go1.15.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export interface HandlerContext {
  ops: ResourceOperations;
  watches: WatchHub;
  authorizer: RbacAuthorizer;
  faults: FaultInjector;
  /** bearer token → user */
  users: Map<string, UserInfo>;
  serverAddress: string;
  proxyTimeoutMs: number;
}

/** A parsed resource URL. */
interface ResourceRequest {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** What follows the subresource (the node proxy's path). */
  rest: string;
  watch: boolean;
}

const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

function send(res: ServerResponse, code: number, body: string, contentType = 'application/json'): void {
  res.writeHead(code, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-cache, private', 'audit-id': crypto.randomUUID() });
  res.end(body);
}

function sendJson(res: ServerResponse, code: number, value: unknown): void {
  send(res, code, JSON.stringify(value));
}

function sendError(res: ServerResponse, err: ApiError): void {
  const body = JSON.stringify(err.status());
  res.writeHead(err.code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-cache, private', ...err.headers });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(buffer: Buffer): Json {
  if (buffer.length === 0) return undefined;
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch (err) {
    throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (${(err as Error).message})`);
  }
}

function authenticate(ctx: HandlerContext, req: IncomingMessage): UserInfo | undefined {
  const header = req.headers.authorization;
  if (!header) return ANONYMOUS;
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m) return undefined;
  const user = ctx.users.get(m[1]!.trim());
  return user && { ...user, groups: [...user.groups, 'system:authenticated'] };
}

/** Splits /api/v1/... and /apis/g/v/... into the resource, namespace, name and subresource. */
function parseResourcePath(segments: string[]): ResourceRequest | undefined {
  let group: string;
  let version: string;
  let parts: string[];
  if (segments[0] === 'api') {
    group = '';
    version = segments[1]!;
    parts = segments.slice(2);
  } else {
    group = segments[1]!;
    version = segments[2]!;
    parts = segments.slice(3);
  }
  let watch = false;
  if (parts[0] === 'watch') {
    watch = true;
    parts = parts.slice(1);
  }
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3 && !['status', 'finalize'].includes(parts[2]!)) {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const type = resourceType(group, version, parts[0]!);
  if (!type) return undefined;
  if (type.namespaced === false && namespace !== undefined) return undefined;
  return { type, namespace, name: parts[1], subresource: parts[2], rest: parts.slice(3).join('/'), watch };
}

function verbOf(method: string, r: ResourceRequest, query: URLSearchParams): string {
  const watching = r.watch || ['1', 'true'].includes(query.get('watch') ?? '');
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (r.subresource !== undefined) return 'get';
      if (watching) return 'watch';
      return r.name === undefined ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return r.name === undefined ? 'deletecollection' : 'delete';
    default:
      return method.toLowerCase();
  }
}

function isDryRun(query: URLSearchParams, body?: Json): boolean {
  return query.getAll('dryRun').includes('All') || (Array.isArray(body?.dryRun) && body.dryRun.includes('All'));
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as { rv: number; start: string };
    if (typeof t.start !== 'string') throw new Error('no start');
    return { rv: t.rv, start: t.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Answers one request to the simulated API server. */
export async function handleRequest(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://apiserver');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  try {
    const latency = ctx.faults.latencyMs(path);
    if (latency) await new Promise((r) => setTimeout(r, latency));
    const user = authenticate(ctx, req);
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    const isWatch = ['1', 'true'].includes(url.searchParams.get('watch') ?? '') || path.includes('/watch/');
    const failure = ctx.faults.failure(path, isWatch);
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      if (failure.code === 429) throw new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: failure.retryAfter }, headers);
      throw new ApiError(failure.code, failure.code === 503 ? 'ServiceUnavailable' : 'InternalError', `Internal error occurred: injected fault (${failure.code})`, undefined, headers);
    }
    const segments = path.split('/').filter(Boolean);
    const isResource = (segments[0] === 'api' && segments.length >= 3) || (segments[0] === 'apis' && segments.length >= 4);
    if (!isResource) return nonResource(ctx, user, method, path, segments, req.headers.accept, res);
    const r = parseResourcePath(segments);
    if (!r) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const verb = verbOf(method, r, url.searchParams);
    const attrs: RequestAttributes = { verb, group: r.type.group, resource: r.type.resource, subresource: r.subresource, namespace: r.namespace, name: r.name };
    if (!ctx.authorizer.allowed(user, attrs)) {
      throw new ApiError(403, 'Forbidden', RbacAuthorizer.forbiddenMessage(user, attrs), { ...(r.name && { name: r.name }), group: r.type.group, kind: r.type.resource });
    }
    await resourceRequest(ctx, user, r, verb, method, url.searchParams, req, res);
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof ApiError) sendError(res, err);
    else sendError(res, new ApiError(500, 'InternalError', `Internal error occurred: ${(err as Error).message}`));
  }
}

function nonResource(ctx: HandlerContext, user: UserInfo, method: string, path: string, segments: string[], accept: string | undefined, res: ServerResponse): void {
  const attrs: RequestAttributes = { verb: method.toLowerCase(), path };
  if (!ctx.authorizer.allowed(user, attrs)) throw new ApiError(403, 'Forbidden', RbacAuthorizer.forbiddenMessage(user, attrs), {});
  if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
  if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
  if (['/healthz', '/readyz', '/livez'].includes(path)) return send(res, 200, 'ok', 'text/plain; charset=utf-8');
  if (path === '/api') return sendJson(res, 200, coreVersions(ctx.serverAddress));
  if (path === '/apis') return sendJson(res, 200, groupList());
  if (segments[0] === 'api' && segments.length === 2) {
    const list = resourceList('', segments[1]!);
    if (list) return sendJson(res, 200, list);
  }
  if (segments[0] === 'apis' && segments.length === 2) {
    const g = apiGroup(segments[1]!);
    if (g) return sendJson(res, 200, g);
  }
  if (segments[0] === 'apis' && segments.length === 3) {
    const list = resourceList(segments[1]!, segments[2]!);
    if (list) return sendJson(res, 200, list);
  }
  if (path === '/openapi/v3') return sendJson(res, 200, openApiV3Root());
  if (path === '/openapi/v2') {
    const protobuf = /protobuf/.test(String(accept ?? ''));
    const body = openApiV2(protobuf);
    res.writeHead(200, { 'content-type': protobuf ? 'application/octet-stream' : 'application/json', 'content-length': body.length });
    return void res.end(body);
  }
  if (segments[0] === 'openapi' && segments[1] === 'v3') {
    const rest = segments.slice(2);
    const doc = rest[0] === 'api' ? openApiV3Document('', rest[1]!) : openApiV3Document(rest[1]!, rest[2]!);
    if (doc) return sendJson(res, 200, doc);
  }
  send(res, 404, '404 page not found\n', 'text/plain; charset=utf-8');
}

function listRequest(ctx: HandlerContext, r: ResourceRequest, query: URLSearchParams, accept: string | undefined, res: ServerResponse): void {
  const { ops } = ctx;
  const label = parseLabelSelector(query.get('labelSelector'));
  const field = parseFieldSelector(query.get('fieldSelector'));
  const limit = Number(query.get('limit') ?? 0) || 0;
  const cont = query.get('continue');
  const all = ops.store.list(r.type.storage, r.type.namespaced ? r.namespace : undefined);
  let start = 0;
  if (cont) {
    const token = decodeContinue(cont);
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keyOf(all[mid]!.object) <= token.start) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items: StoredObject[] = [];
  let i = start;
  for (; i < all.length; i++) {
    const o = all[i]!;
    if (label && !label(o.object)) continue;
    if (field && !field(o.object)) continue;
    if (limit && items.length === limit) break;
    items.push(o);
  }
  const rv = String(ops.store.resourceVersion);
  const more = limit > 0 && i < all.length;
  const continueToken = more ? encodeContinue({ rv: Number(rv), start: keyOf(items[items.length - 1]!.object) }) : undefined;
  const remaining = more && !label && !field ? all.length - i : undefined;
  if (wantsTable(accept)) {
    return sendJson(res, 200, table(r.type.kind, items.map((o) => o.object), rv, query.get('includeObject') ?? 'Metadata', continueToken, remaining));
  }
  const meta = JSON.stringify({ resourceVersion: rv, ...(continueToken && { continue: continueToken }), ...(remaining !== undefined && { remainingItemCount: remaining }) });
  const body = `{"kind":"${r.type.listKind}","apiVersion":"${apiVersionOf(r.type)}","metadata":${meta},"items":[${items.map((o) => ops.serve(r.type, o)).join(',')}]}`;
  send(res, 200, body);
}

function watchRequest(ctx: HandlerContext, r: ResourceRequest, query: URLSearchParams, accept: string | undefined, res: ServerResponse): void {
  const rvText = query.get('resourceVersion') ?? '';
  const sinceRv = rvText === '' || rvText === '0' ? undefined : Number(rvText);
  if (sinceRv !== undefined && !Number.isFinite(sinceRv)) throw badRequest(`invalid resource version: ${rvText}`);
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
  const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
  let fieldSelector = query.get('fieldSelector');
  if (r.name) fieldSelector = [fieldSelector, `metadata.name=${r.name}`].filter(Boolean).join(',');
  const goneForced = sinceRv !== undefined && ctx.faults.forceGone();
  ctx.watches.watch(
    {
      storage: r.type.storage,
      apiVersion: apiVersionOf(r.type),
      kind: r.type.kind,
      namespace: r.type.namespaced ? r.namespace : undefined,
      label: parseLabelSelector(query.get('labelSelector')),
      field: parseFieldSelector(fieldSelector),
      bookmarks: query.get('allowWatchBookmarks') === 'true',
      timeoutMs,
      sinceRv: goneForced ? -1 : sinceRv,
      render: wantsTable(accept)
        ? (object, first) => {
            const t = table(r.type.kind, [object], object.metadata.resourceVersion ?? '', query.get('includeObject') ?? 'Metadata');
            return JSON.stringify(first ? t : { ...t, columnDefinitions: [] });
          }
        : undefined,
    },
    res,
    ctx.faults.watchDropper(),
  );
}

function reviewRequest(ctx: HandlerContext, user: UserInfo, r: ResourceRequest, body: Json, res: ServerResponse): void {
  if (!body || typeof body !== 'object') throw badRequest('the body of the request was in an unknown format');
  const spec: Json = body.spec ?? {};
  if (r.type.kind === 'SelfSubjectAccessReview' || r.type.kind === 'SubjectAccessReview') {
    const who: UserInfo = r.type.kind === 'SubjectAccessReview' ? { name: spec.user ?? '', groups: spec.groups ?? [] } : user;
    let allowed: boolean;
    if (spec.resourceAttributes) {
      const a = spec.resourceAttributes;
      allowed = ctx.authorizer.allowed(who, {
        verb: a.verb ?? '',
        group: a.group ?? '',
        resource: a.resource ?? '',
        subresource: a.subresource || undefined,
        namespace: a.namespace || undefined,
        name: a.name || undefined,
      });
    } else if (spec.nonResourceAttributes) {
      allowed = ctx.authorizer.allowed(who, { verb: spec.nonResourceAttributes.verb ?? '', path: spec.nonResourceAttributes.path ?? '' });
    } else {
      throw new ApiError(422, 'Invalid', `${r.type.kind}.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified`);
    }
    return sendJson(res, 201, {
      kind: r.type.kind,
      apiVersion: apiVersionOf(r.type),
      metadata: { creationTimestamp: null },
      spec,
      status: { allowed, ...(allowed ? { reason: 'RBAC: allowed' } : {}) },
    });
  }
  if (r.type.kind === 'SelfSubjectRulesReview') {
    const rules = ctx.authorizer.rulesFor(user, spec.namespace);
    const superuser = user.groups.includes('system:masters');
    return sendJson(res, 201, {
      kind: r.type.kind,
      apiVersion: apiVersionOf(r.type),
      metadata: { creationTimestamp: null },
      spec,
      status: {
        resourceRules: superuser ? [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] : rules.filter((x) => x.resources).map((x) => ({ verbs: x.verbs, apiGroups: x.apiGroups, resources: x.resources, ...(x.resourceNames && { resourceNames: x.resourceNames }) })),
        nonResourceRules: superuser ? [{ verbs: ['*'], nonResourceURLs: ['*'] }] : rules.filter((x) => x.nonResourceURLs).map((x) => ({ verbs: x.verbs, nonResourceURLs: x.nonResourceURLs })),
        incomplete: false,
      },
    });
  }
  throw methodNotAllowed();
}

async function resourceRequest(
  ctx: HandlerContext,
  user: UserInfo,
  r: ResourceRequest,
  verb: string,
  method: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { ops } = ctx;
  const t = r.type;
  const ns = r.namespace ?? '';
  if (t.namespaced && r.namespace === undefined && r.name !== undefined) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (r.subresource && !t.subresources.includes(r.subresource)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');

  if (r.subresource === 'proxy' && t.kind === 'Node') {
    const node = ops.get(t, '', r.name!).object;
    if (ctx.faults.hangs(r.name!)) {
      req.on('close', () => res.destroy());
      return;
    }
    return proxyToKubelet(node, r.rest, new URL(req.url!, 'https://x').search, req, res, ctx.proxyTimeoutMs);
  }
  if (r.subresource === 'log') return send(res, 200, '', 'text/plain');

  switch (verb) {
    case 'list':
      return listRequest(ctx, r, query, req.headers.accept, res);
    case 'watch':
      return watchRequest(ctx, r, query, req.headers.accept, res);
    case 'get': {
      if (r.subresource === 'scale') return sendJson(res, 200, ops.scaleOf(t, ns, r.name!));
      const stored = ops.get(t, ns, r.name!);
      if (wantsTable(req.headers.accept)) return sendJson(res, 200, table(t.kind, [stored.object], String(stored.rv), query.get('includeObject') ?? 'Metadata'));
      return send(res, 200, ops.serve(t, stored));
    }
    case 'create': {
      const raw = await readBody(req);
      const protobuf = /application\/vnd\.kubernetes\.protobuf/.test(String(req.headers['content-type'] ?? ''));
      if (protobuf && !REVIEW_KINDS.has(t.kind)) {
        throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
      }
      const body = protobuf ? decodeAccessReview(raw) : parseJson(raw);
      if (REVIEW_KINDS.has(t.kind)) return reviewRequest(ctx, user, r, body, res);
      if (r.subresource === 'binding') {
        const pod = ops.get(t, ns, r.name!);
        if ((pod.object.spec as Json)?.nodeName) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${r.name}": pod ${r.name} is already assigned to node "${(pod.object.spec as Json).nodeName}"`);
        ops.patch(t, ns, r.name!, 'merge', { spec: { nodeName: body?.target?.name } }, { dryRun: isDryRun(query) });
        return sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
      }
      if (r.subresource === 'eviction') {
        ops.delete(t, ns, r.name!, { dryRun: isDryRun(query, body) });
        return sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
      }
      if (r.name !== undefined) throw methodNotAllowed();
      const created = ops.create(t, ns, body, { dryRun: isDryRun(query) });
      return send(res, 201, ops.serve(t, created));
    }
    case 'update': {
      const body = parseJson(await readBody(req));
      const updated = ops.update(t, ns, r.name!, body, { dryRun: isDryRun(query), subresource: r.subresource });
      return send(res, 200, r.subresource === 'scale' ? updated.json : ops.serve(t, updated));
    }
    case 'patch': {
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const patchType = PATCH_TYPES[contentType as keyof typeof PATCH_TYPES];
      if (contentType === 'application/apply-patch+yaml' && !r.subresource) {
        // Server-side apply, approximated: no field ownership or conflicts, the applied configuration is
        // created or merged strategically into the live object.
        const applied = parseYaml((await readBody(req)).toString('utf8')) as Json;
        const exists = !!ops.store.get(t.storage, t.namespaced ? ns : '', r.name!);
        const written = exists
          ? ops.patch(t, ns, r.name!, 'strategic', applied, { dryRun: isDryRun(query) })
          : ops.create(t, ns, { ...applied, metadata: { ...(applied?.metadata ?? {}), name: r.name } }, { dryRun: isDryRun(query) });
        return send(res, exists ? 200 : 201, ops.serve(t, written));
      }
      if (!patchType) {
        throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
      }
      const body = parseJson(await readBody(req));
      const patched = ops.patch(t, ns, r.name!, patchType, body, { dryRun: isDryRun(query), subresource: r.subresource });
      return send(res, 200, r.subresource === 'scale' ? patched.json : ops.serve(t, patched));
    }
    case 'delete': {
      const body = parseJson(await readBody(req)) ?? {};
      const grace = query.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
      const { stored, deleted } = ops.delete(t, ns, r.name!, {
        dryRun: isDryRun(query, body),
        propagationPolicy: query.get('propagationPolicy') ?? body.propagationPolicy ?? (body.orphanDependents === true ? 'Orphan' : undefined),
        gracePeriodSeconds: grace === undefined || grace === null ? undefined : Number(grace),
        preconditions: body.preconditions,
      });
      if (deleted && t.kind !== 'Pod') {
        return sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: r.name, group: t.group, kind: t.resource, uid: stored.object.metadata.uid } });
      }
      return send(res, 200, ops.serve(t, stored));
    }
    case 'deletecollection': {
      const body = parseJson(await readBody(req)) ?? {};
      const label = parseLabelSelector(query.get('labelSelector'));
      const field = parseFieldSelector(query.get('fieldSelector'));
      const matched = ops.store.list(t.storage, t.namespaced ? r.namespace : undefined).filter((o) => (!label || label(o.object)) && (!field || field(o.object)));
      for (const o of [...matched]) {
        try {
          ops.delete(t, o.object.metadata.namespace ?? '', o.object.metadata.name!, { dryRun: isDryRun(query, body), propagationPolicy: body.propagationPolicy });
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 404)) throw err;
        }
      }
      return send(res, 200, `{"kind":"${t.listKind}","apiVersion":"${apiVersionOf(t)}","metadata":{"resourceVersion":"${ops.store.resourceVersion}"},"items":[]}`);
    }
    default:
      throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`);
  }
}
