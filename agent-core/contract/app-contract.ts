// The one contract between the renderer and the core: every request, its answer and every event stream,
// as zod schemas. Both sides validate what crosses the WebSocket against these, so a renderer and a core
// that disagree fail loudly at the boundary instead of rendering garbage.
import { z } from 'zod';

export const CHART_RANGES = ['1h', '6h', '24h', '7d', '30d'] as const;
export const chartRange = z.enum(CHART_RANGES);
export type ChartRange = z.infer<typeof chartRange>;

const RANGE_MS: Record<ChartRange, number> = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 };
export const rangeMs = (range: ChartRange): number => RANGE_MS[range];

/** What the user must read when something fails: what is wrong and the fix, plus a stable code for the UI. */
export const appError = z.object({ code: z.string(), message: z.string() });
export type AppError = z.infer<typeof appError>;

const nullableNumber = z.number().nullable();

// --- contexts and the session -------------------------------------------------------------------------

export const contextSummary = z.object({
  name: z.string(),
  cluster: z.string(),
  user: z.string(),
  namespace: z.string().nullable(),
  server: z.string().nullable(),
  current: z.boolean(),
  /** The built-in demo: a simulated cluster started in-process when picked (no kubeconfig needed). */
  demo: z.boolean().optional(),
});
export type ContextSummary = z.infer<typeof contextSummary>;

export const contextList = z.object({
  contexts: z.array(contextSummary),
  /** The kubeconfig files merged, in kubectl's order. */
  files: z.array(z.string()),
  /** The context the app used last, when it still exists. */
  lastUsed: z.string().nullable(),
  /** Set when no kubeconfig could be read: the picker shows it instead of an empty list. */
  error: appError.optional(),
});
export type ContextList = z.infer<typeof contextList>;

export const probeResult = z.object({
  context: z.string(),
  server: z.string(),
  reachable: z.boolean(),
  version: z.string().optional(),
  identity: z.object({ username: z.string(), groups: z.array(z.string()) }).nullable(),
  error: appError.optional(),
});
export type ProbeResult = z.infer<typeof probeResult>;

export const SESSION_PHASES = ['idle', 'probing', 'starting', 'syncing', 'ready', 'error'] as const;
export const sessionState = z.object({
  phase: z.enum(SESSION_PHASES),
  context: z.string().nullable(),
  probe: probeResult.nullable(),
  error: appError.nullable(),
  /** The session runs on the simulated demo cluster: every screen says so. */
  demo: z.boolean().optional(),
});
export type SessionState = z.infer<typeof sessionState>;

// --- overview --------------------------------------------------------------------------------------------

export const kindSync = z.object({ kind: z.string(), listed: z.number(), synced: z.boolean(), error: z.string().nullable() });
export type KindSyncRow = z.infer<typeof kindSync>;

/** Usage against what is reserved and what exists: cores or bytes. */
export const resourceTotals = z.object({ usage: nullableNumber, requests: z.number(), limits: z.number(), allocatable: z.number(), capacity: z.number() });
export type ResourceTotals = z.infer<typeof resourceTotals>;

export const nodeCollection = z.object({
  node: z.string(),
  lastSuccess: nullableNumber,
  consecutiveFailures: z.number(),
  error: z.string().nullable(),
});

export const collectionStatus = z.object({
  state: z.enum(['collecting', 'denied', 'waiting']),
  detail: z.string().nullable(),
  /** ms epoch of the last finished cycle. */
  lastScrape: nullableNumber,
  /** Newest minute stored (the kubelets' clock), ms epoch. */
  latestMinute: nullableNumber,
  nodesScraped: z.number(),
  nodesFailing: z.array(nodeCollection),
});
export type CollectionStatus = z.infer<typeof collectionStatus>;

