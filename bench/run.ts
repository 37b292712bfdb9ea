// `npm run bench [-- --quick] [--only store|cluster|renderer|recommend|relay|sim] [--profile DIR]`: the app's figures, each beside a reference
// measured in the same run. Progress goes to stderr; the table and its notes to stdout. --quick runs a small scale for
// a fast check; --only runs one half; --profile writes the measured child processes' V8 CPU profiles to DIR.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestCluster, type TestCluster } from '../sim/testcluster/test-cluster.ts';
import { childRuntime, cleanUpChildren, profileChildrenInto } from './child-process.ts';
import { benchInventorySync } from './inventory-sync.ts';
import { benchMetricsCycle } from './metrics-cycle.ts';
import { benchRecommendLive } from './recommend-live.ts';
import { benchBacklogReplay } from '../agent-core/relay/testing/backlog-replay-bench.ts';
import { benchRendererUi } from './renderer-ui.ts';
import { populateCluster } from './populate-cluster.ts';
import { buildNotes, buildRows, type BenchResults } from './rows.ts';
import { describeScale, FULL, QUICK } from './scale.ts';
import { benchSimulatorRss, processMemory } from './simulator-rss.ts';
import { benchStore } from './store.ts';
import { renderTable, summarizeGoals } from './table.ts';

const CONTEXT = 'testcluster';

const USAGE = 'usage: bench/run.ts [--quick] [--only store|cluster|renderer|recommend|relay|sim] [--profile DIR]';
const PARTS = ['store', 'cluster', 'renderer', 'recommend', 'relay', 'sim'] as const;
type Part = (typeof PARTS)[number];

function parseArgs(argv: string[]): { quick: boolean; only?: Part; profile?: string } {
  const valueOf = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const only = valueOf('--only');
  const profile = valueOf('--profile');
  if (only !== undefined && !PARTS.includes(only as Part)) throw new Error(`--only takes one of ${PARTS.join(', ')} (${USAGE})`);
  if (argv.includes('--profile') && !profile) throw new Error(`--profile takes a folder (${USAGE})`);
  const unknown = argv.filter((a, i) => !['--quick', '--only', '--profile'].includes(a) && !['--only', '--profile'].includes(argv[i - 1] ?? ''));
  if (unknown.length) throw new Error(`unknown arguments: ${unknown.join(' ')} (${USAGE})`);
  return { quick: argv.includes('--quick'), only: only as Part | undefined, profile };
}

const began = Date.now();
const log = (line: string) => process.stderr.write(`[bench +${((Date.now() - began) / 1000).toFixed(0)}s] ${line}\n`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scale = args.quick ? QUICK : FULL;
  log(describeScale(scale));
  if (args.profile) {
    fs.mkdirSync(args.profile, { recursive: true });
    profileChildrenInto(path.resolve(args.profile));
    log(`child processes write CPU profiles to ${path.resolve(args.profile)} (profiling slows them: figures are not comparable)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-bench-'));
  let cluster: TestCluster | undefined;
  const cleanUp = async () => {
    const running = cluster;
    cluster = undefined;
    await running?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    cleanUpChildren();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the test cluster`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: BenchResults = { scale };
  try {
    const runs = (part: Part) => args.only === undefined || args.only === part;
    if (runs('renderer')) results.renderer = await benchRendererUi({ ...scale.renderer, log });
    if (runs('recommend')) results.recommend = benchRecommendLive({ ...scale.recommend, log });
    if (runs('relay')) {
      log(`relay: an hour of backlog for ${scale.relay.containers} containers, replayed over loopback`);
      results.relay = await benchBacklogReplay(scale.relay.containers);
    }

    if (runs('store')) results.store = await benchStore(scale, dir, log);

    if (runs('cluster')) {
      log(`starting the test cluster: ${scale.nodes} simulated nodes, speed 60`);
      cluster = await startTestCluster({ nodes: scale.nodes, seedWorkloads: false, speed: 60, log: (line) => log(`  [testcluster] ${line}`) });
      const kubeconfig = path.join(dir, 'kubeconfig');
      fs.writeFileSync(kubeconfig, cluster.kubeconfigYaml, { mode: 0o600 });

      log(`creating ${scale.pods} pods`);
      const fleet = cluster.fleet;
      const populate = await populateCluster(cluster.adminKubeConfig, {
        nodes: scale.nodes,
        pods: scale.pods,
        nodeNames: fleet.nodeNames,
        log,
        nudgeNode: (name) => fleet.nodes.find((n) => n.name === name)?.stats(),
      });
      log(`workload Running after ${populate.seconds.toFixed(0)} s`);

      log(`inventory sync against kubectl, ${scale.syncRepeats} runs each`);
      const inventory = await benchInventorySync({ kubeconfig, context: CONTEXT, cronJobApiVersion: populate.cronJobApiVersion, repeats: scale.syncRepeats, log });

      log(`metrics: a warm-up cycle and ${scale.metricCycles} measured cycles`);
      const dataDir = results.store?.longRunning.dataDir ?? path.join(dir, 'fresh-store');
      const metrics = await benchMetricsCycle(cluster.clock, { kubeconfig, context: CONTEXT, dataDir, cycles: scale.metricCycles });
      const controlPlaneRssBytes = Object.values(cluster.controlPlane.processes ?? {}).reduce((sum, p) => sum + (p.pid ? processMemory(p.pid).rss : 0), 0);
      results.cluster = { populate, inventory, metrics, controlPlaneRssBytes };
      // The real control plane goes before the simulated one starts: two at this size would not measure either.
      await cluster.stop();
      cluster = undefined;
    }

    if (runs('sim')) results.sim = await benchSimulatorRss({ nodes: scale.nodes, pods: scale.pods, dir, log });
  } finally {
    log('cleaning up');
    await cleanUp();
  }

  const rows = buildRows(results);
  const out = [
    '',
    `Cluster Insight bench — ${describeScale(scale)}`,
    '',
    renderTable(rows),
    '',
    summarizeGoals(rows),
    '',
    ...buildNotes(results).map((n) => `• ${n}`),
    `• measured pieces ran in child processes: ${childRuntime === 'bundled' ? 'bundled by esbuild, plain node (as shipped)' : 'under tsx (esbuild not found): RSS figures include ~100 MB of tsx loader'}`,
    '',
    `total run time: ${((Date.now() - began) / 60_000).toFixed(1)} min`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
