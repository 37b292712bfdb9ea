import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ResourceValues } from '../recommend/container-history.ts';

/** One dry-run or apply, as agent.log keeps it (a JSON line with audit: true). */
export interface AuditEntry {
  recommendationId: string;
  /** The controller's UUID (entity.uuid). */
  serviceId: string;
  /** namespace/kind/name/container. */
  containerId: string;
  namespace: string;
  service: string;
  kind: string;
  dryRun: boolean;
  current: ResourceValues;
  proposed: ResourceValues;
  /** The identity the server reported, else the kubeconfig user name. */
  who: string;
  /** ISO time of the request. */
  when: string;
  outcome: 'ok' | 'refused' | 'failed';
  message: string;
}

const AUDIT_MSG = 'audit';

/** Writes audit lines through agent.log's logger, so they rotate and expire (30 days) with the rest of it. */
export class AuditTrail {
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger.child({ audit: true });
  }

  record(entry: AuditEntry): void {
    this.logger.info(entry, AUDIT_MSG);
  }
}

/** The audit lines of every agent.log* file in `dir`, newest first. Lines that are not audit lines are skipped. */
export function readAudit(dir: string): AuditEntry[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => /^agent.*\.log$/.test(f));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries: AuditEntry[] = [];
  for (const file of files) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.includes('"audit":true')) continue;
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.audit !== true || typeof parsed.when !== 'string') continue;
        const { level: _level, time: _time, pid: _pid, name: _name, msg: _msg, audit: _audit, ...entry } = parsed;
        entries.push(entry as unknown as AuditEntry);
      } catch {
        // A line cut short by a crash: the rest of the file still counts.
      }
    }
  }
  return entries.sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0));
}