export const overview = z.object({
  context: z.string(),
  counts: z.object({ nodes: z.number(), namespaces: z.number(), workloads: z.number(), pods: z.number(), containers: z.number() }),
  cpu: resourceTotals,
  memory: resourceTotals,
  collection: collectionStatus,
  sync: z.array(kindSync),
  permissionsMissing: z.number(),
});
export type Overview = z.infer<typeof overview>;

// --- workloads -------------------------------------------------------------------------------------------

export const workloadRow = z.object({
  uid: z.string(),
  namespace: z.string(),
  kind: z.string(),
  name: z.string(),
  ready: z.number(),
  desired: z.number().nullable(),
  /** Per pod: the sum over its (non-init) containers; cores and bytes. */
  cpuRequest: nullableNumber,
  cpuLimit: nullableNumber,
  memRequest: nullableNumber,
  memLimit: nullableNumber,
  /** p95 over the range of per-pod usage (sum of its containers each minute). */
  cpuP95: nullableNumber,
  memP95: nullableNumber,
  /** Mean share of CFS periods throttled, 0..1, over the limited containers' minutes. */
  throttled: nullableNumber,
  restarts: z.number(),
  ooms: z.number(),
  /** The most pressing recommendation for the workload's containers; null when there is none (yet). */
  recommendation: z.enum(['critical', 'warning', 'info']).nullable(),
  /** Failed readiness checks by severity; null before the checks ran. */
  readiness: z.object({ danger: z.number(), warning: z.number(), info: z.number() }).nullable(),
});
export type WorkloadRow = z.infer<typeof workloadRow>;

export const workloadList = z.object({ range: chartRange, from: z.number(), to: z.number(), rows: z.array(workloadRow) });
export type WorkloadList = z.infer<typeof workloadList>;

const probeSummary = z.object({ type: z.string(), detail: z.string() }).nullable();

export const containerSpec = z.object({
  name: z.string(),
  image: z.string().nullable(),
  init: z.boolean(),
  cpuRequest: nullableNumber,
  cpuLimit: nullableNumber,
  memRequest: nullableNumber,
  memLimit: nullableNumber,
  /** Which values a LimitRange default supplied rather than the spec: "requests.cpu", "limits.memory"… */
  defaulted: z.array(z.string()),
  readiness: probeSummary,
  liveness: probeSummary,
  startup: probeSummary,
});
export type ContainerSpecView = z.infer<typeof containerSpec>;

export const podSummary = z.object({
  uid: z.string(),
  name: z.string(),
  node: z.string().nullable(),
  phase: z.string().nullable(),
  ready: z.boolean(),
  restarts: z.number(),
  lastTermination: z.string().nullable(),
});
export type PodSummary = z.infer<typeof podSummary>;

export const workloadDetail = z.object({
  row: workloadRow,
  qosClass: z.string().nullable(),
  containers: z.array(containerSpec),
  /** The workload, then the owners between it and its pods (a Deployment's ReplicaSets, a CronJob's Jobs), newest first. */
  ownerChain: z.array(z.object({ kind: z.string(), name: z.string(), uid: z.string() })),
  pods: z.array(podSummary),
  /** The object as stored: env values, args and last-applied masked. */
  yaml: z.string(),
});
export type WorkloadDetail = z.infer<typeof workloadDetail>;

const stat = z.object({ min: z.number(), mean: z.number(), max: z.number(), p95: z.number() }).nullable();

export const chartPoint = z.object({ t: z.number(), cpuCores: stat, memoryWorkingSetBytes: stat, throttledRatio: stat });
export type ChartPoint = z.infer<typeof chartPoint>;

export const settingsInterval = z.object({ from: z.number(), to: z.number(), cpuRequest: nullableNumber, cpuLimit: nullableNumber, memRequest: nullableNumber, memLimit: nullableNumber });
export type SettingsIntervalView = z.infer<typeof settingsInterval>;

export const containerEvent = z.object({ time: z.number(), kind: z.string(), pod: z.string(), container: z.string(), detail: z.string() });
export type ContainerEventView = z.infer<typeof containerEvent>;

