import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format';
import { bodyText, describeBodyStart } from './body-text.ts';
import { CADVISOR_FAMILIES, CADVISOR_FAMILY_NAMES } from './cadvisor-families.ts';
import type { NodeCadvisor, PromSample } from './cadvisor-samples.ts';
import { CadvisorSeriesCollector } from './cadvisor-series-collector.ts';
import { containerKey, type ContainerRef } from './container-key.ts';
import { familyLineFilter } from './family-line-filter.ts';
import { ENDPOINT_NAMES, KubeletDataError } from './metrics-problem.ts';
import { ProblemLog } from './problem-log.ts';

const ENDPOINT = ENDPOINT_NAMES.cadvisor;
const SHOWN_LINE_LENGTH = 160;
const keepCadvisorFamilyLines = familyLineFilter(CADVISOR_FAMILY_NAMES);

/** The pod cgroup (container="") and the sandbox (container="POD") are not containers anyone configured. */
const NOT_A_CONTAINER = new Set(['', 'POD']);

/**
 * Reads the CPU usage, CFS throttling and CPU quota series of one node's cAdvisor answer, per container.
 * Throws a KubeletDataError when the answer is not Prometheus text at all; a line or sample that cannot be
 * read is skipped and listed in `problems`, the others kept.
 */
export function parseCadvisor(node: string, body: string | Buffer): NodeCadvisor {
  const text = bodyText(body);
  assertPrometheusText(node, text);
  const log = new ProblemLog(node);
  const collector = new CadvisorSeriesCollector(node, log);
  for (const family of parseFamilies(node, keepCadvisorFamilyLines(text), log)) {
    const field = CADVISOR_FAMILIES.get(family.name);
    if (field === undefined) continue;
    for (const sample of family.metrics) {
      const ref = containerRefOf(sample, family.name);
      if (ref === null) continue;
      const read = readSample(sample);
      if (typeof read === 'string') {
        const key = containerKey(ref);
        log.add('malformed-entry', key, `Node "${node}": ${ENDPOINT} ${family.name} for ${key}: ${read}; sample skipped.`);
        continue;
      }
      collector.add(ref, sample.labels?.id ?? null, field, read);
    }
  }
  return { node, containers: collector.containers(), problems: log.problems() };
}

// A proxy or an API server in trouble answers with an HTML page or a JSON Status, not with metrics.
function assertPrometheusText(node: string, text: string): void {
  const start = text.trimStart();
  if (start.length === 0 || start.startsWith('<') || start.startsWith('{')) {
    throw new KubeletDataError(node, 'cadvisor', `Node "${node}": the ${ENDPOINT} answer is not Prometheus text; ${describeBodyStart(text)}.`);
  }
}

// The parser gives up on the whole text at the first line it cannot read. That is rare, so the fast path parses
// everything at once and only a failure pays for going line by line to keep every readable line.
function parseFamilies(node: string, text: string, log: ProblemLog): PrometheusFamily[] {
  try {
    return parsePrometheusTextFormat(text);
  } catch {
    return parseLineByLine(node, text, log);
  }
}

function parseLineByLine(node: string, text: string, log: ProblemLog): PrometheusFamily[] {
  const families: PrometheusFamily[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      families.push(...parsePrometheusTextFormat(`${line}\n`));
    } catch {
      log.add('malformed-entry', null, `Node "${node}": the ${ENDPOINT} line ${JSON.stringify(shorten(line))} is not valid Prometheus text; line skipped.`);
    }
  }
  return families;
}

/**
 * The container a sample is about, or null for series that are not a container's (system cgroups, pod cgroups,
 * sandboxes, per-CPU usage). Kubernetes before 1.16 named the labels container_name and pod_name; the Magalix
 * agent read only those and so saw no throttling on any later cluster.
 */
function containerRefOf(sample: PrometheusSample, family: string): ContainerRef | null {
  const labels = sample.labels;
  if (labels === undefined) return null;
  const namespace = labels.namespace;
  const pod = labels.pod ?? labels.pod_name;
  const container = labels.container ?? labels.container_name;
  if (!namespace || !pod || container === undefined || NOT_A_CONTAINER.has(container)) return null;
  // Older cAdvisors also export one usage series per CPU next to cpu="total".
  if (family === 'container_cpu_usage_seconds_total' && labels.cpu !== undefined && labels.cpu !== 'total') return null;
  return { namespace, pod, container };
}

/** The sample's value and timestamp, or why it cannot be used. */
function readSample(sample: PrometheusSample): PromSample | string {
  const valueText = sample.value;
  if (valueText === undefined || valueText === '') return 'the sample has no value';
  const value = Number(valueText);
  if (!Number.isFinite(value)) return `the value ${JSON.stringify(valueText)} is not a finite number`;
  if (sample.timestamp_ms === undefined) return { value, timestampMs: null };
  const timestampMs = Number(sample.timestamp_ms);
  if (!Number.isSafeInteger(timestampMs)) return `the timestamp ${JSON.stringify(sample.timestamp_ms)} is not whole milliseconds`;
  return { value, timestampMs };
}

function shorten(line: string): string {
  return line.length > SHOWN_LINE_LENGTH ? `${line.slice(0, SHOWN_LINE_LENGTH)}…` : line;
}
