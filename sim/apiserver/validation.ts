import { invalid } from './api-error.ts';
import { clone, jsonEqual, type Json, type KubeObject } from './kube-object.ts';
import { labelSelectorMatcher } from './selectors.ts';

const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** The few validations clients run into: selectors that match their template, and required fields. */
export function validateObject(group: string, obj: KubeObject): void {
  const spec: Json = obj.spec;
  const name = obj.metadata.name ?? '';
  if (SELECTOR_KINDS.has(obj.kind!)) {
    if (!spec?.selector || (!spec.selector.matchLabels && !spec.selector.matchExpressions)) {
      throw invalid(group, obj.kind!, name, [{ field: 'spec.selector', message: 'Required value' }]);
    }
    if (!labelSelectorMatcher(spec.selector)(spec.template?.metadata?.labels)) {
      throw invalid(group, obj.kind!, name, [{ field: 'spec.template.metadata.labels', message: `Invalid value: ${JSON.stringify(spec.template?.metadata?.labels ?? {})}: \`selector\` does not match template \`labels\`` }]);
    }
  }
  if (obj.kind === 'Pod' && !(spec?.containers?.length > 0)) throw invalid(group, 'Pod', name, [{ field: 'spec.containers', message: 'Required value' }]);
}

const POD_UPDATE_MESSAGE =
  'Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds` or `spec.tolerations` (only additions to existing tolerations)';

/** What may not change on update: selectors of the apps kinds and Jobs, most of a pod's spec. */
export function validateUpdate(group: string, old: KubeObject, next: KubeObject): void {
  const name = old.metadata.name ?? '';
  if ((SELECTOR_KINDS.has(old.kind!) || old.kind === 'Job') && !jsonEqual((old.spec as Json)?.selector, (next.spec as Json)?.selector)) {
    throw invalid(group, old.kind!, name, [{ field: 'spec.selector', message: `Invalid value: ${JSON.stringify((next.spec as Json)?.selector)}: field is immutable` }]);
  }
  if (old.kind === 'Pod') {
    const comparable = (spec: Json, nodeName: string | undefined) => {
      const s = clone(spec ?? {});
      for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete c.image;
      delete s.activeDeadlineSeconds;
      delete s.tolerations;
      // Binding sets nodeName once.
      if (nodeName === undefined) delete s.nodeName;
      return s;
    };
    const oldNode = (old.spec as Json)?.nodeName;
    if (!jsonEqual(comparable(old.spec, oldNode), comparable(next.spec, oldNode))) throw invalid('', 'Pod', name, [{ field: 'spec', message: POD_UPDATE_MESSAGE }]);
  }
}
