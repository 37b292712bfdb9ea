import { UserFacingError } from '../kube/user-facing-error.ts';

export type KubeletEndpoint = 'summary' | 'cadvisor';

export type MetricsProblemKind =
  /** A pod, container or sample the kubelet sent that could not be read; it was skipped, the rest kept. */
  | 'malformed-entry'
  /** Two entries for one namespace/pod/container; the newest was kept. */
  | 'duplicate-container'
  /** The container (or node) started again or a counter went down: no rate for this interval. */
  | 'restart'
  /** The kubelet served a sample no newer than the previous one: no rate, no record. */
  | 'stale-sample'
  /** A rate beyond what the node can deliver, or a throttled ratio above 1: dropped. */
  | 'absurd-value'
  /** Nothing dates the sample (or the interval), so it cannot be placed in a minute or turned into a rate. */
  | 'missing-sample-time'
  /** The Summary API answered for another node than the one asked for. */
  | 'node-mismatch'
  /** More problems of one parse than are worth listing one by one. */
  | 'more-problems';

/** Something in a kubelet's answer that was skipped, dropped or flagged; the rest of the answer was used. */
export interface MetricsProblem {
  readonly node: string;
  readonly kind: MetricsProblemKind;
  /** namespace/pod/container (or namespace/pod), when the problem concerns one. */
  readonly subject: string | null;
  /** A sentence naming the node, the endpoint and what is wrong. */
  readonly message: string;
}

/** Reports a problem about the container (or node) in hand; the reporter adds the node and the subject. */
export type ReportProblem = (kind: MetricsProblemKind, detail: string) => void;

/** A kubelet answer that cannot be used at all (not JSON, not Prometheus text, wrong shape). */
export class KubeletDataError extends UserFacingError {
  constructor(
    readonly node: string,
    readonly endpoint: KubeletEndpoint,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('kubelet-data-malformed', message, 2, options);
    this.name = 'KubeletDataError';
  }
}

/** How an endpoint is named in messages. */
export const ENDPOINT_NAMES: Readonly<Record<KubeletEndpoint, string>> = {
  summary: 'Summary API (/stats/summary)',
  cadvisor: 'cAdvisor metrics (/metrics/cadvisor)',
};
