import type { Command } from 'commander';
import { DEFAULT_EXEC_TIMEOUT_MS } from '../../kube/kube-client.ts';
import { DEFAULT_PROBE_TIMEOUT_MS, probe, type ProbeResult } from '../../kube/probe.ts';
import { positiveNumber } from '../option-parsers.ts';

function formatIdentity(result: ProbeResult): string {
  if (result.identity) {
    const groups = result.identity.groups.length > 0 ? ` (groups: ${result.identity.groups.join(', ')})` : '';
    return `${result.identity.username}${groups}, from SelfSubjectReview`;
  }
  if (result.error) return 'unknown (the probe failed first)';
  return 'unknown: the server did not say who you are (SelfSubjectReview needs Kubernetes 1.28, or 1.27 with beta APIs on)';
}

function formatText(result: ProbeResult): string {
  return [
    `context:   ${result.context}`,
    `server:    ${result.server}`,
    `reachable: ${result.reachable ? 'yes' : 'no'}`,
    `version:   ${result.version ?? 'unknown'}`,
    `identity:  ${formatIdentity(result)}`,
  ].join('\n');
}

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('Check that a context works: can we reach its server, which Kubernetes version is it, and who does it say we are')
    .option('--context <name>', 'the kubeconfig context to probe (default: the current-context)')
    .option('--kubeconfig <paths>', 'kubeconfig files to read (a list like KUBECONFIG); default: $KUBECONFIG, else ~/.kube/config')
    .option('--timeout <seconds>', 'give up on a request after this long', positiveNumber('--timeout'), DEFAULT_PROBE_TIMEOUT_MS / 1000)
    .option('--exec-timeout <seconds>', 'give up on an exec credential plugin after this long', positiveNumber('--exec-timeout'), DEFAULT_EXEC_TIMEOUT_MS / 1000)
    .option('--json', 'print {context, server, reachable, version?, identity, identitySource, error?}')
    .action(async (opts: { context?: string; kubeconfig?: string; timeout: number; execTimeout: number; json?: boolean }) => {
      const result = await probe({
        kubeconfig: opts.kubeconfig,
        context: opts.context,
        timeoutMs: opts.timeout * 1000,
        execTimeoutMs: opts.execTimeout * 1000,
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`${formatText(result)}\n`);
      if (result.error) {
        if (!opts.json) process.stderr.write(`error: ${result.error.message}\n`);
        // Unreachable, refused or unauthorised: 1. Bad kubeconfig or context (thrown as UserFacingError): 2.
        process.exitCode = 1;
      }
    });
}
