import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { enrol } from '../../gateway/enrolment.ts';
import { GatewayStore } from '../../gateway/gateway-store.ts';
import { ADMIN_TOKEN_FILE, startGateway } from '../../gateway/gateway-server.ts';
import { UserFacingError } from '../../kube/user-facing-error.ts';
import type { GatewayEvent } from '../../gateway/agent-session.ts';
import { writeConnectionFile } from '../../relay/connection-file.ts';
import { closeCodeName } from '../../relay/protocol.ts';
import { defaultDataDir } from '../../store/index.ts';
import { integerInRange } from '../option-parsers.ts';
import { untilTerminated } from '../until-terminated.ts';

export const DEFAULT_GATEWAY_PORT = 8099;
/** What agents should dial, remembered by `gateway` so that `gateway enroll` can put it in connection files. */
const PUBLIC_URL_FILE = 'public-url';
const defaultGatewayDir = () => path.join(defaultDataDir(), 'gateway');

/** Connections and refusals, for whoever runs the gateway (packets are too many to log one by one). */
function logGatewayEvent(event: GatewayEvent): void {
  const line =
    event.type === 'authenticated'
      ? `cluster ${event.clusterId} connected`
      : event.type === 'refused'
        ? `refused ${event.clusterId ? `cluster ${event.clusterId}` : 'a connection'}: ${closeCodeName(event.code) ?? event.code}: ${event.reason}`
        : event.type === 'throttled'
          ? `turned ${event.address} away for ${Math.ceil(event.retryAfterMs / 1000)} s: too many failed authentications from it`
          : undefined;
  if (line) process.stderr.write(`${new Date().toISOString()} ${line}\n`);
}

export function registerGateway(program: Command): void {
  const gateway = program.command('gateway').description('The reference gateway agents relay to: `gateway [serve] --port P --data-dir D` runs it, `gateway enroll` adds a cluster');
  gateway
    .command('serve', { isDefault: true })
    .description('Run the reference gateway (SQLite in --data-dir) until SIGINT or SIGTERM')
    .option('--port <n>', 'port to listen on', integerInRange('--port', 0, 65535), DEFAULT_GATEWAY_PORT)
    .option('--host <address>', 'address to listen on (0.0.0.0 for agents on other machines)', '127.0.0.1')
    .option('--data-dir <dir>', "the gateway's folder: gateway.sqlite and the admin token", defaultGatewayDir())
    .option('--url <ws-url>', 'the address agents dial, if not ws://host:port (e.g. wss://gateway.example.com behind a TLS proxy)')
    .action(async (opts: { port: number; host: string; dataDir: string; url?: string }) => {
      const terminated = untilTerminated();
      const gw = await startGateway({ port: opts.port, host: opts.host, dataDir: opts.dataDir, onEvent: logGatewayEvent }).catch((err: unknown) => {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserFacingError('port-in-use', `port ${opts.port} is in use on ${opts.host}: choose another with --port.`);
        throw err;
      });
      const publicUrl = opts.url ?? gw.url;
      fs.writeFileSync(path.join(opts.dataDir, PUBLIC_URL_FILE), `${publicUrl}\n`);
      process.stderr.write(
        `gateway: agents dial ${publicUrl}/relay; read API ${gw.httpUrl}/api/clusters (Authorization: Bearer <${path.join(opts.dataDir, ADMIN_TOKEN_FILE)}>); store ${gw.store.file}\n`,
      );
      process.stdout.write(`${publicUrl}\n`);
      const signal = await terminated;
      process.stderr.write(`${signal}: stopping the gateway\n`);
      await gw.close();
    });

  gateway
    .command('enroll')
    .description('Enrol a cluster: writes a connection file (gateway URL, account id, cluster id, secret) for its agent; unused, it expires after 4 hours')
    .requiredOption('--account <id>', 'the account (team) the cluster belongs to')
    .requiredOption('--name <name>', "the cluster's name as people know it")
    .requiredOption('--out <file>', 'where to write the connection file (owner-only: it holds the secret)')
    .option('--data-dir <dir>', "the gateway's folder", defaultGatewayDir())
    .option('--url <ws-url>', 'the address agents dial (default: what the gateway last ran with)')
    .action((opts: { account: string; name: string; out: string; dataDir: string; url?: string }) => {
      let url = opts.url;
      if (!url) {
        try {
          url = fs.readFileSync(path.join(opts.dataDir, PUBLIC_URL_FILE), 'utf8').trim();
        } catch {
          throw new UserFacingError('gateway-url-unknown', `No gateway has run with --data-dir ${opts.dataDir} yet, so its address is unknown: pass --url ws://HOST:PORT (or wss://…).`);
        }
      }
      const store = new GatewayStore(opts.dataDir);
      try {
        const connection = enrol(store, { accountId: opts.account, name: opts.name, gatewayUrl: url });
        writeConnectionFile(opts.out, connection);
        process.stderr.write(`enrolled ${opts.name} (cluster ${connection.clusterId}) for account ${connection.accountId}; connection file ${opts.out}. Use it within 4 hours: cluster-insight agent --connection-file ${opts.out}\n`);
        process.stdout.write(`${connection.clusterId}\n`);
      } finally {
        store.close();
      }
    });

  gateway
    .command('revoke')
    .description("Revoke a cluster's enrolment: its agent is refused from its next connection on (enrol again to replace it)")
    .requiredOption('--cluster-id <id>', 'the cluster id (in its connection file, and in GET /api/clusters)')
    .option('--data-dir <dir>', "the gateway's folder", defaultGatewayDir())
    .action((opts: { clusterId: string; dataDir: string }) => {
      const store = new GatewayStore(opts.dataDir);
      try {
        if (!store.enrolment(opts.clusterId)) throw new UserFacingError('no-enrolment', `No enrolment ${opts.clusterId} in ${store.file}: GET /api/clusters lists them.`);
        const revoked = store.revoke(opts.clusterId, Date.now());
        process.stderr.write(revoked ? `revoked ${opts.clusterId}; a running gateway refuses it from the agent's next connection\n` : `${opts.clusterId} was already revoked\n`);
      } finally {
        store.close();
      }
    });
}
