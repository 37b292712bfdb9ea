import { expect, it } from 'vitest';
import { bootstrapRbac, RbacAuthorizer } from './authorizer.ts';
import type { Json } from './kube-object.ts';
import { ObjectStore } from './object-store.ts';

function storeWith(objects: Json[]): ObjectStore {
  const store = new ObjectStore();
  for (const o of objects) {
    const resource = `${o.kind.toLowerCase()}s`;
    store.create(`rbac.authorization.k8s.io/${resource}`, 'rbac.authorization.k8s.io', resource, o);
  }
  return store;
}

const rbac = (kind: string, name: string, extra: Json, namespace?: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(namespace && { namespace }) }, ...extra });
const alice = { name: 'alice', groups: ['team', 'system:authenticated'] };

const store = storeWith([
  ...bootstrapRbac(),
  rbac('ClusterRole', 'reader', { rules: [{ apiGroups: ['', 'apps'], resources: ['pods', 'deployments', 'nodes/proxy'], verbs: ['get', 'list'] }] }),
  rbac('ClusterRoleBinding', 'team-reads', { roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: [{ kind: 'Group', name: 'team' }] }),
  rbac('Role', 'patch-one', { rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['patch'] }] }, 'shop'),
  rbac('RoleBinding', 'alice-patch', { roleRef: { kind: 'Role', name: 'patch-one' }, subjects: [{ kind: 'User', name: 'alice' }] }, 'shop'),
  rbac('ClusterRole', 'metrics', { rules: [{ nonResourceURLs: ['/metrics*'], verbs: ['get'] }] }),
  rbac('ClusterRoleBinding', 'alice-metrics', { roleRef: { kind: 'ClusterRole', name: 'metrics' }, subjects: [{ kind: 'User', name: 'alice' }] }),
]);
const authz = new RbacAuthorizer(store);

it('grants by group and cluster role, including subresources like nodes/proxy', () => {
  expect(authz.allowed(alice, { verb: 'list', group: '', resource: 'pods', namespace: 'any' })).toBe(true);
  expect(authz.allowed(alice, { verb: 'get', group: '', resource: 'nodes', subresource: 'proxy', name: 'n1' })).toBe(true);
  expect(authz.allowed(alice, { verb: 'get', group: '', resource: 'nodes', name: 'n1' })).toBe(false);
  expect(authz.allowed(alice, { verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: 'x', name: 'p' })).toBe(false);
  expect(authz.allowed(alice, { verb: 'watch', group: '', resource: 'pods' })).toBe(false);
});

it('scopes a RoleBinding to its namespace and a rule to its resourceNames', () => {
  expect(authz.allowed(alice, { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'web' })).toBe(true);
  expect(authz.allowed(alice, { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'db' })).toBe(false);
  expect(authz.allowed(alice, { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'other', name: 'web' })).toBe(false);
});

it('matches nonResourceURLs with a trailing star, and gives every authenticated user discovery and access reviews', () => {
  expect(authz.allowed(alice, { verb: 'get', path: '/metrics/cadvisor' })).toBe(true);
  expect(authz.allowed(alice, { verb: 'get', path: '/apis/apps/v1' })).toBe(true);
  expect(authz.allowed(alice, { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' })).toBe(true);
  expect(authz.allowed({ name: 'system:anonymous', groups: ['system:unauthenticated'] }, { verb: 'get', path: '/api' })).toBe(false);
  expect(authz.allowed({ name: 'system:anonymous', groups: ['system:unauthenticated'] }, { verb: 'get', path: '/version' })).toBe(true);
});

it('lets system:masters do anything and words a denial as the real server does', () => {
  expect(authz.allowed({ name: 'root', groups: ['system:masters'] }, { verb: 'delete', group: '', resource: 'secrets', namespace: 'x' })).toBe(true);
  expect(RbacAuthorizer.forbiddenMessage(alice, { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'db' })).toBe(
    'deployments.apps "db" is forbidden: User "alice" cannot patch resource "deployments" in API group "apps" in the namespace "shop"',
  );
  expect(RbacAuthorizer.forbiddenMessage(alice, { verb: 'get', group: '', resource: 'nodes', subresource: 'proxy', name: 'n1' })).toBe(
    'nodes "n1" is forbidden: User "alice" cannot get resource "nodes/proxy" in API group "" at the cluster scope',
  );
});
