import { KubeApiError } from './kube-api.ts';

interface Entry {
  task: () => Promise<void>;
  retries: number;
}

const RETRY_DELAY_MS = 2000;
const MAX_RETRIES = 5;
/** While the API server is down every write fails: one summary line per interval instead of hundreds. */
const FAILURE_LOG_INTERVAL_MS = 10_000;

/**
 * Writes to the API server for the whole fleet with bounded concurrency. Work is keyed ("status/<pod uid>"):
 * queuing a key already waiting replaces its task, so a burst of changes becomes one write of the latest
 * state. Failed tasks are retried a few times, except when the object is gone (404).
 */
export class ApiQueue {
  readonly #concurrency: number;
  readonly #log: (msg: string) => void;
  readonly #waiting = new Map<string, Entry>();
  readonly #running = new Set<string>();
  readonly #rerun = new Map<string, Entry>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #idle: Array<() => void> = [];
  #stopped = false;
  #unloggedFailures = 0;
  #lastFailureLogMs = 0;

  constructor(concurrency: number, log: (msg: string) => void) {
    this.#concurrency = concurrency;
    this.#log = log;
  }

  enqueue(key: string, task: () => Promise<void>, retries = MAX_RETRIES): void {
    if (this.#stopped) return;
    const entry = { task, retries };
    if (this.#running.has(key)) this.#rerun.set(key, entry);
    else this.#waiting.set(key, entry);
    this.#pump();
  }

  /** Resolves when nothing is waiting or running (retries scheduled for later do not count). */
  idle(): Promise<void> {
    if (this.#waiting.size === 0 && this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#waiting.clear();
    this.#rerun.clear();
    for (const timer of this.#timers) clearTimeout(timer);
    await this.idle();
  }

  #pump(): void {
    while (this.#running.size < this.#concurrency && this.#waiting.size > 0) {
      const [key, entry] = this.#waiting.entries().next().value as [string, Entry];
      this.#waiting.delete(key);
      this.#running.add(key);
      void this.#run(key, entry);
    }
    if (this.#waiting.size === 0 && this.#running.size === 0) {
      const idle = this.#idle;
      this.#idle = [];
      for (const resolve of idle) resolve();
    }
  }

  async #run(key: string, entry: Entry): Promise<void> {
    try {
      await entry.task();
    } catch (err) {
      this.#failed(key, entry, err);
    } finally {
      this.#running.delete(key);
      const again = this.#rerun.get(key);
      if (again && !this.#stopped) {
        this.#rerun.delete(key);
        this.#waiting.set(key, again);
      }
      this.#pump();
    }
  }

  #noteFailure(key: string, err: unknown): void {
    this.#unloggedFailures++;
    const now = Date.now();
    if (now - this.#lastFailureLogMs < FAILURE_LOG_INTERVAL_MS) return;
    const others = this.#unloggedFailures - 1;
    this.#log(`${key}: ${(err as Error).message}${others > 0 ? ` (and ${others} other failed writes since the last report)` : ''}`);
    this.#unloggedFailures = 0;
    this.#lastFailureLogMs = now;
  }

  #failed(key: string, entry: Entry, err: unknown): void {
    const gone = err instanceof KubeApiError && err.status === 404;
    if (gone || this.#stopped) return;
    if (entry.retries <= 0) {
      this.#noteFailure(key, err);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#waiting.has(key) && !this.#rerun.has(key)) this.enqueue(key, entry.task, entry.retries - 1);
    }, RETRY_DELAY_MS);
    this.#timers.add(timer);
  }
}
