import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { observeApiExchanges, startApiExchange } from '../kube/api-exchange-observer.ts';
import { logApiExchanges } from './api-exchange-log.ts';
import { openAgentLog, rotatedLogName } from './agent-log.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-agentlog-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('agent.log', () => {
  it('writes JSON lines to agent.log and redacts credentials', async () => {
    const dir = tempDir();
    const log = openAgentLog({ dir });
    log.logger.info({ token: 'abc123', user: { token: 'xyz', name: 'me' } }, 'hello');
    await log.close();
    expect(log.file).toBe(path.join(dir, 'agent.log'));
    const [entry] = lines(log.file);
    expect(entry).toMatchObject({ msg: 'hello', token: '[redacted]', user: { token: '[redacted]', name: 'me' } });
    expect(fs.readFileSync(log.file, 'utf8')).not.toContain('abc123');
  });

  it('at local midnight moves the day to agent-YYYY-MM-DD.log, and keeps only the retention\'s number of days', async () => {
    // rotating-file-stream waits on real timers (node:timers) for a boundary computed from Date: the clock is set to
    // just before each midnight and runs on in real time, so each day's rotation comes within a second or two.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      const dir = tempDir();
      const dayFiles = () => fs.readdirSync(dir).filter((f) => /^agent-.*\.log$/.test(f)).sort();
      for (const [day, expected] of [
        [22, ['agent-2026-11-22.log']],
        [23, ['agent-2026-11-22.log', 'agent-2026-11-23.log']],
        // Two days kept: the 22nd goes.
        [24, ['agent-2026-11-23.log', 'agent-2026-11-24.log']],
      ] as const) {
        vi.setSystemTime(new Date(2026, 10, day, 23, 59, 59, 200));
        const log = openAgentLog({ dir, retentionDays: 2 });
        log.logger.info({ day }, 'before midnight');
        await vi.waitFor(() => expect(dayFiles()).toEqual(expected), { timeout: 5_000, interval: 100 });
        log.logger.info({ day: day + 1 }, 'after midnight');
        await log.close();
      }
      // The 24th: the line after the 23rd's midnight, then the one before its own.
      expect(lines(path.join(dir, 'agent-2026-11-24.log')).map((l) => [l.day, l.msg])).toEqual([
        [24, 'after midnight'],
        [24, 'before midnight'],
      ]);
      expect(lines(path.join(dir, 'agent.log')).map((l) => l.day)).toEqual([25]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('names rotated days by date', () => {
    expect(rotatedLogName(null)).toBe('agent.log');
    expect(rotatedLogName(new Date(2026, 10, 24, 12))).toBe('agent-2026-11-24.log');
    expect(rotatedLogName(new Date(2026, 10, 24, 12), 2)).toBe('agent-2026-11-24.2.log');
  });

  it('in verbose mode logs every API exchange with method, path, status and duration only', async () => {
    const dir = tempDir();
    const log = openAgentLog({ dir, verbose: true });
    const kc = new KubeConfig();
    const stop = logApiExchanges(kc, log.logger);
    startApiExchange(kc, 'GET', '/api/v1/pods?limit=500')(200);
    startApiExchange(kc, 'GET', '/api/v1/nodes/n1/proxy/stats/summary')(0, 'connect ECONNREFUSED');
    stop();
    startApiExchange(kc, 'GET', '/after-unsubscribe')(200);
    await log.close();
    const api = lines(log.file).filter((l) => l.msg === 'kube-api');
    expect(api).toHaveLength(2);
    expect(api[0]).toMatchObject({ method: 'GET', path: '/api/v1/pods?limit=500', status: 200 });
    expect(typeof api[0]!.durationMs).toBe('number');
    expect(api[1]).toMatchObject({ status: 0, error: 'connect ECONNREFUSED' });
    expect(Object.keys(api[0]!).sort()).toEqual(['durationMs', 'level', 'method', 'msg', 'name', 'path', 'pid', 'status', 'time']);
  });

  it('does not log API exchanges unless verbose', async () => {
    const dir = tempDir();
    const log = openAgentLog({ dir });
    const kc = new KubeConfig();
    logApiExchanges(kc, log.logger);
    startApiExchange(kc, 'GET', '/api')(200);
    log.logger.info('x');
    await log.close();
    expect(lines(log.file).filter((l) => l.msg === 'kube-api')).toHaveLength(0);
  });

  it('observers are per KubeConfig', () => {
    const a = new KubeConfig();
    const b = new KubeConfig();
    const seen: string[] = [];
    observeApiExchanges(a, (e) => seen.push(e.path));
    startApiExchange(b, 'GET', '/b')(200);
    startApiExchange(a, 'GET', '/a')(200);
    expect(seen).toEqual(['/a']);
  });
});
