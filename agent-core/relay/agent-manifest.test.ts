import { describe, expect, test } from 'vitest';
import { agentManifest } from './agent-manifest.ts';

const connection = { gatewayUrl: 'wss://gw.example.com', accountId: 'acme', clusterId: 'c1', secret: 's'.repeat(43) };
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const role = (docs: Record<string, unknown>[]) => docs.find((d) => d.kind === 'ClusterRole') as { rules: Rule[] };
const verbsOn = (rules: Rule[], resource: string) => rules.filter((r) => r.resources.includes(resource)).flatMap((r) => r.verbs).sort();

describe('agent manifest', () => {
  test('least privilege: read the watched kinds and nodes/proxy; never Secrets or ConfigMaps; no patch unless remote apply is on', () => {
    const readOnly = role(agentManifest({ connection })).rules;
    expect(verbsOn(readOnly, 'deployments')).toEqual(['get', 'list', 'watch']);
    expect(verbsOn(readOnly, 'nodes/proxy')).toEqual(['get']);
    expect(readOnly.flatMap((r) => r.verbs)).not.toContain('patch');
    for (const r of readOnly) expect(r.resources.some((x) => x === 'secrets' || x === 'configmaps')).toBe(false);

    const applying = role(agentManifest({ connection, allowRemoteApply: true })).rules;
    expect(verbsOn(applying, 'deployments')).toEqual(['get', 'list', 'patch', 'watch']);
    expect(verbsOn(applying, 'pods')).toEqual(['get', 'list', 'watch']);
    expect(verbsOn(applying, 'jobs')).toEqual(['get', 'list', 'watch']);
  });

  test('the Secret carries the connection file and an in-cluster kubeconfig; one agent at a time', () => {
    const docs = agentManifest({ connection, allowRemoteApply: true, namespace: 'ci' });
    expect(docs.map((d) => d.kind)).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Secret', 'Deployment']);
    const secret = docs.find((d) => d.kind === 'Secret') as { stringData: Record<string, string> };
    expect(JSON.parse(secret.stringData['connection.json']!)).toEqual(connection);
    expect(secret.stringData.kubeconfig).toContain('tokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token"');
    const deployment = docs.find((d) => d.kind === 'Deployment') as { spec: { replicas: number; strategy: { type: string }; template: { spec: { containers: { args: string[] }[] } } } };
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe('Recreate');
    expect(deployment.spec.template.spec.containers[0]!.args).toContain('--allow-remote-apply');
  });
});
