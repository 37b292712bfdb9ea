import type Database from 'better-sqlite3';
import type { ContainerEvent } from './sample-types.ts';

export interface EventFilter {
  /** ms epoch, inclusive */
  from: number;
  /** ms epoch, exclusive */
  to: number;
  namespace?: string;
  pod?: string;
  container?: string;
  kinds?: readonly string[];
}

/** Container events; the same event reported twice (same time, kind, pod and container) is kept once. */
export class EventLog {
  private readonly insert: Database.Statement;
  private readonly byTime: Database.Statement;
  private readonly byPod: Database.Statement;
  private readonly deleteBefore: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO events (time, kind, namespace, pod, container, detail) VALUES (@time, @kind, @namespace, @pod, @container, @detail)');
    const columns = 'SELECT time, kind, namespace, pod, container, detail FROM events';
    this.byTime = db.prepare(`${columns} WHERE time >= ? AND time < ? ORDER BY time, event_id`);
    this.byPod = db.prepare(`${columns} WHERE namespace = ? AND pod = ? AND time >= ? AND time < ? ORDER BY time, event_id`);
    this.deleteBefore = db.prepare('DELETE FROM events WHERE time < ?');
  }

  record(events: readonly ContainerEvent[]): void {
    for (const e of events) this.insert.run({ time: e.time, kind: e.kind, namespace: e.namespace, pod: e.pod, container: e.container, detail: e.detail });
  }

  read(filter: EventFilter): ContainerEvent[] {
    const rows = (
      filter.namespace !== undefined && filter.pod !== undefined
        ? this.byPod.all(filter.namespace, filter.pod, filter.from, filter.to)
        : this.byTime.all(filter.from, filter.to)
    ) as ContainerEvent[];
    return rows.filter(
      (e) =>
        (filter.namespace === undefined || e.namespace === filter.namespace) &&
        (filter.container === undefined || e.container === filter.container) &&
        (filter.kinds === undefined || filter.kinds.includes(e.kind)),
    );
  }

  deleteOlderThan(time: number): number {
    return this.deleteBefore.run(time).changes;
  }
}
