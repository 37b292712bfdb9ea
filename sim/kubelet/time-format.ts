// Kubernetes' time encodings. metav1.Time (every `time` and `startTime` of the Summary API, pod status
// times) is RFC 3339 in whole seconds; metav1.MicroTime (a Lease's renewTime) needs exactly six decimals.

/** metav1.Time: 2026-01-15T12:00:04Z */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime: 2026-01-15T12:00:04.123000Z */
export function microTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
