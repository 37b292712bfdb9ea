export interface EvalArgs {
  /** Seeds of the project set (default 1–20). */
  seeds: number[];
  /** Seeds of the held-out set (default 100–119). */
  holdoutSeeds: number[];
  only?: 'project' | 'holdout';
  /** Dump the generated traces here as JSON lines and check the CLI against the in-process engine. */
  traceOut?: string;
  /** Measure the engine's cost for 30,000 containers instead (the live agent's budget). */
  engineCost: boolean;
}

export const USAGE = 'usage: npm run eval [-- --seeds A-B] [--holdout-seeds A-B] [--project | --holdout] [--trace-out DIR] | [-- --engine-cost]';

/** "3-7" → [3..7]; "4" → [4]; "1,5,9" → [1, 5, 9]. */
export function seedList(flag: string, text: string | undefined): number[] {
  if (!text) throw new Error(`${flag} takes seeds such as 100-119 or 1,5,9 (${USAGE})`);
  const seeds = text.split(',').flatMap((part) => {
    const range = /^(\d+)-(\d+)$/.exec(part.trim());
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from) throw new Error(`${flag}: ${part} runs backwards; write the lower seed first`);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    }
    if (/^\d+$/.test(part.trim())) return [Number(part)];
    throw new Error(`${flag} takes seeds such as 100-119 or 1,5,9, not "${part}" (${USAGE})`);
  });
  return seeds;
}

export function parseArgs(argv: readonly string[]): EvalArgs {
  const args: EvalArgs = { seeds: seedList('--seeds', '1-20'), holdoutSeeds: seedList('--holdout-seeds', '100-119'), engineCost: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--seeds') args.seeds = seedList(flag, argv[++i]);
    else if (flag === '--holdout-seeds') args.holdoutSeeds = seedList(flag, argv[++i]);
    else if (flag === '--project') args.only = 'project';
    else if (flag === '--holdout') args.only = 'holdout';
    else if (flag === '--engine-cost') args.engineCost = true;
    else if (flag === '--trace-out') {
      args.traceOut = argv[++i];
      if (!args.traceOut) throw new Error(`--trace-out takes a folder (${USAGE})`);
    } else throw new Error(`unknown argument ${flag} (${USAGE})`);
  }
  return args;
}