/** One container of a workload across its pods: per bucket the mean of the pods' means and the largest max. */
export const containerChart = z.object({
  container: z.string(),
  pods: z.number(),
  resolution: z.enum(['minute', 'hour']),
  bucketMs: z.number(),
  points: z.array(chartPoint),
  settings: z.array(settingsInterval),
  events: z.array(containerEvent),
});
export type ContainerChart = z.infer<typeof containerChart>;

export const workloadCharts = z.object({ uid: z.string(), range: chartRange, from: z.number(), to: z.number(), containers: z.array(containerChart) });
export type WorkloadCharts = z.infer<typeof workloadCharts>;

// --- recommendations and readiness ----------------------------------------------------------------------

const resourceValues = z.object({ cpuRequest: nullableNumber, cpuLimit: nullableNumber, memRequest: nullableNumber, memLimit: nullableNumber });
export type ResourceValuesView = z.infer<typeof resourceValues>;
/** null where there was no data to take it from. */
const percentiles = z.object({ p50: nullableNumber, p90: nullableNumber, p95: nullableNumber, p99: nullableNumber, max: nullableNumber });

export const RECOMMENDATION_SEVERITIES = ['critical', 'warning', 'info'] as const;
export const recommendationRow = z.object({
  id: z.string(),
  workload: z.object({ uid: z.string(), namespace: z.string(), kind: z.string(), name: z.string() }),
  /** The container's name in the pod spec. */
  container: z.string(),
  /** critical: a risk to remove (OOM kills, throttling, pinned at the limit); warning: worth the change; info: small. */
  severity: z.enum(RECOMMENDATION_SEVERITIES),
  current: resourceValues,
  proposed: resourceValues,
  reasons: z.object({ cpuRequest: z.string(), cpuLimit: z.string(), memRequest: z.string(), memLimit: z.string() }),
  confidence: z.enum(['low', 'medium', 'high']),
  signals: z.object({ pinned: z.boolean(), throttled: z.boolean(), oomKilled: z.boolean(), leaking: z.boolean(), levelShift: z.boolean() }),
  effect: z.object({ cpuCoresFreed: z.number(), memoryBytesFreed: z.number(), risksRemoved: z.array(z.string()) }),
  evidence: z.object({
    coverage: z.object({ minutes: z.number(), days: z.number(), from: nullableNumber, to: nullableNumber }),
    cpu: percentiles,
    memory: percentiles,
    throttling: z.object({ minutes: z.number(), throttledShare: nullableNumber, heavyShare: nullableNumber, saturatedShare: nullableNumber, meanRatio: nullableNumber }).nullable(),
    ooms: z.object({ count: z.number(), last: nullableNumber }),
  }),
  computedAt: z.number(),
});
export type RecommendationRow = z.infer<typeof recommendationRow>;

export const READINESS_SEVERITIES = ['danger', 'warning', 'info'] as const;
export const readinessFinding = z.object({
  id: z.string(),
  severity: z.enum(READINESS_SEVERITIES),
  category: z.string(),
  container: z.string().nullable(),
  message: z.string(),
  fix: z.string(),
  detail: z.string().nullable(),
});
export type ReadinessFindingView = z.infer<typeof readinessFinding>;

export const readinessRow = z.object({
  workload: z.object({ uid: z.string(), namespace: z.string(), kind: z.string(), name: z.string() }),
  score: z.object({ passing: z.number(), total: z.number() }),
  findings: z.array(readinessFinding),
  /** Checks that could not be decided (the agent may not list what they need), with why. */
  unknown: z.array(z.object({ id: z.string(), container: z.string().nullable(), reason: z.string() })),
});
export type ReadinessRow = z.infer<typeof readinessRow>;

// --- approve-to-apply and the audit ---------------------------------------------------------------------

const workloadRef = z.object({ uid: z.string(), namespace: z.string(), kind: z.string(), name: z.string() });

