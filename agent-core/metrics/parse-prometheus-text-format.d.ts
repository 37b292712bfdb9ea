// Types for parse-prometheus-text-format 1.1 (it ships none). Values and timestamps stay the text the exporter
// wrote; converting them is the caller's job.
declare module 'parse-prometheus-text-format' {
  export interface PrometheusSample {
    /** Absent on the `_sum`/`_count`/`_bucket` lines of summaries and histograms. */
    value?: string;
    labels?: Record<string, string>;
    /** Milliseconds since the epoch, as written; absent when the line has no timestamp. */
    timestamp_ms?: string;
  }

  export interface PrometheusFamily {
    name: string;
    help: string;
    /** Upper case: COUNTER, GAUGE, SUMMARY, HISTOGRAM or UNTYPED. */
    type: string;
    metrics: PrometheusSample[];
  }

  /** Throws an `InvalidLineError` on a line it cannot read. */
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[];
}
