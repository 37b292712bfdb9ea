import type { Command } from 'commander';
import type { KubeConfig } from '@kubernetes/client-node';
import { errorTargetOf, explainKubeError } from '../kube/explain-error.ts';
import { kubeConfigForContext } from '../kube/kube-client.ts';
import { resolveContext } from '../kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../kube/kubeconfig-files.ts';

export interface ContextOptions {
  context?: string;
  kubeconfig?: string;
}

/** --context and --kubeconfig, worded alike on every command that talks to a cluster. */
export function withContextOptions(command: Command): Command {
  return command
    .option('--context <name>', 'the kubeconfig context (default: the current-context)')
    .option('--kubeconfig <paths>', 'kubeconfig files to read (a list like KUBECONFIG); default: $KUBECONFIG, else ~/.kube/config');
}

/** The API client for the chosen context; kubeconfig and context mistakes throw explained UserFacingErrors. */
export function kubeConfigFromOptions(opts: ContextOptions): { kubeConfig: KubeConfig; context: string; explain: (err: unknown) => Error } {
  const resolved = resolveContext(loadKubeconfig({ kubeconfig: opts.kubeconfig }), opts.context);
  return {
    kubeConfig: kubeConfigForContext(resolved),
    context: resolved.context.name,
    explain: (err) => explainKubeError(err, errorTargetOf(resolved)),
  };
}