/** What the API server would store (a server-side dry run), shown before anything changes. */
export const applyPreview = z.object({
  previewId: z.string(),
  recommendationId: z.string(),
  /** The id asked for, when the recommendation was recomputed since and this previews its current proposal. */
  recomputedFrom: z.string().nullable(),
  /** True: this previews putting back the values an apply replaced. */
  undo: z.boolean(),
  workload: workloadRef,
  container: z.string(),
  current: resourceValues,
  proposed: resourceValues,
  /** The spec as YAML, current → as the server would store it: changed lines with context ("-"/"+" prefixes). */
  diff: z.string(),
  consequence: z.object({ rolls: z.enum(['all', 'partial', 'none']), podsReplaced: z.number(), summary: z.string() }),
  resourceVersion: z.string(),
  /** From a SelfSubjectAccessReview for patch: Apply is offered only when allowed; reason says why not. */
  access: z.object({ allowed: z.boolean().nullable(), reason: z.string().nullable() }),
});
export type ApplyPreview = z.infer<typeof applyPreview>;

export const applyResult = z.object({
  outcome: z.enum(['ok', 'refused', 'failed']),
  message: z.string(),
  /** A Deployment's rollout as followed after the patch; null for kinds that do not roll on their own. */
  rollout: z.object({ state: z.enum(['complete', 'timed-out', 'failing']), message: z.string(), problems: z.array(z.string()) }).nullable(),
  /** An undo can be previewed for this recommendation (apply.preview with undo: true). */
  undoAvailable: z.boolean(),
});
export type ApplyResult = z.infer<typeof applyResult>;

export const auditRow = z.object({
  when: z.string(),
  dryRun: z.boolean(),
  /** Put back what an earlier apply replaced (absent on lines written before undo was recorded). */
  undo: z.boolean().optional(),
  /** The real patch was stored, also when its rollout then failed. */
  patched: z.boolean().optional(),
  outcome: z.enum(['ok', 'refused', 'failed']),
  message: z.string(),
  recommendationId: z.string(),
  serviceId: z.string(),
  containerId: z.string(),
  namespace: z.string(),
  service: z.string(),
  kind: z.string(),
  who: z.string(),
  /** Asked for through the gateway: the action's id and who asked there (`who` approved it here). */
  remote: z.object({ actionId: z.string(), requestedBy: z.string().nullable() }).optional(),
  current: resourceValues,
  proposed: resourceValues,
});
export type AuditRow = z.infer<typeof auditRow>;

// --- nodes and permissions -------------------------------------------------------------------------------

export const nodeRow = z.object({
  name: z.string(),
  ready: z.boolean(),
  pods: z.number(),
  cpu: resourceTotals,
  memory: resourceTotals,
  collection: nodeCollection.nullable(),
});
export type NodeRow = z.infer<typeof nodeRow>;

export const capability = z.object({
  name: z.string(),
  status: z.enum(['available', 'partial', 'denied', 'unknown']),
  missing: z.array(z.string()),
  impact: z.string().nullable(),
});
export const permissions = z.object({
  capabilities: z.array(capability),
  checks: z.array(z.object({ verb: z.string(), group: z.string(), resource: z.string(), subresource: z.string().optional(), allowed: z.boolean().optional() })),
});
export type Permissions = z.infer<typeof permissions>;

// --- the gateway relay and remote approvals ---------------------------------------------------------------

/** connected; connecting (dialling or authenticating); backoff (waiting to redial); refused (the gateway said the credentials cannot work); off. */
export const RELAY_STATES = ['off', 'connecting', 'connected', 'backoff', 'refused'] as const;
export type RelayStateView = (typeof RELAY_STATES)[number];

