import { isRecord, type ContainerSpec, type KubeObject, type ObjectMeta } from './kube-object.ts';

export const MASK = '****';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** Where each kind keeps the pod specs whose containers may hold secrets. */
function podSpecsOf(object: KubeObject): Record<string, unknown>[] {
  const spec = object.spec;
  if (!isRecord(spec)) return [];
  const templateSpec = (template: unknown) => (isRecord(template) && isRecord(template.spec) ? [template.spec] : []);
  switch (object.kind) {
    case 'Pod':
      return [spec];
    case 'CronJob': {
      const jobTemplate = spec.jobTemplate;
      return isRecord(jobTemplate) && isRecord(jobTemplate.spec) ? templateSpec(jobTemplate.spec.template) : [];
    }
    default:
      // Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, ReplicationControllers — and any other kind with a template.
      return templateSpec(spec.template);
  }
}

function maskContainer(container: ContainerSpec): ContainerSpec {
  const masked: ContainerSpec = { ...container };
  if (Array.isArray(container.env)) {
    // Names and valueFrom references say how a container is configured; literal values may be passwords.
    masked.env = container.env.map((variable) => (variable.value === undefined ? { ...variable } : { ...variable, value: MASK }));
  }
  if (Array.isArray(container.args)) masked.args = container.args.map(() => MASK);
  if (Array.isArray(container.command)) masked.command = container.command.map((part, i) => (i === 0 ? part : MASK));
  return masked;
}

function maskPodSpec(spec: Record<string, unknown>): void {
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (Array.isArray(containers)) spec[list] = containers.map((c) => (isRecord(c) ? maskContainer(c as ContainerSpec) : c));
  }
}

function omitManagedFields(metadata: ObjectMeta): ObjectMeta {
  const { managedFields: _dropped, ...rest } = metadata;
  return rest;
}

/** A deep copy, as JSON can hold it: watch objects are plain JSON, and the original must stay untouched. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The object as it may be stored or relayed: literal env values, container args and the arguments of commands masked,
 * kubectl's last-applied-configuration (a copy of the whole manifest, secrets included) masked, and managedFields
 * dropped (bulky, and of no use here). Names, images, resources and valueFrom references stay.
 */
export function maskObject(object: KubeObject): KubeObject {
  // managedFields left out before the copy: often the bulk of an object, and copying it only to drop it is waste.
  const withoutManagedFields = object.metadata?.managedFields === undefined ? object : { ...object, metadata: omitManagedFields(object.metadata) };
  const masked: KubeObject = copy(withoutManagedFields);
  const metadata = masked.metadata;
  if (metadata) {
    if (metadata.annotations && LAST_APPLIED_ANNOTATION in metadata.annotations) {
      metadata.annotations = { ...metadata.annotations, [LAST_APPLIED_ANNOTATION]: MASK };
    }
  }
  for (const spec of podSpecsOf(masked)) maskPodSpec(spec);
  return masked;
}
