import { containerKey } from './container-key.ts';
import { bodyText, describeBodyStart } from './body-text.ts';
import { ENDPOINT_NAMES, KubeletDataError } from './metrics-problem.ts';
import { ProblemLog } from './problem-log.ts';
import { cpuSampleOf, InvalidTimeError, memorySampleOf, optionalTime } from './summary-stats-to-samples.ts';
import { containerSchema, describeIssues, nodeStatsSchema, podSchema, summarySchema } from './summary-schema.ts';
import type { NodeSummary, SummaryContainer, SummaryNodeStats } from './summary-samples.ts';

const ENDPOINT = ENDPOINT_NAMES.summary;

/**
 * Reads one node's Summary API answer. Throws a KubeletDataError when the answer as a whole is unusable;
 * a malformed pod or container is skipped and listed in `problems`, the others kept.
 */
export function parseSummary(node: string, body: string | Buffer): NodeSummary {
  const text = bodyText(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new KubeletDataError(node, 'summary', `Node "${node}": the ${ENDPOINT} answer is not JSON (${reason}); ${describeBodyStart(text)}.`, {
      cause: error,
    });
  }
  const top = summarySchema.safeParse(json);
  if (!top.success) {
    throw new KubeletDataError(node, 'summary', `Node "${node}": the ${ENDPOINT} answer is not a summary: ${describeIssues(top.error)}.`);
  }

  const log = new ProblemLog(node);
  const nodeStats = readNodeStats(node, top.data.node, log);
  const containers = new Map<string, SummaryContainer>();
  (top.data.pods ?? []).forEach((rawPod, podIndex) => {
    for (const container of readPodContainers(node, rawPod, podIndex, log)) keepNewest(node, containers, container, log);
  });
  return { node, nodeStats, containers: [...containers.values()], problems: log.problems() };
}

function readNodeStats(node: string, raw: unknown, log: ProblemLog): SummaryNodeStats | null {
  if (raw === undefined || raw === null) {
    log.add('malformed-entry', null, `Node "${node}": the ${ENDPOINT} answer has no node section; node totals are unavailable.`);
    return null;
  }
  const parsed = nodeStatsSchema.safeParse(raw);
  const skip = (what: string): null => {
    log.add('malformed-entry', null, `Node "${node}": the ${ENDPOINT} node section is malformed (${what}); node totals skipped.`);
    return null;
  };
  if (!parsed.success) return skip(describeIssues(parsed.error));
  const { nodeName = null, startTime, cpu, memory } = parsed.data;
  if (nodeName !== null && nodeName !== node) log.add('node-mismatch', null, `Node "${node}": the ${ENDPOINT} answer is for node "${nodeName}".`);
  try {
    return { nodeName, startTime: optionalTime(startTime, 'startTime'), cpu: cpuSampleOf(cpu, 'cpu'), memory: memorySampleOf(memory, 'memory') };
  } catch (error) {
    if (error instanceof InvalidTimeError) return skip(error.message);
    throw error;
  }
}

function readPodContainers(node: string, rawPod: unknown, podIndex: number, log: ProblemLog): SummaryContainer[] {
  const pod = podSchema.safeParse(rawPod);
  if (!pod.success) {
    const subject = podNameOf(rawPod);
    log.add(
      'malformed-entry',
      subject,
      `Node "${node}": ${ENDPOINT} pod #${podIndex}${subject ? ` (${subject})` : ''} is malformed (${describeIssues(pod.error)}); pod skipped.`,
    );
    return [];
  }
  const { name: podName, namespace } = pod.data.podRef;
  const podUid = pod.data.podRef.uid || null;
  const containers: SummaryContainer[] = [];
  (pod.data.containers ?? []).forEach((rawContainer, containerIndex) => {
    const skip = (what: string): void => {
      const subject = `${namespace}/${podName}`;
      log.add('malformed-entry', subject, `Node "${node}": ${ENDPOINT} pod ${subject}, container #${containerIndex} is malformed (${what}); container skipped.`);
    };
    const parsed = containerSchema.safeParse(rawContainer);
    if (!parsed.success) return skip(describeIssues(parsed.error));
    const { name, startTime, cpu, memory } = parsed.data;
    try {
      containers.push({
        namespace,
        pod: podName,
        podUid,
        container: name,
        startTime: optionalTime(startTime, 'startTime'),
        cpu: cpuSampleOf(cpu, 'cpu'),
        memory: memorySampleOf(memory, 'memory'),
      });
    } catch (error) {
      if (error instanceof InvalidTimeError) return skip(error.message);
      throw error;
    }
  });
  return containers;
}

// Two entries for one name happen when a pod is recreated under the same name (StatefulSet, static pod) and
// the kubelet still reports the old one: the newer incarnation is the one that keeps running.
function keepNewest(node: string, containers: Map<string, SummaryContainer>, candidate: SummaryContainer, log: ProblemLog): void {
  const key = containerKey(candidate);
  const existing = containers.get(key);
  if (existing === undefined) {
    containers.set(key, candidate);
    return;
  }
  log.add('duplicate-container', key, `Node "${node}": the ${ENDPOINT} lists ${key} twice; the most recently started one is kept.`);
  if ((candidate.startTime?.ns ?? -1n) > (existing.startTime?.ns ?? -1n)) containers.set(key, candidate);
}

function podNameOf(rawPod: unknown): string | null {
  if (typeof rawPod !== 'object' || rawPod === null) return null;
  const podRef: unknown = (rawPod as { podRef?: unknown }).podRef;
  if (typeof podRef !== 'object' || podRef === null) return null;
  const { namespace, name } = podRef as { namespace?: unknown; name?: unknown };
  return typeof namespace === 'string' && typeof name === 'string' ? `${namespace}/${name}` : null;
}
