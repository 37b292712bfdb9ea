// Figure 1 (and the first half of 2): a full inventory sync against kubectl listing the same collections on the
// same API server, and against JSON.parse of the bytes kubectl receives. Runs alternate, so that background load
// falls on both alike.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { kubectlBinary } from '../test/kubectl.ts';
import { runChild } from './child-process.ts';
import type { InventorySyncInput, ParseFloorResult, SyncResult } from './inventory-sync.child.ts';
import { INVENTORY_KINDS, KUBECTL_KINDS, listPath } from './list-paths.ts';
import { median } from './measure.ts';

export interface KubectlRun {
  wallMs: number;
  stdoutBytes: number;
}

export interface InventorySyncResult {
  kubectlBinary: string;
  /** `kubectl get pods,deploy,rs,sts,ds,jobs,cronjobs -A -o json` */
  kubectl: KubectlRun[];
  /** The same with every kind the inventory lists. */
  kubectlAllKinds: KubectlRun[];
  syncs: SyncResult[];
  parseFloor: ParseFloorResult;
  /** Sums over the kubectl kinds, and over every inventory kind. */
  parseFloorMs: { kubectlKinds: number; inventoryKinds: number };
  rawBytes: { kubectlKinds: number; inventoryKinds: number };
  medians: { syncMs: number; kubectlMs: number; kubectlAllKindsMs: number };
}

function runKubectl(binary: string, args: string[]): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - began;
      if (code === 0) resolve({ wallMs, stdoutBytes });
      else reject(new Error(`kubectl ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

export async function benchInventorySync(opts: { kubeconfig: string; context: string; cronJobApiVersion: string; repeats: number; log: (line: string) => void }): Promise<InventorySyncResult> {
  const binary = kubectlBinary(31);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-kubectl-cache-'));
  const base = ['--kubeconfig', opts.kubeconfig, '--context', opts.context, '--cache-dir', cacheDir];
  const kubectlArgs = (kinds: readonly string[]) => [...base, 'get', kinds.join(','), '-A', '-o', 'json'];
  try {
    // Fill kubectl's discovery cache first, as a user's kubectl has it.
    await runKubectl(binary, [...base, 'get', 'namespaces']);

    const kubectl: KubectlRun[] = [];
    const kubectlAllKinds: KubectlRun[] = [];
    const syncs: SyncResult[] = [];
    const syncInput: InventorySyncInput = { mode: 'sync', kubeconfig: opts.kubeconfig, context: opts.context };
    for (let r = 0; r < opts.repeats; r++) {
      kubectl.push(await runKubectl(binary, kubectlArgs(KUBECTL_KINDS)));
      kubectlAllKinds.push(await runKubectl(binary, kubectlArgs(INVENTORY_KINDS)));
      syncs.push(await runChild<SyncResult>('inventory-sync.child.ts', syncInput));
      opts.log(
        `  run ${r + 1}/${opts.repeats}: kubectl ${(kubectl[r]!.wallMs / 1000).toFixed(2)} s (${(kubectl[r]!.stdoutBytes / 1e6).toFixed(1)} MB out), ` +
          `kubectl all kinds ${(kubectlAllKinds[r]!.wallMs / 1000).toFixed(2)} s, inventory sync ${(syncs[r]!.wallMs / 1000).toFixed(2)} s ` +
          `(${(syncs[r]!.cpuMs / 1000).toFixed(2)} s CPU, RSS ${(syncs[r]!.rssAfter / 2 ** 20).toFixed(0)} MB)`,
      );
    }

    const paths = Object.fromEntries(INVENTORY_KINDS.map((kind) => [kind, listPath(kind, opts.cronJobApiVersion)]));
    const parseFloor = await runChild<ParseFloorResult>('inventory-sync.child.ts', { mode: 'parse-floor', kubeconfig: opts.kubeconfig, context: opts.context, paths, pageSize: 500, runs: 3 } satisfies InventorySyncInput);
    const sum = (kinds: readonly string[], f: (kind: string) => number) => kinds.reduce((n, kind) => n + f(kind), 0);
    return {
      kubectlBinary: binary,
      kubectl,
      kubectlAllKinds,
      syncs,
      parseFloor,
      parseFloorMs: { kubectlKinds: sum(KUBECTL_KINDS, (k) => parseFloor.parseMs[k]!), inventoryKinds: sum(INVENTORY_KINDS, (k) => parseFloor.parseMs[k]!) },
      rawBytes: { kubectlKinds: sum(KUBECTL_KINDS, (k) => parseFloor.lists[k]!.bytes), inventoryKinds: sum(INVENTORY_KINDS, (k) => parseFloor.lists[k]!.bytes) },
      medians: { syncMs: median(syncs.map((s) => s.wallMs)), kubectlMs: median(kubectl.map((k) => k.wallMs)), kubectlAllKindsMs: median(kubectlAllKinds.map((k) => k.wallMs)) },
    };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}
