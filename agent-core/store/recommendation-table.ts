import type Database from 'better-sqlite3';

/** A stored recommendation: the engine's output as JSON, with what it is for. */
export interface StoredRecommendation {
  id: string;
  workloadUid: string;
  container: string;
  computedAt: number;
  body: unknown;
}

/** The latest recommendations, kept so that a restart or another process (the CLI) sees them at once. */
export class RecommendationTable {
  private readonly clear: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly all: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.clear = db.prepare('DELETE FROM recommendations');
    this.insert = db.prepare('INSERT OR REPLACE INTO recommendations (id, workload_uid, container, computed_at, body) VALUES (?, ?, ?, ?, ?)');
    this.all = db.prepare('SELECT id, workload_uid, container, computed_at, body FROM recommendations ORDER BY workload_uid, container');
  }

  replaceAll(recommendations: readonly StoredRecommendation[]): void {
    this.db
      .transaction(() => {
        this.clear.run();
        for (const r of recommendations) this.insert.run(r.id, r.workloadUid, r.container, r.computedAt, JSON.stringify(r.body));
      })
      .immediate();
  }

  read(): StoredRecommendation[] {
    return (this.all.all() as { id: string; workload_uid: string; container: string; computed_at: number; body: string }[]).map((row) => ({
      id: row.id,
      workloadUid: row.workload_uid,
      container: row.container,
      computedAt: row.computed_at,
      body: JSON.parse(row.body) as unknown,
    }));
  }
}
