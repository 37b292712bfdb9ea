import type Database from 'better-sqlite3';
import type { ContainerMinuteSample, MinuteBatch, NodeMinuteSample } from './sample-types.ts';
import type { SeriesRegistry } from './series-registry.ts';
import { minuteOfStagedId, stagedId } from './staged-key.ts';
import { bytesToKib, coresToMillicores, minuteIndexOf, ratioToPermille, wholeBytes } from './units.ts';

type StagedRow = [id: number, cpuM: number | null, wsKib: number | null, rssKib: number | null, throttlePm: number | null];

/** Stages one minute batch's samples; the caller holds the transaction. */
export class MinuteWriter {
  private readonly registry: SeriesRegistry;
  private readonly insert: Database.Statement;

  constructor(db: Database.Database, registry: SeriesRegistry) {
    this.registry = registry;
    // REPLACE: a minute written twice keeps the later sample.
    this.insert = db.prepare('INSERT OR REPLACE INTO staged_minutes (id, cpu_m, ws_kib, rss_kib, throttle_pm) VALUES (?, ?, ?, ?, ?)');
  }

  private container(s: ContainerMinuteSample): StagedRow {
    const minute = minuteIndexOf(s.minute);
    const series = this.registry.seriesFor('container', s.containerKey, s.workload, minute);
    this.registry.noteSettings(series, minute, {
      cpuRequestM: coresToMillicores(s.cpuRequest),
      cpuLimitM: coresToMillicores(s.cpuLimit),
      memRequestB: wholeBytes(s.memRequest),
      memLimitB: wholeBytes(s.memLimit),
    });
    return [stagedId(minute, series.id), coresToMillicores(s.cpuCores), bytesToKib(s.memoryWorkingSetBytes), bytesToKib(s.memoryRssBytes), ratioToPermille(s.throttledRatio)];
  }

  private node(s: NodeMinuteSample): StagedRow {
    const minute = minuteIndexOf(s.minute);
    const series = this.registry.seriesFor('node', s.nodeName, null, minute);
    this.registry.noteSettings(series, minute, { cpuRequestM: null, cpuLimitM: coresToMillicores(s.cpuAllocatable), memRequestB: null, memLimitB: wholeBytes(s.memAllocatable) });
    return [stagedId(minute, series.id), coresToMillicores(s.cpuCores), bytesToKib(s.memoryWorkingSetBytes), bytesToKib(s.memoryRssBytes), null];
  }

  /** Returns the latest minute staged, or -Infinity for a batch without samples. */
  stage(batch: MinuteBatch): number {
    const rows: StagedRow[] = [];
    for (const s of batch.containers ?? []) rows.push(this.container(s));
    for (const s of batch.nodes ?? []) rows.push(this.node(s));
    // In key order, so the inserts walk the table's last pages once instead of hopping between them.
    rows.sort((a, b) => a[0] - b[0]);
    for (const row of rows) this.insert.run(row);
    const last = rows[rows.length - 1];
    return last ? minuteOfStagedId(last[0]) : -Infinity;
  }
}
