import type { Json } from './kube-object.ts';
import type { ObjectStore } from './object-store.ts';

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
}

/** What a request asks to do, as the authorizer sees it (RBAC's attributes). */
export interface RequestAttributes {
  verb: string;
  /** Set for resource requests. */
  resource?: string;
  subresource?: string;
  group?: string;
  namespace?: string;
  name?: string;
  /** Set for non-resource requests (/version, /api, …). */
  path?: string;
}

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

function has(list: string[] | undefined, value: string): boolean {
  return !!list && (list.includes('*') || list.includes(value));
}

function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))));
  }
  if (!has(rule.apiGroups, a.group ?? '')) return false;
  const resources = rule.resources ?? [];
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
  const resourceOk =
    resources.includes('*') || resources.includes(combined) || (a.subresource !== undefined && resources.includes(`*/${a.subresource}`));
  if (!resourceOk) return false;
  if (rule.resourceNames?.length) return a.name !== undefined && rule.resourceNames.includes(a.name);
  return true;
}

function subjectMatches(s: Subject, user: UserInfo, bindingNs?: string): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.name === `system:serviceaccount:${s.namespace ?? bindingNs}:${s.name}`;
  return false;
}

/**
 * RBAC over the stored Roles, ClusterRoles and their bindings; system:masters may do anything, as with the
 * real server's superuser short cut. Aggregated ClusterRoles take the rules of the roles they select.
 */
export class RbacAuthorizer {
  constructor(private readonly store: ObjectStore) {}

  #clusterRoleRules(name: string): PolicyRule[] {
    const role = this.store.get('rbac.authorization.k8s.io/clusterroles', '', name)?.object as Json;
    if (!role) return [];
    const rules: PolicyRule[] = [...(role.rules ?? [])];
    for (const selector of (role.aggregationRule?.clusterRoleSelectors ?? []) as Json[]) {
      const want = Object.entries((selector.matchLabels ?? {}) as Record<string, string>);
      for (const other of this.store.list('rbac.authorization.k8s.io/clusterroles')) {
        const labels = other.object.metadata.labels ?? {};
        if (other.object.metadata.name !== name && want.every(([k, v]) => labels[k] === v)) rules.push(...((other.object as Json).rules ?? []));
      }
    }
    return rules;
  }

  /** Every rule that applies to `user` in `namespace` (cluster-wide rules always). */
  rulesFor(user: UserInfo, namespace?: string): PolicyRule[] {
    const rules: PolicyRule[] = [];
    for (const b of this.store.list('rbac.authorization.k8s.io/clusterrolebindings')) {
      const binding = b.object as Json;
      if ((binding.subjects ?? []).some((s: Subject) => subjectMatches(s, user))) rules.push(...this.#clusterRoleRules(binding.roleRef?.name));
    }
    if (namespace) {
      for (const b of this.store.list('rbac.authorization.k8s.io/rolebindings', namespace)) {
        const binding = b.object as Json;
        if (!(binding.subjects ?? []).some((s: Subject) => subjectMatches(s, user, namespace))) continue;
        if (binding.roleRef?.kind === 'ClusterRole') rules.push(...this.#clusterRoleRules(binding.roleRef.name));
        else rules.push(...(((this.store.get('rbac.authorization.k8s.io/roles', namespace, binding.roleRef?.name)?.object as Json)?.rules ?? []) as PolicyRule[]));
      }
    }
    return rules;
  }

  allowed(user: UserInfo, a: RequestAttributes): boolean {
    if (user.groups.includes('system:masters')) return true;
    return this.rulesFor(user, a.namespace).some((r) => ruleAllows(r, a));
  }

  /** The real server's 403 message for a denied request. */
  static forbiddenMessage(user: UserInfo, a: RequestAttributes): string {
    if (a.path !== undefined) return `forbidden: User "${user.name}" cannot ${a.verb} path "${a.path}"`;
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
    const what = a.name ? `${a.resource}${a.group ? `.${a.group}` : ''} "${a.name}"` : `${a.resource}${a.group ? `.${a.group}` : ''}`;
    const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
    return `${what} is forbidden: User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group ?? ''}" ${scope}`;
  }
}

/** The cluster roles every real cluster is born with that our users rely on (discovery, access reviews). */
export function bootstrapRbac(): Json[] {
  const role = (name: string, rules: PolicyRule[]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    rules,
  });
  const binding = (name: string, groups: string[]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  });
  return [
    role('cluster-admin', [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ]),
    role('system:discovery', [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] }]),
    role('system:basic-user', [{ verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] }]),
    role('system:public-info-viewer', [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] }]),
    binding('cluster-admin', ['system:masters']),
    binding('system:discovery', ['system:authenticated']),
    binding('system:basic-user', ['system:authenticated']),
    binding('system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']),
  ];
}
