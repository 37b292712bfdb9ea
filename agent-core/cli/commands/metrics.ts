import type { Command } from 'commander';
import { defaultDataDir, openMetricsStore } from '../../store/index.ts';
import { UserFacingError } from '../../kube/user-facing-error.ts';
import { durationMs } from '../duration.ts';

export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('Print the stored minute samples of one container')
    .requiredOption('--container <ns/pod/container>', 'the container, as NAMESPACE/POD/CONTAINER')
    .option('--data-dir <dir>', 'the agent data folder', defaultDataDir())
    .option('--since <duration>', 'how far back from now (samples ahead of the wall clock, as a simulated clock makes, are included)', durationMs('--since'), 3_600_000)
    .option('--json', 'JSON array output')
    .action((opts: { container: string; dataDir: string; since: number; json?: boolean }) => {
      if (opts.container.split('/').length !== 3 || opts.container.split('/').some((p) => !p)) {
        throw new UserFacingError('bad-container', `--container takes NAMESPACE/POD/CONTAINER, not "${opts.container}".`);
      }
      const store = openMetricsStore({ dataDir: opts.dataDir });
      try {
        const known = store.listSeries({ kind: 'container' }).some((s) => s.kind === 'container' && s.containerKey === opts.container);
        if (!known) {
          throw new UserFacingError(
            'unknown-container',
            `No samples stored for ${opts.container} in ${opts.dataDir}. Check the name (kubectl get pods -n NAMESPACE) and that the agent has run with --data-dir ${opts.dataDir}.`,
          );
        }
        const samples = store.minuteSamples({ series: { containerKey: opts.container }, from: Date.now() - opts.since, to: Number.MAX_SAFE_INTEGER });
        const rows = samples.map((s) => ({
          t: new Date(s.t).toISOString(),
          cpu: s.cpuCores,
          memory: s.memoryWorkingSetBytes,
          memoryRss: s.memoryRssBytes,
          throttledRatio: s.throttledRatio,
          cpuRequest: s.cpuRequest,
          cpuLimit: s.cpuLimit,
          memRequest: s.memRequest,
          memLimit: s.memLimit,
        }));
        if (opts.json) {
          process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        const fmt = (v: number | null, digits: number) => (v === null ? '-' : v.toFixed(digits));
        process.stdout.write('TIME                      CPU(cores)  MEMORY(MiB)  THROTTLED  CPU REQ/LIM     MEM REQ/LIM(MiB)\n');
        for (const r of rows) {
          const mib = (b: number | null) => (b === null ? null : b / 2 ** 20);
          process.stdout.write(
            `${r.t}  ${fmt(r.cpu, 3).padStart(10)}  ${fmt(mib(r.memory), 1).padStart(11)}  ${r.throttledRatio === null ? '        -' : `${(r.throttledRatio * 100).toFixed(1).padStart(8)}%`}  ${`${fmt(r.cpuRequest, 3)}/${fmt(r.cpuLimit, 3)}`.padEnd(14)}  ${fmt(mib(r.memRequest), 0)}/${fmt(mib(r.memLimit), 0)}\n`,
          );
        }
      } finally {
        store.close();
      }
    });
}
