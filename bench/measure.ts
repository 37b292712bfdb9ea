// Small measuring helpers shared by the bench: wall and CPU time, RSS, medians, formatting.
import { PerformanceObserver, performance } from 'node:perf_hooks';

export const MB = 1024 * 1024;

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Timed<T> {
  result: T;
  wallMs: number;
  /** User + system CPU of this process while it ran (other work on the event loop included). */
  cpuMs: number;
}

/** Wall and CPU time of fn (CPU as process.cpuUsage sees it: the whole process, every thread). */
export async function timed<T>(fn: () => T | Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const began = performance.now();
  const result = await fn();
  const wallMs = performance.now() - began;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

export function rssBytes(): number {
  return process.memoryUsage().rss;
}

/** Peak RSS of this process so far (Linux maxrss). */
export function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Runs a full GC when the process was started with --expose-gc; a few passes let finalizers free native memory. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  for (let i = 0; i < 3; i++) gc();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatMb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / MB).toFixed(0)} MB` : '—';
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes >= 10 * MB) return `${(bytes / MB).toFixed(0)} MB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${bytes.toFixed(1)} B`;
}

/** Time spent in garbage collection since start, as the 'gc' performance entries report it. */
export function startGcAccounting(): { totalMs(): Promise<number>; stop(): void } {
  let total = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    // Entries arrive asynchronously: let the pending ones in first.
    totalMs: () => new Promise<number>((resolve) => setImmediate(() => resolve(total))),
    stop: () => observer.disconnect(),
  };
}
