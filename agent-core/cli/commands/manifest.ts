import type { Command } from 'commander';
import { stringify } from 'yaml';
import { agentManifest, DEFAULT_AGENT_IMAGE } from '../../relay/agent-manifest.ts';
import { readConnectionFile } from '../../relay/connection-file.ts';

export function registerManifest(program: Command): void {
  program
    .command('manifest')
    .description('Print the YAML that runs the headless agent inside a cluster, relaying to the gateway of a connection file (kubectl apply -f -)')
    .requiredOption('--connection-file <file>', 'the file `cluster-insight gateway enroll` wrote')
    .option('--namespace <ns>', 'where the agent runs', 'cluster-insight')
    .option('--image <image>', "an image holding this project's CLI as its entrypoint", DEFAULT_AGENT_IMAGE)
    .option('--allow-remote-apply', "let the gateway's actions be applied (adds patch on workload kinds to the ClusterRole)")
    .option('--hash-names', 'privacy: relay HMACs of names instead of names')
    .action((opts: { connectionFile: string; namespace: string; image: string; allowRemoteApply?: boolean; hashNames?: boolean }) => {
      const connection = readConnectionFile(opts.connectionFile);
      const docs = agentManifest({ connection, namespace: opts.namespace, image: opts.image, allowRemoteApply: opts.allowRemoteApply, hashNames: opts.hashNames });
      process.stdout.write(`# The Secret below holds this cluster's relay secret: do not commit this output.\n${docs.map((d) => stringify(d)).join('---\n')}`);
    });
}