/** Where the relay stands. Never carries the secret. */
export const relayStatus = z.object({
  /** A connection file was imported (and its secret stored). */
  configured: z.boolean(),
  enabled: z.boolean(),
  /** Privacy: names are sent as HMACs, labels, images and raw objects left out. */
  hashNames: z.boolean(),
  gatewayUrl: z.string().nullable(),
  accountId: z.string().nullable(),
  clusterId: z.string().nullable(),
  /** The cluster the connection file was imported for: the relay runs only while a context of it is connected. */
  cluster: z.string().nullable(),
  state: z.enum(RELAY_STATES),
  /** Why the state is what it is, in plain words (off: why; backoff/refused: what failed and what to do). */
  detail: z.string().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: nullableNumber,
  lastAckAt: nullableNumber,
  lastAckedSeq: z.number(),
  /** Packets written but not yet acknowledged by the gateway; oldestAt: when the oldest was produced. */
  backlog: z.object({ count: z.number(), oldestAt: nullableNumber }),
  /** Packets dropped from the outbox (older than its bound) not yet reported to the gateway. */
  gap: z.object({ count: z.number(), firstSeq: z.number(), lastSeq: z.number(), from: z.number(), to: z.number() }).nullable(),
  pendingActions: z.number(),
  /** Where the secret is kept: the OS keychain (desktop) or a file readable only by this user (web mode). */
  secretStorage: z.object({ kind: z.enum(['keychain', 'file', 'none']), note: z.string() }),
});
export type RelayStatusView = z.infer<typeof relayStatus>;

/** A remote request to apply a recommendation, waiting for a person: nothing runs until it is approved. */
export const pendingAction = z.object({
  actionId: z.string(),
  recommendationId: z.string(),
  /** The id of the current recommendation for that container when new data replaced the one the gateway named. */
  recomputedAs: z.string().nullable(),
  /** null when this app has no recommendation under that id or a newer one for its container (another cluster's id, or too old). */
  workload: workloadRef.nullable(),
  container: z.string().nullable(),
  current: resourceValues.nullable(),
  proposed: resourceValues.nullable(),
  requestedAt: z.number(),
  requestedBy: z.string().nullable(),
  receivedAt: z.number(),
});
export type PendingActionView = z.infer<typeof pendingAction>;

export const actionOutcome = z.object({
  actionId: z.string(),
  recommendationId: z.string(),
  /** applied; rejected (declined); refused (the dry run or the server said no, or nothing to change); failed. */
  outcome: z.enum(['applied', 'rejected', 'refused', 'failed']),
  message: z.string(),
  /** The server-side dry run that ran first (absent when declined). */
  dryRun: z.object({ ok: z.boolean(), diff: z.string().nullable(), summary: z.string().nullable() }).nullable(),
  decidedBy: z.string(),
  /** The id whose values were dry-run and applied, when new data had replaced the requested one. */
  recomputedAs: z.string().nullable(),
});
export type ActionOutcomeView = z.infer<typeof actionOutcome>;

/** A connection file is small: anything larger is not one. */
export const MAX_CONNECTION_FILE_CHARS = 64 * 1024;

// --- the request table -----------------------------------------------------------------------------------

