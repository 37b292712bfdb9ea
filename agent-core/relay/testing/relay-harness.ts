import { enrol } from '../../gateway/enrolment.ts';
import { startGateway, type Gateway } from '../../gateway/gateway-server.ts';
import type { ConnectionFile } from '../connection-file.ts';
import { Relay, type RelayOptions } from '../relay.ts';

export const T0 = Date.parse('2026-11-25T00:00:00Z');
export const MINUTE = 60_000;

/** One simulated clock for the gateway and the agent, and a gateway that can be stopped and restarted on its port. */
export class RelayHarness {
  clock = T0;
  gateway: Gateway | undefined;
  port = 0;
  connection!: ConnectionFile;
  readonly relays: Relay[] = [];

  constructor(
    readonly gatewayDir: string,
    readonly agentDir: string,
  ) {}

  readonly now = () => this.clock;

  async startGateway(): Promise<Gateway> {
    this.gateway = await startGateway({ port: this.port, dataDir: this.gatewayDir, now: this.now, pingIntervalMs: 200, readDeadlineMs: 2000 });
    this.port = this.gateway.port;
    return this.gateway;
  }

  async stopGateway(): Promise<void> {
    await this.gateway?.close();
    this.gateway = undefined;
  }

  async enrolAndStart(): Promise<Gateway> {
    const gateway = await this.startGateway();
    this.connection = enrol(gateway.store, { accountId: 'acme', name: 'prod', gatewayUrl: gateway.url, now: this.clock });
    return gateway;
  }

  relay(extra: Partial<RelayOptions> = {}): Relay {
    const relay = new Relay({
      connection: this.connection,
      dataDir: this.agentDir,
      now: this.now,
      backoff: { baseMs: 20, capMs: 150, stableMs: 1000 },
      keepalive: { pingIntervalMs: 200, readDeadlineMs: 2000 },
      ...extra,
    });
    this.relays.push(relay);
    return relay.start();
  }

  /** What the running gateway stored for this harness's cluster, in seq order; only `kind` when given. */
  storedPackets(kind?: string) {
    return this.gateway!.store.packets({ clusterId: this.connection.clusterId, ...(kind ? { kind } : {}), limit: 10_000 });
  }

  async closeAll(): Promise<void> {
    for (const r of this.relays) await r.close();
    await this.stopGateway();
  }
}
