import { DecayingHistogram } from './decaying-histogram.ts';
import { VPA } from './vpa-defaults.ts';

interface MemoryWindow {
  /** VPA stamps a window's peak with the window's end. */
  end: number;
  peak: number;
}

/**
 * One container's aggregate state in the VPA recommender: a decaying CPU histogram of every sample, and
 * the memory peak of each 24 h window (an OOM kill adds max(used + 100 MiB, used × 1.2) as a sample of the
 * window it falls in, where used is the larger of the memory request and the window's usage peak).
 */
export class VpaContainerState {
  readonly cpu = new DecayingHistogram(VPA.cpuBuckets, VPA.cpuHalfLifeMs);
  readonly #windows: MemoryWindow[] = [];
  #windowEnd = Number.NaN;
  /** The window's usage peak; an OOM sample raises the window's peak but not this (VPA keeps it apart so repeated kills do not compound). */
  #usagePeak = 0;

  addCpu(timeMs: number, cores: number): void {
    this.cpu.add(cores, VPA.cpuSampleWeight, timeMs);
  }

  addMemory(timeMs: number, bytes: number): void {
    this.#addMemorySample(timeMs, bytes, false);
  }

  recordOom(timeMs: number, requestBytes: number | null): void {
    if (timeMs < this.#windowEnd - VPA.memoryIntervalMs) return;
    const used = Math.max(requestBytes ?? 0, this.#usagePeak);
    const needed = Math.max(used + VPA.oomMinBumpBytes, used * VPA.oomBumpRatio);
    this.#addMemorySample(timeMs, needed, true);
  }

  /** VPA's target: p90 × 1.15 of each histogram, at least the per-pod minimum split across `containersInPod`. */
  target(containersInPod = 1): { cpu: number; memory: number } {
    const memory = new DecayingHistogram(VPA.memoryBuckets, VPA.memoryHalfLifeMs);
    for (const w of this.#windows.slice(-VPA.memoryIntervals)) memory.add(w.peak, 1, w.end);
    const margin = 1 + VPA.safetyMargin;
    return {
      cpu: Math.max(this.cpu.percentile(VPA.targetPercentile) * margin, VPA.podMinCpuCores / containersInPod),
      memory: Math.max(memory.percentile(VPA.targetPercentile) * margin, VPA.podMinMemoryBytes / containersInPod),
    };
  }

  #addMemorySample(timeMs: number, bytes: number, oom: boolean): void {
    if (Number.isNaN(this.#windowEnd)) this.#windowEnd = timeMs;
    if (timeMs < this.#windowEnd) {
      const window = this.#windows[this.#windows.length - 1]!;
      if (bytes <= window.peak) return;
      window.peak = bytes;
    } else {
      const shift = Math.floor((timeMs - this.#windowEnd) / VPA.memoryIntervalMs) * VPA.memoryIntervalMs + VPA.memoryIntervalMs;
      this.#windowEnd += shift;
      this.#usagePeak = 0;
      this.#windows.push({ end: this.#windowEnd, peak: bytes });
    }
    if (!oom) this.#usagePeak = bytes;
  }
}
