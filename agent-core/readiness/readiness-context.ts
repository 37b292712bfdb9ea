import { autoscalerKey, autoscalerSpec } from '../inventory/autoscaler-spec.ts';
import type { KindSync } from '../inventory/inventory.ts';
import type { InventoryEntity } from '../inventory/inventory-model.ts';
import { isRecord } from '../inventory/kube-object.ts';
import { KIND_INFO, type WatchedKind } from '../inventory/watched-kinds.ts';
import { compileLabelSelector, type LabelMatcher } from './label-selector.ts';

/** What the checks know of a kind, or why they cannot know it. */
export type Knowledge<T> = { known: true; value: T } | { known: false; reason: string };

export interface DisruptionBudget {
  name: string;
  matches: LabelMatcher;
}

export interface Autoscaler {
  name: string;
  /** spec.minReplicas, 1 when unset (the API default). */
  minReplicas: number;
}

/** What the checks need beyond the workload itself: the namespace's PodDisruptionBudgets and HPAs, and whether LimitRanges are known. */
export interface ReadinessContext {
  /** By namespace. */
  disruptionBudgets: Knowledge<Map<string, DisruptionBudget[]>>;
  /** By `namespace/kind/name` of the scale target. */
  autoscalers: Knowledge<Map<string, Autoscaler>>;
  /** Without them a controller's template that lacks a request may still get one: unknown rather than missing. */
  limitRanges: Knowledge<true>;
}

export { autoscalerKey } from '../inventory/autoscaler-spec.ts';

function disruptionBudget(entity: InventoryEntity): DisruptionBudget {
  const spec = isRecord(entity.object.spec) ? entity.object.spec : {};
  // policy/v1beta1 read an empty selector as "no pods"; policy/v1 as "every pod in the namespace".
  const emptyMatchesNothing = entity.apiVersion === 'policy/v1beta1';
  return { name: entity.name, matches: compileLabelSelector(spec.selector, { emptyMatchesNothing }) };
}

/** Whether a kind's objects are all in the inventory: listed, or not served at all (then there are none). */
export function kindKnowledge(kind: WatchedKind, progress: readonly KindSync[] | undefined): Knowledge<true> {
  const sync = progress?.find((k) => k.kind === kind);
  if (!progress || sync?.synced || sync?.state === 'not-served') return { known: true, value: true };
  const { resource, group } = KIND_INFO[kind];
  const name = group ? `${resource}.${group}` : resource;
  if (sync?.state === 'forbidden') return { known: false, reason: `the agent may not list ${name}` };
  return { known: false, reason: `${name} are still being listed` };
}

const withValue = <T>(knowledge: Knowledge<true>, value: () => T): Knowledge<T> => (knowledge.known ? { known: true, value: value() } : knowledge);

/**
 * The context for checking these entities' workloads. Without `progress` (an inventory's syncProgress()) every kind
 * counts as fully listed.
 */
export function readinessContext(entities: Iterable<InventoryEntity>, progress?: readonly KindSync[]): ReadinessContext {
  const budgets = new Map<string, DisruptionBudget[]>();
  const autoscalers = new Map<string, Autoscaler>();
  for (const entity of entities) {
    if (entity.kind === 'PodDisruptionBudget') {
      const namespace = entity.namespace ?? '';
      const list = budgets.get(namespace);
      if (list) list.push(disruptionBudget(entity));
      else budgets.set(namespace, [disruptionBudget(entity)]);
    } else if (entity.kind === 'HorizontalPodAutoscaler') {
      const spec = autoscalerSpec(entity.object);
      if (!spec) continue;
      const key = autoscalerKey(entity.namespace, spec.target.kind, spec.target.name);
      const existing = autoscalers.get(key);
      // Two HPAs on one target fight each other; the lower minimum is what availability can fall to.
      if (!existing || spec.minReplicas < existing.minReplicas) autoscalers.set(key, { name: entity.name, minReplicas: spec.minReplicas });
    }
  }
  return {
    disruptionBudgets: withValue(kindKnowledge('PodDisruptionBudget', progress), () => budgets),
    autoscalers: withValue(kindKnowledge('HorizontalPodAutoscaler', progress), () => autoscalers),
    limitRanges: kindKnowledge('LimitRange', progress),
  };
}