/** Every request the renderer may make: its params and its result. */
export const REQUESTS = {
  'contexts.list': { params: z.object({}), result: contextList },
  'session.select': { params: z.object({ context: z.string().min(1) }), result: sessionState },
  'session.get': { params: z.object({}), result: sessionState },
  'overview.get': { params: z.object({}), result: overview },
  'workloads.list': { params: z.object({ range: chartRange }), result: workloadList },
  'workload.get': { params: z.object({ uid: z.string() }), result: workloadDetail },
  'workload.charts': { params: z.object({ uid: z.string(), range: chartRange, maxPoints: z.number().int().min(10).max(2000).optional() }), result: workloadCharts },
  'nodes.list': { params: z.object({}), result: z.object({ rows: z.array(nodeRow) }) },
  'permissions.get': { params: z.object({}), result: permissions },
  'recommendations.list': { params: z.object({}), result: z.object({ rows: z.array(recommendationRow) }) },
  'readiness.list': { params: z.object({}), result: z.object({ rows: z.array(readinessRow) }) },
  /**
   * A server-side dry run of a recommendation (or, with undo, of putting back what its apply replaced); audited.
   * With `container`, a recommendation recomputed since its id was shown is found by its container (the preview's
   * recomputedFrom says so).
   */
  'apply.preview': {
    params: z.object({ recommendationId: z.string(), undo: z.boolean().optional(), container: z.object({ workloadUid: z.string(), container: z.string() }).optional() }),
    result: applyPreview,
  },
  /** The real patch of a preview the user confirmed; refused when the object changed since the preview; audited. */
  'apply.confirm': { params: z.object({ previewId: z.string() }), result: applyResult },
  /** Every dry run and apply of this context, newest first. */
  'audit.list': { params: z.object({}), result: z.object({ rows: z.array(auditRow) }) },
  /** The relay's configuration and state. */
  'relay.get': { params: z.object({}), result: relayStatus },
  /** A connection file's text (read by the page from the file the user picked): validated, the secret stored, the relay started. */
  'relay.import': { params: z.object({ connectionFileText: z.string().max(MAX_CONNECTION_FILE_CHARS) }), result: relayStatus },
  'relay.settings': { params: z.object({ hashNames: z.boolean().optional(), enabled: z.boolean().optional() }), result: relayStatus },
  /** Removes the configuration and the stored secret; the relay stops. */
  'relay.forget': { params: z.object({}), result: relayStatus },
  /** Remote requests waiting for approval. */
  'actions.list': { params: z.object({}), result: z.object({ rows: z.array(pendingAction) }) },
  /** Approved by the user: a server-side dry run, then the apply only if it passes; both audited; the outcome goes to the gateway. */
  'actions.approve': {
    /** previewedRecommendationId: the id the user saw dry-run; the approval is refused if the recommendation moved since. */
    params: z.object({ actionId: z.string().min(1), previewedRecommendationId: z.string().min(1).optional() }),
    result: actionOutcome,
  },
  /** Declined: nothing runs; the gateway is told the reason. */
  'actions.reject': { params: z.object({ actionId: z.string().min(1), reason: z.string().trim().min(1).max(500) }), result: actionOutcome },
} as const;
export type RequestMethod = keyof typeof REQUESTS;
export type RequestParams<M extends RequestMethod> = z.infer<(typeof REQUESTS)[M]['params']>;
export type RequestResult<M extends RequestMethod> = z.infer<(typeof REQUESTS)[M]['result']>;

/** Events pushed by the core: the renderer refetches what an event says changed. */
export const EVENTS = {
  /** The session moved (probing, syncing, ready, error). */
  session: sessionState,
  /** The inventory changed (coalesced, at most about once a second). */
  inventory: z.object({ changed: z.number() }),
  /** A metrics cycle stored its minute. */
  minute: z.object({ latestMinute: nullableNumber, lastScrape: z.number() }),
  /** How the rollout of a confirmed apply is going, as it goes ("2 of 3 updated, 3 available, 1 old"). */
  applyProgress: z.object({ previewId: z.string(), progress: z.string() }),
  /** The same for an approved remote request, while the person who approved it waits for its outcome. */
  actionProgress: z.object({ actionId: z.string(), progress: z.string() }),
  /** The relay's state, backlog or configuration changed. */
  relay: relayStatus,
  /** The pending remote approvals changed. */
  actions: z.object({ pending: z.number() }),
} as const;
export type EventName = keyof typeof EVENTS;
export type EventData<E extends EventName> = z.infer<(typeof EVENTS)[E]>;

// --- the wire --------------------------------------------------------------------------------------------

export const clientMessage = z.object({ id: z.number().int(), method: z.string(), params: z.unknown() });
export type ClientMessage = z.infer<typeof clientMessage>;

export const serverMessage = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().int(), error: appError }),
  z.object({ type: z.literal('event'), event: z.string(), data: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;

/** The WebSocket path and the query parameter carrying the per-launch token. */
export const CONTRACT_PATH = '/contract';
export const TOKEN_PARAM = 'token';
