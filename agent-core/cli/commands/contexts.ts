import type { Command } from 'commander';
import { listContexts, type ContextSummary } from '../../kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../../kube/kubeconfig-files.ts';

function formatTable(rows: ContextSummary[]): string {
  const header = ['CURRENT', 'NAME', 'CLUSTER', 'USER', 'NAMESPACE', 'SERVER'];
  const cells = rows.map((r) => [r.current ? '*' : '', r.name, r.cluster, r.user, r.namespace ?? '', r.server ?? '(no such cluster)']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [header, ...cells].map((line) => line.map((cell, i) => cell.padEnd(widths[i]!)).join('   ').trimEnd()).join('\n') + '\n';
}

export function registerContexts(program: Command): void {
  program
    .command('contexts')
    .description('List the contexts of your kubeconfig files, merged and ordered as `kubectl config get-contexts` does')
    .option('--kubeconfig <paths>', 'kubeconfig files to read (a list like KUBECONFIG); default: $KUBECONFIG, else ~/.kube/config')
    .option('--json', 'print a JSON array of {name, cluster, user, namespace, server, current}')
    .action((opts: { kubeconfig?: string; json?: boolean }) => {
      const rows = listContexts(loadKubeconfig({ kubeconfig: opts.kubeconfig }));
      process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatTable(rows));
    });
}
