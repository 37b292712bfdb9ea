// The simulated cluster's memory at benchmark size: `cluster-insight sim` started as a user would (API server,
// controllers and every simulated kubelet in one process), measured once ready. Beside it, what the real control
// plane's processes (etcd, kube-apiserver, controller-manager, scheduler) hold for the same nodes and pods.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sleep } from './measure.ts';

const CLI = path.resolve(import.meta.dirname, '../bin/cluster-insight.js');

export interface SimulatorRssResult {
  nodes: number;
  pods: number;
  readyMs: number;
  rssBytes: number;
  peakRssBytes: number;
}

/** VmRSS and VmHWM of a process (Linux), in bytes. */
export function processMemory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

export async function benchSimulatorRss(opts: { nodes: number; pods: number; dir: string; log: (line: string) => void }): Promise<SimulatorRssResult> {
  const out = path.join(opts.dir, 'sim-kubeconfig');
  opts.log(`sim: cluster-insight sim --nodes ${opts.nodes} --pods ${opts.pods}`);
  const began = Date.now();
  const child = spawn(process.execPath, [CLI, 'sim', '--nodes', String(opts.nodes), '--pods', String(opts.pods), '--speed', '60', '--kubeconfig-out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  try {
    while (!fs.existsSync(out)) {
      if (child.exitCode !== null) throw new Error(`cluster-insight sim exited (${child.exitCode}):\n${stderr}`);
      if (Date.now() - began > 300_000) throw new Error(`cluster-insight sim not ready within 300 s:\n${stderr}`);
      await sleep(200);
    }
    const readyMs = Date.now() - began;
    // A minute of simulated time at 60×: kubelets report, controllers settle.
    await sleep(5_000);
    const { rss, peak } = processMemory(child.pid!);
    opts.log(`sim: ready after ${(readyMs / 1000).toFixed(1)} s, RSS ${(rss / 2 ** 20).toFixed(0)} MB`);
    return { nodes: opts.nodes, pods: opts.pods, readyMs, rssBytes: rss, peakRssBytes: peak };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
