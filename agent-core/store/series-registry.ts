// Series ids for container and node keys, remembered in memory so that the per-minute write path
// costs a Map lookup per sample rather than a query. The database stays the source of truth: after
// a failed transaction the memory is dropped and read again.
import type Database from 'better-sqlite3';
import type { SeriesInfo, SeriesRef, WorkloadIdentity } from './sample-types.ts';
import { hourOfMinute } from './units.ts';

/** Staged rows are keyed minute * 2^24 + series id, so ids must stay below 2^24. */
export const SERIES_ID_LIMIT = 2 ** 24;

export type SeriesKind = 'container' | 'node';

/** Requests and limits as stored: CPU in millicores, memory in bytes. */
export interface StoredSettings {
  cpuRequestM: number | null;
  cpuLimitM: number | null;
  memRequestB: number | null;
  memLimitB: number | null;
}

export interface SeriesEntry {
  id: number;
  kind: SeriesKind;
  key: string;
  workloadId: number | null;
  /** The latest settings row and the minute it starts, if any. */
  settings: (StoredSettings & { validFrom: number }) | null;
}

const workloadKey = (w: WorkloadIdentity) => `${w.uid}\0${w.kind}\0${w.namespace}\0${w.name}`;

const sameSettings = (a: StoredSettings, b: StoredSettings) =>
  a.cpuRequestM === b.cpuRequestM && a.cpuLimitM === b.cpuLimitM && a.memRequestB === b.memRequestB && a.memLimitB === b.memLimitB;

export class SeriesRegistry {
  private readonly db: Database.Database;
  private loaded = false;
  private highestId = 0;
  private readonly byKind = { container: new Map<string, SeriesEntry>(), node: new Map<string, SeriesEntry>() };
  private readonly byId = new Map<number, SeriesEntry>();
  private readonly workloadIds = new Map<string, number>();
  private readonly workloadsById = new Map<number, WorkloadIdentity>();
  private readonly statements;

