import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ResourceValues } from '../recommend/container-history.ts';

export interface RemoteRequest {
  actionId: string;
  requestedBy: string | null;
}

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
  /** As the server serves the kind (apps/v1, batch/v1beta1): with the rest, enough to undo from the log alone. */
  apiVersion?: string;
  initContainer?: boolean;
  dryRun: boolean;
  /** Put back what an earlier apply replaced. */
  undo?: boolean;
  /** The real patch was stored (also when the rollout then failed). */
  patched?: boolean;
  current: ResourceValues;
  proposed: ResourceValues;
  /** The identity the server reported, else the kubeconfig user name. */
  who: string;
  /** A remote action relayed by the gateway: its id and who asked there (`who` is who approved it here). */
  remote?: RemoteRequest;
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

const isAgentLog = (file: string) => /^agent.*\.log$/.test(file);

function entriesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
}

/** agent.log and its rotated days in `dir`, and in each per-cluster folder the app keeps under `dir/clusters/`. */
function auditLogFiles(dir: string): string[] {
  const clusters = path.join(dir, 'clusters');
  return [
    ...entriesIn(dir).filter(isAgentLog).map((f) => path.join(dir, f)),
    ...entriesIn(clusters).flatMap((c) => entriesIn(path.join(clusters, c)).filter(isAgentLog).map((f) => path.join(clusters, c, f))),
  ];
}

/** The audit lines of every agent log under `dir` (see auditLogFiles), newest first. Other lines are skipped. */
export function readAudit(dir: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const file of auditLogFiles(dir)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('"audit":true')) continue;
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.audit !== true || typeof parsed.when !== 'string') continue;
        const { level: _level, time: _time, pid: _pid, name: _name, msg: _msg, audit: _audit, hostname: _hostname, ...entry } = parsed;
        entries.push(entry as unknown as AuditEntry);
      } catch {
        // A line cut short by a crash: the rest of the file still counts.
      }
    }
  }
  return entries.sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0));
}
