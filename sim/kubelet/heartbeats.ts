import type { ApiQueue } from './api-queue.ts';
import type { KubeApi } from './kube-api.ts';
import type { NodeRegistration } from './node-object.ts';
import { renewLease, writeNodeStatus } from './node-registration.ts';

export const LEASE_RENEW_INTERVAL_MS = 10_000;
export const STATUS_INTERVAL_MS = 60_000;
const SCHEDULER_TICK_MS = 250;
/** A renewal after this long without one may follow a NotReady/Unknown verdict: only a Ready status clears it. */
const OUTAGE_MS = 20_000;

export interface HeartbeatTarget {
  registration: NodeRegistration;
  nodeUid: string;
  readySinceMs: number;
}

interface Schedule {
  target: HeartbeatTarget;
  nextLeaseMs: number;
  nextStatusMs: number;
  lastRenewedMs: number;
}

/**
 * Lease renewals every 10 s and status heartbeats every 60 s for the whole fleet from one timer, spread
 * evenly over the interval by node position, so that 500 nodes make a steady 50 renewals a second
 * rather than bursts.
 */
export class Heartbeats {
  readonly #api: KubeApi;
  readonly #queue: ApiQueue;
  readonly #schedules: Schedule[];
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(api: KubeApi, queue: ApiQueue, targets: readonly HeartbeatTarget[]) {
    this.#api = api;
    this.#queue = queue;
    const now = Date.now();
    this.#schedules = targets.map((target, i) => ({
      target,
      nextLeaseMs: now + ((i + 0.5) / targets.length) * LEASE_RENEW_INTERVAL_MS,
      nextStatusMs: now + ((i + 0.5) / targets.length) * STATUS_INTERVAL_MS,
      lastRenewedMs: now,
    }));
  }

  start(): void {
    this.#timer ??= setInterval(() => this.#due(Date.now()), SCHEDULER_TICK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #due(now: number): void {
    for (const schedule of this.#schedules) {
      if (now >= schedule.nextLeaseMs) {
        schedule.nextLeaseMs = nextAfter(schedule.nextLeaseMs, LEASE_RENEW_INTERVAL_MS, now);
        this.#renew(schedule);
      }
      if (now >= schedule.nextStatusMs) {
        schedule.nextStatusMs = nextAfter(schedule.nextStatusMs, STATUS_INTERVAL_MS, now);
        this.#reportStatus(schedule);
      }
    }
  }

  #renew(schedule: Schedule): void {
    const { registration, nodeUid } = schedule.target;
    const name = registration.machine.name;
    this.#queue.enqueue(
      `lease/${name}`,
      async () => {
        await renewLease(this.#api, name, nodeUid);
        const now = Date.now();
        if (now - schedule.lastRenewedMs > OUTAGE_MS) this.#reportStatus(schedule);
        schedule.lastRenewedMs = now;
      },
      0,
    );
  }

  #reportStatus(schedule: Schedule): void {
    const { registration, readySinceMs } = schedule.target;
    this.#queue.enqueue(`node-status/${registration.machine.name}`, () => writeNodeStatus(this.#api, registration, readySinceMs), 1);
  }
}

/** The next slot on the grid, skipping the ones missed while the process was busy. */
function nextAfter(slot: number, interval: number, now: number): number {
  const missed = Math.floor((now - slot) / interval);
  return slot + (missed + 1) * interval;
}
