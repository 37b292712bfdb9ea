import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { ControlPlane, ControlPlaneUser } from '../controlplane/control-plane.ts';

export const ADMIN_CONTEXT = 'testcluster';
export const VIEWER_CONTEXT = 'testcluster-viewer';

/** A kubeconfig with the admin context (current) and the read-only viewer context. */
export function testclusterKubeconfigYaml(cp: Pick<ControlPlane, 'server' | 'caPem' | 'admin' | 'viewer'>): string {
  const user = (name: string, u: ControlPlaneUser) => ({ name, user: { token: u.token } });
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'testcluster', cluster: { server: cp.server, 'certificate-authority-data': Buffer.from(cp.caPem).toString('base64') } }],
    users: [user('testcluster-admin', cp.admin), user('testcluster-viewer', cp.viewer)],
    contexts: [
      { name: ADMIN_CONTEXT, context: { cluster: 'testcluster', user: 'testcluster-admin' } },
      { name: VIEWER_CONTEXT, context: { cluster: 'testcluster', user: 'testcluster-viewer', namespace: 'default' } },
    ],
    'current-context': ADMIN_CONTEXT,
  });
}

export function kubeConfigFor(yaml: string, context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(yaml);
  kc.setCurrentContext(context);
  return kc;
}
