// Replaying a one-hour backlog over loopback: `npx tsx agent-core/relay/testing/backlog-replay-bench.ts [containers]`
// (default 30,000; the goal is ≤ 30 s). 60 minute packets are written while the gateway is down, then the
// gateway starts and the time until every packet is acked is measured. bench/run.ts can call benchBacklogReplay.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { METRICS_COLUMNS } from '../metrics-packets.ts';
import { MINUTE, RelayHarness, T0 } from './relay-harness.ts';

export interface BacklogReplayResult {
  containers: number;
  packets: number;
  /** Bytes of JSON in the outbox. */
  bytes: number;
  writeMs: number;
  replayMs: number;
  /** The floor of any JSON transport, for reference: stringifying and parsing the same bodies once each. */
  jsonRoundTripMs: number;
}

export async function benchBacklogReplay(containers = 30_000, minutes = 60): Promise<BacklogReplayResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-relay-bench-'));
  const h = new RelayHarness(path.join(root, 'gateway'), path.join(root, 'agent'));
  try {
    await h.enrolAndStart();
    await h.stopGateway();
    const relay = h.relay({ backoff: { baseMs: 20, capMs: 50 } });
    let bytes = 0;
    let jsonRoundTripMs = 0;
    const began = performance.now();
    for (let m = 0; m < minutes; m++) {
      h.clock = T0 + m * MINUTE;
      const rows = Array.from({ length: containers }, (_, i) => [
        `ns-${i % 50}/pod-${i}-7d9f8b6c5-x${i % 97}/app`,
        `0b8f0a2e-${String(i).padStart(4, '0')}-4c1e-9a55-6a2f1c3b7d90`,
        ((i * 7 + m) % 900) / 1000,
        200_000_000 + i * 1024,
        150_000_000 + i * 512,
        (i % 10) / 100,
        0.25,
        0.5,
        268_435_456,
        536_870_912,
      ]);
      const body = { t: h.clock, columns: METRICS_COLUMNS, rows };
      const roundTrip = performance.now();
      const text = JSON.stringify(body);
      JSON.parse(text);
      jsonRoundTripMs += performance.now() - roundTrip;
      bytes += text.length;
      relay.send('metrics', body);
    }
    const writeMs = performance.now() - began - jsonRoundTripMs;
    h.clock = T0 + minutes * MINUTE;
    const start = performance.now();
    await h.startGateway();
    while (relay.report().backlog.count > 0) await new Promise((r) => setTimeout(r, 20));
    const replayMs = performance.now() - start;
    return { containers, packets: minutes, bytes, writeMs, replayMs, jsonRoundTripMs };
  } finally {
    await h.closeAll();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const containers = Number(process.argv[2] ?? 30_000);
  const r = await benchBacklogReplay(containers);
  process.stdout.write(
    `backlog replay: ${r.packets} minute packets × ${r.containers} containers (${(r.bytes / 1e6).toFixed(0)} MB JSON): written in ${(r.writeMs / 1000).toFixed(1)} s, replayed and acked in ${(r.replayMs / 1000).toFixed(1)} s (goal ≤ 30 s)\n`,
  );
}
