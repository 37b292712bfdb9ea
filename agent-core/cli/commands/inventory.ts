import type { Command } from 'commander';
import { startInventory } from '../../inventory/index.ts';
import { kubeConfigFromOptions, withContextOptions, type ContextOptions } from '../context-options.ts';
import { durationMs } from '../duration.ts';

export function registerInventory(program: Command): void {
  withContextOptions(program.command('inventory'))
    .description('List and sync every watched kind once, print the inventory (masked) and exit')
    .option('--json', 'one object per entity: kind, namespace, name, uid, uuid, owner chain, containers with requests and limits')
    .option('--timeout <duration>', 'give up on the initial sync after this long', durationMs('--timeout'), 120_000)
    .action(async (opts: ContextOptions & { json?: boolean; timeout: number }) => {
      const { kubeConfig, explain } = kubeConfigFromOptions(opts);
      const inventory = await startInventory({ kubeConfig }).catch((err: unknown) => {
        throw explain(err);
      });
      try {
        await inventory.waitUntilSettled(opts.timeout);
        for (const c of inventory.capabilities().capabilities) {
          if (c.status !== 'available') process.stderr.write(`permission ${c.status}: ${c.name}: ${c.impact ?? ''}\n`);
        }
        const listed = inventory.toJson();
        if (opts.json) {
          process.stdout.write(JSON.stringify(listed, null, 2) + '\n');
          return;
        }
        process.stdout.write('KIND                    NAMESPACE        NAME                                  CONTROLLER\n');
        for (const e of listed) {
          const controller = e.controller ? `${e.controller.kind}/${e.controller.name}` : '-';
          process.stdout.write(`${e.kind.padEnd(22)}  ${(e.namespace ?? '-').padEnd(15)}  ${e.name.padEnd(36)}  ${controller}\n`);
        }
      } finally {
        await inventory.stop();
      }
    });
}