  constructor(db: Database.Database) {
    this.db = db;
    this.statements = {
      insertWorkload: db.prepare('INSERT INTO workloads (kind, namespace, name, uid) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      findWorkload: db.prepare('SELECT workload_id FROM workloads WHERE uid = ? AND kind = ? AND namespace = ? AND name = ?').pluck(),
      insertSeries: db.prepare('INSERT INTO series (kind, key, workload_id, last_hour) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      findSeries: db.prepare('SELECT series_id FROM series WHERE kind = ? AND key = ?').pluck(),
      highestId: db.prepare('SELECT max(series_id) FROM series').pluck(),
      setWorkload: db.prepare('UPDATE series SET workload_id = ? WHERE series_id = ?'),
      insertSettings: db.prepare(
        'INSERT OR REPLACE INTO resource_settings (series_id, valid_from, cpu_request_m, cpu_limit_m, mem_request_b, mem_limit_b) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  private load(): void {
    if (this.loaded) return;
    for (const row of this.db.prepare('SELECT workload_id, kind, namespace, name, uid FROM workloads').all() as Array<WorkloadIdentity & { workload_id: number }>) {
      const identity = { kind: row.kind, namespace: row.namespace, name: row.name, uid: row.uid };
      this.workloadIds.set(workloadKey(identity), row.workload_id);
      this.workloadsById.set(row.workload_id, identity);
    }
    const latestSettings = new Map<number, SeriesEntry['settings']>();
    const settingsRows = this.db
      .prepare(
        `SELECT series_id, max(valid_from) AS valid_from, cpu_request_m, cpu_limit_m, mem_request_b, mem_limit_b
         FROM resource_settings GROUP BY series_id`,
      )
      .all() as Array<{ series_id: number; valid_from: number; cpu_request_m: number | null; cpu_limit_m: number | null; mem_request_b: number | null; mem_limit_b: number | null }>;
    for (const r of settingsRows) {
      latestSettings.set(r.series_id, { validFrom: r.valid_from, cpuRequestM: r.cpu_request_m, cpuLimitM: r.cpu_limit_m, memRequestB: r.mem_request_b, memLimitB: r.mem_limit_b });
    }
    const seriesRows = this.db.prepare('SELECT series_id, kind, key, workload_id FROM series').all() as Array<{ series_id: number; kind: SeriesKind; key: string; workload_id: number | null }>;
    for (const r of seriesRows) {
      this.remember({ id: r.series_id, kind: r.kind, key: r.key, workloadId: r.workload_id, settings: latestSettings.get(r.series_id) ?? null });
    }
    this.loaded = true;
  }

  private remember(entry: SeriesEntry): SeriesEntry {
    this.byKind[entry.kind].set(entry.key, entry);
    this.byId.set(entry.id, entry);
    this.highestId = Math.max(this.highestId, entry.id);
    return entry;
  }

  /** A reading process sees series that the writing process added after this one loaded. */
  private reloadIfOthersAdded(): void {
    if (this.loaded && ((this.statements.highestId.get() as number | null) ?? 0) !== this.highestId) this.invalidate();
    this.load();
  }

  /** Forgets everything read from the database, after a rollback or a prune. */
  invalidate(): void {
    this.loaded = false;
    this.highestId = 0;
    this.byKind.container.clear();
    this.byKind.node.clear();
    this.byId.clear();
    this.workloadIds.clear();
    this.workloadsById.clear();
  }

  private workloadIdFor(workload: WorkloadIdentity): number {
    const key = workloadKey(workload);
    const known = this.workloadIds.get(key);
    if (known !== undefined) return known;
    const { kind, namespace, name, uid } = workload;
    this.statements.insertWorkload.run(kind, namespace, name, uid);
    const id = this.statements.findWorkload.get(uid, kind, namespace, name) as number;
    this.workloadIds.set(key, id);
    this.workloadsById.set(id, { kind, namespace, name, uid });
    return id;
  }

  /** The series for a key, created on first sight (within the caller's transaction). */
  seriesFor(kind: SeriesKind, key: string, workload: WorkloadIdentity | null, minute: number): SeriesEntry {
    this.load();
    const workloadId = workload ? this.workloadIdFor(workload) : null;
    const known = this.byKind[kind].get(key);
    if (known) {
      if (known.workloadId !== workloadId) {
        this.statements.setWorkload.run(workloadId, known.id);
        known.workloadId = workloadId;
      }
      return known;
    }
    this.statements.insertSeries.run(kind, key, workloadId, hourOfMinute(minute));
    const id = this.statements.findSeries.get(kind, key) as number;
    if (id >= SERIES_ID_LIMIT) throw new RangeError(`The metrics store holds ${SERIES_ID_LIMIT} series, its limit; no new series can be added.`);
    return this.remember({ id, kind, key, workloadId, settings: null });
  }

  /**
   * Records the settings in force at a minute when they differ from the latest ones. A late sample
   * (older than the latest change) cannot rewrite history, so its settings are ignored.
   */
  noteSettings(entry: SeriesEntry, minute: number, settings: StoredSettings): void {
    const current = entry.settings;
    if (current && (minute < current.validFrom || sameSettings(current, settings))) return;
    this.statements.insertSettings.run(entry.id, minute, settings.cpuRequestM, settings.cpuLimitM, settings.memRequestB, settings.memLimitB);
    entry.settings = { ...settings, validFrom: minute };
  }

  find(ref: SeriesRef): SeriesEntry | undefined {
    const lookUp = () => ('containerKey' in ref ? this.byKind.container.get(ref.containerKey) : this.byKind.node.get(ref.nodeName));
    this.load();
    const known = lookUp();
    if (known) return known;
    this.reloadIfOthersAdded();
    return lookUp();
  }

  count(): number {
    this.load();
    return this.byId.size;
  }

  entries(): SeriesEntry[] {
    this.reloadIfOthersAdded();
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }

  infoOf(entry: SeriesEntry): SeriesInfo {
    this.load();
    if (entry.kind === 'node') return { kind: 'node', nodeName: entry.key };
    const workload = (entry.workloadId !== null && this.workloadsById.get(entry.workloadId)) || { kind: '', namespace: '', name: '', uid: '' };
    return { kind: 'container', containerKey: entry.key, workload: { ...workload } };
  }

  workloadOf(entry: SeriesEntry): WorkloadIdentity | undefined {
    this.load();
    return entry.workloadId === null ? undefined : this.workloadsById.get(entry.workloadId);
  }
}
