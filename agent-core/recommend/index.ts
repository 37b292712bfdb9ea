// The right-sizing engine: pure, synchronous, no I/O. See README.md.
export type { ContainerFlags, ContainerHistory, ContainerRole, MinuteSeries, ResourceValues } from './container-history.ts';
export { NO_SETTINGS } from './container-history.ts';
export { ContainerDigest, DEFAULT_WINDOW_DAYS } from './container-digest.ts';
export { recommend, recommendAll, recommendFromDigest, digestOf, type DigestSubject, type RecommendOptions } from './recommend.ts';
export { DEFAULT_POLICY, type RecommendPolicy } from './policy.ts';
export type { Confidence, Effect, Evidence, Percentiles, Recommendation } from './recommendation.ts';
export { recommendationId } from './recommendation-id.ts';
export { formatCpu, formatMemory, roundCpuUp, roundMemoryUp } from './rounding.ts';
export { LogBuckets } from './log-buckets.ts';
export { percentileOf } from './bucket-counts.ts';
export { formatTraceLine, parseTraceLine, TraceFormatError, type TraceSample } from './trace-format.ts';
export { TraceLearner } from './trace-learner.ts';
