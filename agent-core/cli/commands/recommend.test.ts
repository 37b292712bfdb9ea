import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../kube/user-facing-error.ts';
import { formatTraceLine } from '../../recommend/index.ts';
import { toJson, traceMode } from './recommend.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-recommend-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const MiB = 2 ** 20;
const START = Date.UTC(2026, 0, 5);

function traceFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function twoContainers(minutes: number): string[] {
  const lines: string[] = [];
  for (let m = 0; m < minutes; m++) {
    for (const [name, cpu] of [['web', 0.2], ['api', 0.45]] as const) {
      lines.push(
        formatTraceLine({ container: `shop/Deployment/${name}/app`, t: START + m * 60_000, cpu, mem: 100 * MiB, cpuRequest: 1, cpuLimit: 2, memRequest: 512 * MiB, memLimit: 1024 * MiB, throttled: 0, oom: false }),
      );
    }
  }
  return lines;
}

describe('recommend --trace', () => {
  it('prints one object per container, in cores and bytes, with the evidence', async () => {
    const file = traceFile('ok.jsonl', twoContainers(3 * 1440));
    const recs = await traceMode(file, START + 2 * 86_400_000);
    expect(recs.map((r) => r.container)).toEqual(['shop/Deployment/web/app', 'shop/Deployment/api/app']);
    const web = toJson(recs[0]!);
    expect(web).toMatchObject({ container: 'shop/Deployment/web/app', cpuLimit: expect.any(Number), memLimit: expect.any(Number) });
    expect(web.cpuRequest).toBeGreaterThanOrEqual(0.2);
    expect(web.cpuRequest).toBeLessThan(0.21);
    expect(web.evidence.coverage.minutes).toBe(2 * 1440);
    expect(Object.keys(web).slice(0, 5)).toEqual(['container', 'cpuRequest', 'cpuLimit', 'memRequest', 'memLimit']);
  });

  it('names the file and the line of a malformed sample, and the fix', async () => {
    const lines = twoContainers(10);
    lines.splice(6, 0, '{"container":"shop/Deployment/web/app","t":"2026-01-05T00:03:30Z","cpu":"lots","mem":1}');
    const file = traceFile('bad.jsonl', lines);
    const err = await traceMode(file, Infinity).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as Error).message).toBe(`${file}: line 7: "cpu" must be a number ≥ 0 (cores) or null, not "lots"`);
  });

  it('says which file it cannot read', async () => {
    const err = await traceMode(path.join(dir, 'missing.jsonl')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as Error).message).toMatch(/^Cannot read the trace .*missing\.jsonl: ENOENT.*Check the path\.$/);
  });
});
