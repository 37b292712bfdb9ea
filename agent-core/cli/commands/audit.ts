import type { Command } from 'commander';
import { readAudit } from '../../apply/audit-trail.ts';
import { defaultDataDir } from '../../store/index.ts';

const values = (v: { cpuRequest: number | null; cpuLimit: number | null; memRequest: number | null; memLimit: number | null }) =>
  `cpu ${v.cpuRequest ?? '-'}/${v.cpuLimit ?? '-'} mem ${v.memRequest ?? '-'}/${v.memLimit ?? '-'}`;

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Every dry-run and apply, newest first, from agent.log (kept 30 days)')
    .option('--data-dir <dir>', 'where agent.log is', defaultDataDir())
    .option('--json', 'print a JSON array')
    .action((opts: { dataDir: string; json?: boolean }) => {
      const entries = readAudit(opts.dataDir);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
        return;
      }
      for (const e of entries) {
        process.stdout.write(`${e.when} ${e.who} ${e.dryRun ? 'dry-run' : 'apply  '} ${e.outcome} ${e.containerId} ${values(e.current)} -> ${values(e.proposed)}: ${e.message}\n`);
      }
    });
}
