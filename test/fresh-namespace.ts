import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Kubectl } from './kubectl.ts';

type Manifest = Record<string, unknown>;

/** Creates a namespace of the test's own (`prefix-xxxxxx`) holding `objects`, through `kubectl apply` as a user would. */
export async function inFreshNamespace(admin: Kubectl, prefix: string, objects: (namespace: string) => Manifest[]): Promise<string> {
  const namespace = `${prefix}-${crypto.randomBytes(3).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ci-${prefix}-`));
  try {
    const file = path.join(dir, 'objects.yaml');
    const all = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, ...objects(namespace)];
    fs.writeFileSync(file, all.map((o) => stringify(o)).join('---\n'));
    await admin('apply', '-f', file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return namespace;
}

export interface WorkloadShape {
  containers: Manifest[];
  replicas?: number;
  /** On the pod template (the simulated kubelets read their usage profile from these). */
  annotations?: Record<string, string>;
  /** More of the spec: serviceName, updateStrategy… */
  spec?: Manifest;
}

/** An apps/v1 workload whose pods carry `app: <name>`, in its selector and template alike. */
export function workload(kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', name: string, namespace: string, shape: WorkloadShape): Manifest {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace },
    spec: {
      ...(shape.replicas === undefined ? {} : { replicas: shape.replicas }),
      selector: { matchLabels: labels },
      template: { metadata: { labels, ...(shape.annotations ? { annotations: shape.annotations } : {}) }, spec: { containers: shape.containers } },
      ...shape.spec,
    },
  };
}

export async function uidOf(admin: Kubectl, kind: string, name: string, namespace: string): Promise<string> {
  return (await admin.json<{ metadata: { uid: string } }>('get', kind, name, '-n', namespace, '-o', 'json')).metadata.uid;
}
