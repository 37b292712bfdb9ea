import type { MetricsProblem, MetricsProblemKind } from './metrics-problem.ts';

const DEFAULT_LIMIT = 50;

/**
 * Collects the problems of one node's answer. A kubelet that garbles every line must not turn one bad answer
 * into thousands of messages, so past `limit` problems are only counted.
 */
export class ProblemLog {
  private readonly listed: MetricsProblem[] = [];
  private omitted = 0;

  constructor(
    readonly node: string,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  add(kind: MetricsProblemKind, subject: string | null, message: string): void {
    if (this.listed.length < this.limit) this.listed.push({ node: this.node, kind, subject, message });
    else this.omitted += 1;
  }

  /** The problems listed, plus one saying how many more were only counted. */
  problems(): MetricsProblem[] {
    if (this.omitted === 0) return [...this.listed];
    const more: MetricsProblem = {
      node: this.node,
      kind: 'more-problems',
      subject: null,
      message: `Node "${this.node}": ${this.omitted} more problems like the ones above were not listed.`,
    };
    return [...this.listed, more];
  }
}
