// `npm run eval`: the recommenders side by side on generated traces, with a rolling origin; see eval/README.md.
import type { ResourceValues } from '../agent-core/recommend/index.ts';
import { parseArgs } from './args.ts';
import { measureEngineCost } from './engine-cost.ts';
import { dayStart, HOLDOUT, PROJECT, type Variation } from './fleet/variation.ts';
import { allRecommenders } from './recommenders/all.ts';
import { oursRecommender } from './recommenders/ours.ts';
import { allGoalsMet, renderSet } from './report/table.ts';
import { runSet } from './run-set.ts';
import { checkCli, TraceDump } from './trace-dump.ts';

const MINUTES_PER_DAY = 1440;

const args = parseArgs(process.argv.slice(2));
if (args.engineCost) {
  // With `node --expose-gc --import tsx eval/run.ts --engine-cost` the heap per digest is measured too.
  const cost = measureEngineCost();
  const perMs = (ms: number) => `${ms.toFixed(0)} ms (${((ms / cost.containers) * 1000).toFixed(1)} µs each)`;
  process.stdout.write(
    [
      `Engine cost for ${cost.containers} containers with 14 days of history:`,
      `  one new minute into every digest: ${perMs(cost.ingestMinuteMs)}`,
      `  every recommendation, within an hour: ${perMs(cost.recommendAllMs)} wall, ${cost.recommendAllCpuMs.toFixed(0)} ms CPU`,
      `  every recommendation, each digest searching its level shifts afresh (after a restart): ${perMs(cost.freshSearchRecommendMs)}`,
      `  heap per full digest: ${Number.isNaN(cost.bytesPerDigest) ? 'run with node --expose-gc to measure' : `${(cost.bytesPerDigest / 1024).toFixed(1)} KiB`}`,
    ].join('\n') + '\n',
  );
  process.exit(0);
}
const sets: Array<[Variation, number[]]> = [];
if (args.only !== 'holdout') sets.push([PROJECT, args.seeds]);
if (args.only !== 'project') sets.push([HOLDOUT, args.holdoutSeeds]);

const verdicts: string[] = [];
for (const [variation, seeds] of sets) {
  const began = Date.now();
  process.stderr.write(`[eval] ${variation.name}: ${seeds.length} seeds…\n`);
  const dump = args.traceOut ? new TraceDump(args.traceOut, variation.name) : undefined;
  // The in-process proposals at the last origin, to hold the CLI's output against.
  const lastOrigin = (variation.days - 1) * MINUTES_PER_DAY;
  const atLastOrigin = new Map<string, ResourceValues>();
  const ours = oursRecommender({}, (c, origin, r) => {
    if (origin === lastOrigin) atLastOrigin.set(c.key, r.proposed);
  });
  const result = runSet(variation, seeds, allRecommenders(ours), dump && ((c) => dump.write(c)));
  process.stdout.write(`${renderSet(result, Date.now() - began)}\n\n`);
  verdicts.push(`${variation.name}: ${allGoalsMet(result) ? 'our row meets the goal' : 'our row does NOT meet the goal'}`);
  if (dump) {
    dump.close();
    const splitAt = dayStart(variation, variation.days - 1);
    process.stderr.write(`[eval] ${variation.name}: traces in ${dump.file}; running the CLI on it…\n`);
    const check = checkCli(dump.file, splitAt, atLastOrigin);
    const verdict = check.mismatches.length === 0 ? `the same numbers for all ${check.containers} containers` : `${check.mismatches.length} differences:\n  ${check.mismatches.slice(0, 20).join('\n  ')}`;
    process.stdout.write(`CLI check: recommend --trace ${dump.file} --split-at ${new Date(splitAt).toISOString()} gives ${verdict}\n\n`);
    if (check.mismatches.length) process.exitCode = 1;
  }
}
process.stdout.write(`${verdicts.join('\n')}\n`);
