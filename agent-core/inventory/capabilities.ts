import { describeCheck, type AccessCheck, type AccessResult } from './access-review.ts';
import { KIND_INFO, WATCHED_KINDS, type WatchedKind } from './watched-kinds.ts';

export type CapabilityName = 'recommendations' | 'readiness' | 'live-specs' | 'metrics' | 'automation';

export type CapabilityStatus = 'available' | 'partial' | 'denied' | 'unknown';

export interface Capability {
  name: CapabilityName;
  status: CapabilityStatus;
  /** The permissions it lacks, e.g. "watch deployments.apps"; with status unknown, those that could not be reviewed. */
  missing: string[];
  /** What the user loses, in words for the UI; null when available. */
  impact: string | null;
}

export interface CapabilityReport {
  checks: AccessResult[];
  capabilities: Capability[];
}

export const NODE_PROXY: AccessCheck = { verb: 'get', group: '', resource: 'nodes', subresource: 'proxy' };

const check = (verb: string, kind: WatchedKind): AccessCheck => ({ verb, group: KIND_INFO[kind].group, resource: KIND_INFO[kind].resource });

/** What to ask before starting: list and watch on every watched kind, get on nodes/proxy, patch on the workload kinds. */
export function accessChecks(): AccessCheck[] {
  return [
    ...WATCHED_KINDS.flatMap((kind) => [check('list', kind), check('watch', kind)]),
    NODE_PROXY,
    ...WATCHED_KINDS.filter((kind) => KIND_INFO[kind].patchable).map((kind) => check('patch', kind)),
  ];
}

function same(a: AccessCheck, b: AccessCheck): boolean {
  return a.verb === b.verb && a.group === b.group && a.resource === b.resource && (a.subresource ?? '') === (b.subresource ?? '');
}

function assess(name: CapabilityName, needed: AccessCheck[], results: AccessResult[], impact: (denied: AccessResult[], all: boolean) => string): Capability {
  const answers = needed.map((n) => results.find((r) => same(r, n)) ?? { ...n, allowed: undefined });
  const denied = answers.filter((a) => a.allowed === false);
  const unknown = answers.filter((a) => a.allowed === undefined);
  if (denied.length > 0) {
    const all = denied.length === needed.length;
    return { name, status: all ? 'denied' : 'partial', missing: denied.map(describeCheck), impact: impact(denied, all) };
  }
  if (unknown.length > 0) return { name, status: 'unknown', missing: unknown.map(describeCheck), impact: null };
  return { name, status: 'available', missing: [], impact: null };
}

const kindsOf = (results: AccessResult[]) => [...new Set(results.map((r) => r.resource))].join(', ');
const deniedKind = (denied: AccessResult[], kind: WatchedKind) => denied.some((d) => d.resource === KIND_INFO[kind].resource && d.group === KIND_INFO[kind].group);

// PodDisruptionBudgets matter to readiness alone; HPAs to both (recommendations must not fight a CPU-scaling HPA).
const RECOMMENDATION_KINDS = WATCHED_KINDS.filter((kind) => kind !== 'PodDisruptionBudget');
const READINESS_KINDS = WATCHED_KINDS.filter((kind) => KIND_INFO[kind].workload || ['LimitRange', 'PodDisruptionBudget', 'HorizontalPodAutoscaler'].includes(kind));

function recommendationsImpact(denied: AccessResult[]): string {
  const hpaDenied = deniedKind(denied, 'HorizontalPodAutoscaler');
  const others = denied.filter((d) => d.resource !== KIND_INFO.HorizontalPodAutoscaler.resource);
  const hpaSentence = 'Recommendations cannot see HorizontalPodAutoscalers, so they may fight one that scales on CPU utilisation.';
  if (others.length === 0) return hpaSentence;
  const main = others.some((d) => d.resource === 'pods')
    ? `No recommendations: without list on pods the agent cannot see what runs (also missing: ${kindsOf(others)}).`
    : `No recommendations for what depends on ${kindsOf(others)}: the agent cannot list them, so their pods are not tied to their workloads or defaults.`;
  return hpaDenied ? `${main} ${hpaSentence}` : main;
}

function readinessImpact(denied: AccessResult[]): string {
  const parts: string[] = [];
  const workloads = denied.filter((d) => WATCHED_KINDS.some((kind) => KIND_INFO[kind].workload && KIND_INFO[kind].resource === d.resource));
  if (workloads.length > 0) parts.push(`No readiness checks for ${kindsOf(workloads)}: the agent cannot list them.`);
  if (deniedKind(denied, 'LimitRange')) parts.push('Missing requests and limits show as unknown where a LimitRange could supply them.');
  if (deniedKind(denied, 'PodDisruptionBudget')) parts.push('Whether a workload has a PodDisruptionBudget shows as unknown (missingPodDisruptionBudget).');
  if (deniedKind(denied, 'HorizontalPodAutoscaler')) parts.push('HPA minimum replicas show as unknown (hpaMinAvailability).');
  return parts.join(' ');
}

/**
 * What the agent can and cannot do with these permissions:
 * without list on workloads no recommendations; without list on PodDisruptionBudgets, HPAs or LimitRanges the readiness
 * checks that need them say unknown; without watch specs go stale (periodic relists instead); without get on
 * nodes/proxy no metrics; without patch on workloads no automation.
 */
export function assessCapabilities(results: AccessResult[], relistIntervalMs = 300_000): Capability[] {
  const watchable = WATCHED_KINDS.map((kind) => check('watch', kind));
  const patchable = WATCHED_KINDS.filter((kind) => KIND_INFO[kind].patchable).map((kind) => check('patch', kind));
  const minutes = Math.round(relistIntervalMs / 60_000);
  return [
    assess('recommendations', RECOMMENDATION_KINDS.map((kind) => check('list', kind)), results, recommendationsImpact),
    assess('readiness', READINESS_KINDS.map((kind) => check('list', kind)), results, readinessImpact),
    assess('live-specs', watchable, results, (denied) =>
      `Specs go stale: ${kindsOf(denied)} cannot be watched, so they are listed again every ${minutes} min instead and changes show up late.`,
    ),
    assess('metrics', [NODE_PROXY], results, () =>
      'No metrics: CPU and memory usage are read from each kubelet through the API server\u2019s node proxy (get nodes/proxy), which is denied.',
    ),
    assess('automation', patchable, results, (denied, all) =>
      all
        ? 'No automation: recommendations can be previewed but not applied (patch on the workload kinds is denied).'
        : `No automation for ${kindsOf(denied)}: their recommendations can be previewed but not applied.`,
    ),
  ];
}

/** A denial seen at runtime (a 403 on list or watch) overrides what the review said; the report is rebuilt from it. */
export function withRuntimeDenial(results: AccessResult[], denial: AccessCheck, reason: string): AccessResult[] {
  const found = results.some((r) => same(r, denial));
  const updated = results.map((r) => (same(r, denial) ? { ...r, allowed: false, reason } : r));
  return found ? updated : [...updated, { ...denial, allowed: false, reason }];
}
