// bench/metrics-cycle.child.ts
import fs4 from "node:fs";

// agent-core/contract/quantity.ts
var SUFFIX_FACTOR = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60
};
var QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/;
function parseQuantity(text2) {
  const match = QUANTITY.exec(text2.trim());
  if (!match) return Number.NaN;
  const [, number, exponent, suffix = ""] = match;
  if (exponent) return Number(`${number}${exponent}`);
  const factor = SUFFIX_FACTOR[suffix];
  return factor === void 0 ? Number.NaN : Number(number) * factor;
}
function sameQuantity(a, b) {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a === b;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

// agent-core/collector/inventory-view.ts
var quantity = (text2) => {
  if (text2 === void 0) return null;
  const n = parseQuantity(text2);
  return Number.isNaN(n) ? null : n;
};
var resource = (values2, name) => quantity(values2[name]?.value);
function isReady(node) {
  const status = node.object.status;
  return status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
var InventoryCollectorView = class {
  constructor(inventory) {
    this.inventory = inventory;
  }
  inventory;
  pods = /* @__PURE__ */ new Map();
  scrapeTargets() {
    const entities = this.inventory.entities();
    this.pods = new Map(entities.filter((e) => e.kind === "Pod").map((p) => [`${p.namespace}/${p.name}`, p]));
    return entities.filter((e) => e.kind === "Node" && isReady(e)).map((node) => {
      const status = node.object.status;
      return {
        name: node.name,
        cpuCapacityCores: quantity(status?.capacity?.cpu),
        cpuAllocatableCores: quantity(status?.allocatable?.cpu),
        memAllocatableBytes: quantity(status?.allocatable?.memory)
      };
    });
  }
  containerContext(namespace, pod, container2) {
    const entity = this.pods.get(`${namespace}/${pod}`);
    const view = entity?.containers.find((c) => c.name === container2 && !c.init) ?? entity?.containers.find((c) => c.name === container2);
    if (!entity || !view) return void 0;
    const owner2 = entity.controller;
    return {
      workload: owner2 ? { kind: owner2.kind, namespace, name: owner2.name, uid: owner2.uid } : { kind: "Pod", namespace, name: entity.name, uid: entity.uid },
      settings: {
        cpuRequest: resource(view.requests, "cpu"),
        cpuLimit: resource(view.limits, "cpu"),
        memRequest: resource(view.requests, "memory"),
        memLimit: resource(view.limits, "memory")
      },
      ...view.lastTerminationReason ? { lastTerminationReason: view.lastTerminationReason } : {}
    };
  }
};

// agent-core/collector/bounded-pool.ts
async function forEachBounded(items, concurrency, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch {
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

// agent-core/kube/kube-request.ts
import http from "node:http";
import https from "node:https";

// agent-core/kube/api-exchange-observer.ts
var observers = /* @__PURE__ */ new WeakMap();
function reportApiExchange(kc, exchange) {
  const set = observers.get(kc);
  if (!set) return;
  for (const observer of set) observer(exchange);
}
function startApiExchange(kc, method, path5, watch = false) {
  const started = performance.now();
  return (status, error) => reportApiExchange(kc, { method, path: path5, status, durationMs: Math.round((performance.now() - started) * 10) / 10, ...error ? { error } : {}, ...watch ? { watch } : {} });
}

// agent-core/kube/kube-request.ts
var KubeHttpError = class extends Error {
  constructor(status, method, path5, detail) {
    super(`${method} ${path5}: HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.status = status;
    this.method = method;
    this.path = path5;
    this.detail = detail;
    this.name = "KubeHttpError";
  }
  status;
  method;
  path;
  detail;
};
var RequestTimeoutError = class extends Error {
  constructor(timeoutMs, url) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
    this.url = url;
    this.name = "RequestTimeoutError";
  }
  timeoutMs;
  url;
  code = "ETIMEDOUT";
};
function statusMessage(body) {
  try {
    const status = JSON.parse(body);
    if (typeof status.message === "string") return status.message;
  } catch {
  }
  return body.trim().slice(0, 200);
}
async function kubeRequestBody(kc, request) {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`the KubeConfig has no cluster for context "${kc.getCurrentContext()}"`);
  const method = request.method ?? "GET";
  const body = request.body === void 0 ? void 0 : JSON.stringify(request.body);
  const headers = { Accept: request.accept ?? "application/json", "User-Agent": "cluster-insight" };
  if (body !== void 0) headers["Content-Type"] = "application/json";
  const opts = { method, headers, rejectUnauthorized: !cluster.skipTLSVerify };
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(cluster.server + request.path);
  const transport = url.protocol === "http:" ? http : https;
  const finished = startApiExchange(kc, method, request.path);
  return new Promise((resolve, reject) => {
    const req = transport.request(url, opts, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        finished(status);
        const text2 = Buffer.concat(chunks);
        if (status < 200 || status > 299) reject(new KubeHttpError(status, method, request.path, statusMessage(text2.toString("utf8"))));
        else resolve(text2);
      });
    });
    const timer = setTimeout(() => req.destroy(new RequestTimeoutError(request.timeoutMs, url.origin)), request.timeoutMs);
    req.on("error", (err) => {
      clearTimeout(timer);
      finished(0, err.message);
      reject(err);
    });
    req.end(body);
  });
}
async function kubeRequestJson(kc, request) {
  const body = (await kubeRequestBody(kc, request)).toString("utf8");
  try {
    return JSON.parse(body);
  } catch {
    throw new KubeHttpError(200, request.method ?? "GET", request.path, `not JSON: ${body.trim().slice(0, 200)}`);
  }
}

// agent-core/metrics/container-key.ts
function containerKey(ref) {
  return `${ref.namespace}/${ref.pod}/${ref.container}`;
}

// agent-core/metrics/body-text.ts
import { isAscii } from "node:buffer";
function bodyText(body) {
  if (typeof body === "string") return body;
  return isAscii(body) ? body.toString("ascii") : body.toString("utf8");
}
var PREVIEW_LENGTH = 80;
function describeBodyStart(text2) {
  const start = text2.trimStart();
  if (start.length === 0) return "the body is empty";
  const shown = start.length > PREVIEW_LENGTH ? `${start.slice(0, PREVIEW_LENGTH)}\u2026` : start;
  return `the body begins ${JSON.stringify(shown)}`;
}

// agent-core/kube/user-facing-error.ts
var UserFacingError = class extends Error {
  constructor(code, message, exitCode = 2, options) {
    super(message, options);
    this.code = code;
    this.exitCode = exitCode;
    this.name = "UserFacingError";
  }
  code;
  exitCode;
};

// agent-core/metrics/metrics-problem.ts
var KubeletDataError = class extends UserFacingError {
  constructor(node, endpoint, message, options) {
    super("kubelet-data-malformed", message, 2, options);
    this.node = node;
    this.endpoint = endpoint;
    this.name = "KubeletDataError";
  }
  node;
  endpoint;
};
var ENDPOINT_NAMES = {
  summary: "Summary API (/stats/summary)",
  cadvisor: "cAdvisor metrics (/metrics/cadvisor)"
};

// agent-core/metrics/problem-log.ts
var DEFAULT_LIMIT = 50;
var ProblemLog = class {
  constructor(node, limit = DEFAULT_LIMIT) {
    this.node = node;
    this.limit = limit;
  }
  node;
  limit;
  listed = [];
  omitted = 0;
  add(kind, subject, message) {
    if (this.listed.length < this.limit) this.listed.push({ node: this.node, kind, subject, message });
    else this.omitted += 1;
  }
  /** The problems listed, plus one saying how many more were only counted. */
  problems() {
    if (this.omitted === 0) return [...this.listed];
    const more = {
      node: this.node,
      kind: "more-problems",
      subject: null,
      message: `Node "${this.node}": ${this.omitted} more problems like the ones above were not listed.`
    };
    return [...this.listed, more];
  }
};

// agent-core/metrics/kubelet-time.ts
var NS_PER_MS = 1000000n;
var RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
function parseKubeletTimeNs(text2) {
  const match = RFC3339.exec(text2);
  if (!match) return null;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, offsetSign, offsetHoursText, offsetMinutesText] = match;
  const [year, month, day] = [Number(yearText), Number(monthText), Number(dayText)];
  const [hour, minute, second] = [Number(hourText), Number(minuteText), Number(secondText)];
  const [offsetHours, offsetMinutes] = [Number(offsetHoursText ?? 0), Number(offsetMinutesText ?? 0)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const dayMs = utcDayMs(year, month, day);
  if (dayMs === null) return null;
  const offsetMinutesTotal = (offsetSign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const wholeSecondsMs = dayMs + ((hour * 60 + minute - offsetMinutesTotal) * 60 + second) * 1e3;
  return BigInt(wholeSecondsMs) * NS_PER_MS + (fraction === void 0 ? 0n : BigInt(fraction.padEnd(9, "0")));
}
function utcDayMs(year, month, day) {
  const date = new Date(Date.UTC(2e3, month - 1, day));
  if (year !== 2e3) date.setUTCFullYear(year, month - 1, day);
  return date.getUTCDate() === day ? date.getTime() : null;
}
function parseKubeletTime(text2) {
  const ns = parseKubeletTimeNs(text2);
  return ns === null ? null : { text: text2, ns };
}
function nsFromTimestampMs(timestampMs) {
  return BigInt(timestampMs) * NS_PER_MS;
}

// agent-core/metrics/summary-stats-to-samples.ts
var InvalidTimeError = class extends Error {
  constructor(path5, text2) {
    super(`${path5}: ${JSON.stringify(text2)} is not an RFC 3339 time`);
    this.name = "InvalidTimeError";
  }
};
function optionalTime(text2, path5) {
  if (text2 === null || text2 === void 0) return null;
  const time2 = parseKubeletTime(text2);
  if (time2 === null) throw new InvalidTimeError(path5, text2);
  return time2;
}
function cpuSampleOf(stats, path5) {
  const time2 = optionalTime(stats?.time, `${path5}.time`);
  if (!stats || time2 === null) return null;
  return { time: time2, usageCoreNanoSeconds: stats.usageCoreNanoSeconds ?? null, usageNanoCores: stats.usageNanoCores ?? null };
}
function memorySampleOf(stats, path5) {
  const time2 = optionalTime(stats?.time, `${path5}.time`);
  if (!stats || time2 === null) return null;
  return {
    time: time2,
    workingSetBytes: stats.workingSetBytes ?? null,
    rssBytes: stats.rssBytes ?? null,
    usageBytes: stats.usageBytes ?? null,
    availableBytes: stats.availableBytes ?? null
  };
}

// agent-core/metrics/summary-schema.ts
import { z } from "zod";
var count = z.number().finite().nonnegative().nullish();
var time = z.string().nullish();
var cpuStats = z.object({ time, usageNanoCores: count, usageCoreNanoSeconds: count }).nullish();
var memoryStats = z.object({ time, workingSetBytes: count, rssBytes: count, usageBytes: count, availableBytes: count }).nullish();
var summarySchema = z.object({
  node: z.unknown(),
  pods: z.array(z.unknown()).nullish()
});
var nodeStatsSchema = z.object({
  nodeName: z.string().nullish(),
  startTime: time,
  cpu: cpuStats,
  memory: memoryStats
});
var podSchema = z.object({
  podRef: z.object({
    name: z.string().min(1),
    namespace: z.string().min(1),
    uid: z.string().nullish()
  }),
  containers: z.array(z.unknown()).nullish()
});
var containerSchema = z.object({
  name: z.string().min(1),
  startTime: time,
  cpu: cpuStats,
  memory: memoryStats
});
function describeIssues(error, limit = 3) {
  const described = error.issues.slice(0, limit).map((issue) => {
    const path5 = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    return `${path5}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : "";
  return described.join("; ") + more;
}

// agent-core/metrics/summary-parse.ts
var ENDPOINT = ENDPOINT_NAMES.summary;
function parseSummary(node, body) {
  const text2 = bodyText(body);
  let json;
  try {
    json = JSON.parse(text2);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new KubeletDataError(node, "summary", `Node "${node}": the ${ENDPOINT} answer is not JSON (${reason}); ${describeBodyStart(text2)}.`, {
      cause: error
    });
  }
  const top = summarySchema.safeParse(json);
  if (!top.success) {
    throw new KubeletDataError(node, "summary", `Node "${node}": the ${ENDPOINT} answer is not a summary: ${describeIssues(top.error)}.`);
  }
  const log = new ProblemLog(node);
  const nodeStats = readNodeStats(node, top.data.node, log);
  const containers = /* @__PURE__ */ new Map();
  (top.data.pods ?? []).forEach((rawPod, podIndex) => {
    for (const container2 of readPodContainers(node, rawPod, podIndex, log)) keepNewest(node, containers, container2, log);
  });
  return { node, nodeStats, containers: [...containers.values()], problems: log.problems() };
}
function readNodeStats(node, raw, log) {
  if (raw === void 0 || raw === null) {
    log.add("malformed-entry", null, `Node "${node}": the ${ENDPOINT} answer has no node section; node totals are unavailable.`);
    return null;
  }
  const parsed = nodeStatsSchema.safeParse(raw);
  const skip = (what) => {
    log.add("malformed-entry", null, `Node "${node}": the ${ENDPOINT} node section is malformed (${what}); node totals skipped.`);
    return null;
  };
  if (!parsed.success) return skip(describeIssues(parsed.error));
  const { nodeName = null, startTime, cpu, memory } = parsed.data;
  if (nodeName !== null && nodeName !== node) log.add("node-mismatch", null, `Node "${node}": the ${ENDPOINT} answer is for node "${nodeName}".`);
  try {
    return { nodeName, startTime: optionalTime(startTime, "startTime"), cpu: cpuSampleOf(cpu, "cpu"), memory: memorySampleOf(memory, "memory") };
  } catch (error) {
    if (error instanceof InvalidTimeError) return skip(error.message);
    throw error;
  }
}
function readPodContainers(node, rawPod, podIndex, log) {
  const pod = podSchema.safeParse(rawPod);
  if (!pod.success) {
    const subject = podNameOf(rawPod);
    log.add(
      "malformed-entry",
      subject,
      `Node "${node}": ${ENDPOINT} pod #${podIndex}${subject ? ` (${subject})` : ""} is malformed (${describeIssues(pod.error)}); pod skipped.`
    );
    return [];
  }
  const { name: podName, namespace } = pod.data.podRef;
  const podUid = pod.data.podRef.uid || null;
  const containers = [];
  (pod.data.containers ?? []).forEach((rawContainer, containerIndex) => {
    const skip = (what) => {
      const subject = `${namespace}/${podName}`;
      log.add("malformed-entry", subject, `Node "${node}": ${ENDPOINT} pod ${subject}, container #${containerIndex} is malformed (${what}); container skipped.`);
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
        startTime: optionalTime(startTime, "startTime"),
        cpu: cpuSampleOf(cpu, "cpu"),
        memory: memorySampleOf(memory, "memory")
      });
    } catch (error) {
      if (error instanceof InvalidTimeError) return skip(error.message);
      throw error;
    }
  });
  return containers;
}
function keepNewest(node, containers, candidate, log) {
  const key = containerKey(candidate);
  const existing = containers.get(key);
  if (existing === void 0) {
    containers.set(key, candidate);
    return;
  }
  log.add("duplicate-container", key, `Node "${node}": the ${ENDPOINT} lists ${key} twice; the most recently started one is kept.`);
  if ((candidate.startTime?.ns ?? -1n) > (existing.startTime?.ns ?? -1n)) containers.set(key, candidate);
}
function podNameOf(rawPod) {
  if (typeof rawPod !== "object" || rawPod === null) return null;
  const podRef = rawPod.podRef;
  if (typeof podRef !== "object" || podRef === null) return null;
  const { namespace, name } = podRef;
  return typeof namespace === "string" && typeof name === "string" ? `${namespace}/${name}` : null;
}

// agent-core/metrics/cadvisor-parse.ts
import parsePrometheusTextFormat from "parse-prometheus-text-format";

// agent-core/metrics/cadvisor-families.ts
var CADVISOR_FAMILIES = /* @__PURE__ */ new Map([
  ["container_cpu_usage_seconds_total", "cpuUsageSeconds"],
  ["container_cpu_cfs_periods_total", "cfsPeriods"],
  ["container_cpu_cfs_throttled_periods_total", "cfsThrottledPeriods"],
  ["container_cpu_cfs_throttled_seconds_total", "cfsThrottledSeconds"],
  ["container_spec_cpu_quota", "cpuQuota"],
  ["container_spec_cpu_period", "cpuPeriod"]
]);
var CADVISOR_FAMILY_NAMES = [...CADVISOR_FAMILIES.keys()];

// agent-core/metrics/cadvisor-series-collector.ts
var NO_CGROUP = "";
var CadvisorSeriesCollector = class {
  constructor(node, log) {
    this.node = node;
    this.log = log;
  }
  node;
  log;
  byContainer = /* @__PURE__ */ new Map();
  add(ref, cgroupId, field, sample) {
    const key = containerKey(ref);
    let entry = this.byContainer.get(key);
    if (entry === void 0) {
      entry = { ref, cgroups: /* @__PURE__ */ new Map() };
      this.byContainer.set(key, entry);
    }
    const cgroup = cgroupId ?? NO_CGROUP;
    let series = entry.cgroups.get(cgroup);
    if (series === void 0) {
      series = emptySeries();
      entry.cgroups.set(cgroup, series);
    }
    const existing = series[field];
    if (existing === null || (sample.timestampMs ?? -Infinity) >= (existing.timestampMs ?? -Infinity)) series[field] = sample;
  }
  containers() {
    const containers = [];
    for (const [key, { ref, cgroups }] of this.byContainer) {
      let newest;
      for (const candidate of cgroups) {
        if (newest === void 0 || latestTimestamp(candidate[1]) > latestTimestamp(newest[1])) newest = candidate;
      }
      if (newest === void 0) continue;
      if (cgroups.size > 1) {
        this.log.add(
          "duplicate-container",
          key,
          `Node "${this.node}": the ${ENDPOINT_NAMES.cadvisor} show ${key} in ${cgroups.size} cgroups; the one with the newest samples is kept.`
        );
      }
      const [cgroupId, series] = newest;
      containers.push({ ...ref, cgroupId: cgroupId === NO_CGROUP ? null : cgroupId, ...series });
    }
    return containers;
  }
};
function emptySeries() {
  return { cpuUsageSeconds: null, cfsPeriods: null, cfsThrottledPeriods: null, cfsThrottledSeconds: null, cpuQuota: null, cpuPeriod: null };
}
function latestTimestamp(series) {
  let latest = -Infinity;
  for (const sample of Object.values(series)) {
    if (sample?.timestampMs != null && sample.timestampMs > latest) latest = sample.timestampMs;
  }
  return latest;
}

// agent-core/metrics/family-line-filter.ts
var SPACE = 32;
var TAB = 9;
var HASH = 35;
var OPEN_BRACE = 123;
var METADATA_PREFIXES = ["# HELP ", "# TYPE "];
var METADATA_PREFIX_LENGTH = 7;
function familyLineFilter(families) {
  const names = families.map((name) => ({ name, lastChar: name.charCodeAt(name.length - 1) }));
  const firstChars = new Set(families.map((name) => name.charCodeAt(0)));
  const namesFamily = (text2, start, lineEnd, isSample) => {
    for (const { name, lastChar } of names) {
      const end = start + name.length;
      if (end > lineEnd || text2.charCodeAt(end - 1) !== lastChar) continue;
      if (end < lineEnd) {
        const next = text2.charCodeAt(end);
        if (next !== SPACE && next !== TAB && !(isSample && next === OPEN_BRACE)) continue;
      } else if (!isSample) {
        continue;
      }
      if (text2.startsWith(name, start)) return true;
    }
    return false;
  };
  const isWanted = (text2, lineStart, lineEnd) => {
    let start = lineStart;
    let first = text2.charCodeAt(start);
    while ((first === SPACE || first === TAB) && start < lineEnd) first = text2.charCodeAt(++start);
    if (first === HASH) {
      const isMetadata = text2.startsWith(METADATA_PREFIXES[0], start) || text2.startsWith(METADATA_PREFIXES[1], start);
      return isMetadata && namesFamily(text2, start + METADATA_PREFIX_LENGTH, lineEnd, false);
    }
    return firstChars.has(first) && namesFamily(text2, start, lineEnd, true);
  };
  return (text2) => {
    const blocks = [];
    let blockStart = -1;
    let blockEnd = -1;
    let lineStart = 0;
    while (lineStart < text2.length) {
      let lineEnd = text2.indexOf("\n", lineStart);
      if (lineEnd === -1) lineEnd = text2.length;
      if (isWanted(text2, lineStart, lineEnd)) {
        if (blockStart === -1 || blockEnd !== lineStart - 1) {
          if (blockStart !== -1) blocks.push(text2.slice(blockStart, blockEnd));
          blockStart = lineStart;
        }
        blockEnd = lineEnd;
      }
      lineStart = lineEnd + 1;
    }
    if (blockStart !== -1) blocks.push(text2.slice(blockStart, blockEnd));
    return blocks.length === 0 ? "" : `${blocks.join("\n")}
`;
  };
}

// agent-core/metrics/cadvisor-parse.ts
var ENDPOINT2 = ENDPOINT_NAMES.cadvisor;
var SHOWN_LINE_LENGTH = 160;
var keepCadvisorFamilyLines = familyLineFilter(CADVISOR_FAMILY_NAMES);
var NOT_A_CONTAINER = /* @__PURE__ */ new Set(["", "POD"]);
function parseCadvisor(node, body) {
  const text2 = bodyText(body);
  assertPrometheusText(node, text2);
  const log = new ProblemLog(node);
  const collector = new CadvisorSeriesCollector(node, log);
  for (const family of parseFamilies(node, keepCadvisorFamilyLines(text2), log)) {
    const field = CADVISOR_FAMILIES.get(family.name);
    if (field === void 0) continue;
    for (const sample of family.metrics) {
      const ref = containerRefOf(sample, family.name);
      if (ref === null) continue;
      const read = readSample(sample);
      if (typeof read === "string") {
        const key = containerKey(ref);
        log.add("malformed-entry", key, `Node "${node}": ${ENDPOINT2} ${family.name} for ${key}: ${read}; sample skipped.`);
        continue;
      }
      collector.add(ref, sample.labels?.id ?? null, field, read);
    }
  }
  return { node, containers: collector.containers(), problems: log.problems() };
}
function assertPrometheusText(node, text2) {
  const start = text2.trimStart();
  if (start.length === 0 || start.startsWith("<") || start.startsWith("{")) {
    throw new KubeletDataError(node, "cadvisor", `Node "${node}": the ${ENDPOINT2} answer is not Prometheus text; ${describeBodyStart(text2)}.`);
  }
}
function parseFamilies(node, text2, log) {
  try {
    return parsePrometheusTextFormat(text2);
  } catch {
    return parseLineByLine(node, text2, log);
  }
}
function parseLineByLine(node, text2, log) {
  const families = [];
  for (const line of text2.split("\n")) {
    if (line.trim() === "") continue;
    try {
      families.push(...parsePrometheusTextFormat(`${line}
`));
    } catch {
      log.add("malformed-entry", null, `Node "${node}": the ${ENDPOINT2} line ${JSON.stringify(shorten(line))} is not valid Prometheus text; line skipped.`);
    }
  }
  return families;
}
function containerRefOf(sample, family) {
  const labels = sample.labels;
  if (labels === void 0) return null;
  const namespace = labels.namespace;
  const pod = labels.pod ?? labels.pod_name;
  const container2 = labels.container ?? labels.container_name;
  if (!namespace || !pod || container2 === void 0 || NOT_A_CONTAINER.has(container2)) return null;
  if (family === "container_cpu_usage_seconds_total" && labels.cpu !== void 0 && labels.cpu !== "total") return null;
  return { namespace, pod, container: container2 };
}
function readSample(sample) {
  const valueText = sample.value;
  if (valueText === void 0 || valueText === "") return "the sample has no value";
  const value = Number(valueText);
  if (!Number.isFinite(value)) return `the value ${JSON.stringify(valueText)} is not a finite number`;
  if (sample.timestamp_ms === void 0) return { value, timestampMs: null };
  const timestampMs = Number(sample.timestamp_ms);
  if (!Number.isSafeInteger(timestampMs)) return `the timestamp ${JSON.stringify(sample.timestamp_ms)} is not whole milliseconds`;
  return { value, timestampMs };
}
function shorten(line) {
  return line.length > SHOWN_LINE_LENGTH ? `${line.slice(0, SHOWN_LINE_LENGTH)}\u2026` : line;
}

// agent-core/metrics/counter-rates.ts
var MS_PER_SECOND = 1e3;
var rate = (value) => ({ ok: true, value });
var noRate = (reason) => ({ ok: false, reason });
function cpuCoresFromSummary(previous, current) {
  if (previous.usageCoreNanoSeconds === null || current.usageCoreNanoSeconds === null) return noRate("missing-counter");
  return counterRate(previous.usageCoreNanoSeconds, current.usageCoreNanoSeconds, Number(current.time.ns - previous.time.ns));
}
function cpuCoresFromCadvisor(previous, current) {
  return perSecondOfTimestamped(previous, current);
}
function throttledSecondsPerSecond(previous, current) {
  return perSecondOfTimestamped(previous, current);
}
function throttledRatio(previous, current) {
  const periods = current.periods - previous.periods;
  const throttled = current.throttledPeriods - previous.throttledPeriods;
  if (periods < 0 || throttled < 0) return noRate("counter-went-down");
  if (periods === 0) return noRate("no-periods-elapsed");
  if (throttled > periods) return noRate("inconsistent-counters");
  return rate(throttled / periods);
}
function perSecondOfTimestamped(previous, current) {
  if (previous.timestampMs === null || current.timestampMs === null) return noRate("missing-sample-time");
  return counterRate(previous.value, current.value, (current.timestampMs - previous.timestampMs) / MS_PER_SECOND);
}
function counterRate(previous, current, elapsed) {
  if (current < previous) return noRate("counter-went-down");
  if (!(elapsed > 0)) return noRate("no-elapsed-time");
  return rate((current - previous) / elapsed);
}

// agent-core/metrics/cpu-limit.ts
function cpuLimitCores(quota, period) {
  if (quota === null || period === null || quota.value <= 0 || period.value <= 0) return null;
  return quota.value / period.value;
}

// agent-core/metrics/sample-minute.ts
var MINUTE_MS = 6e4;
var NS_PER_MINUTE = 60000000000n;
function minuteOfSampleNs(sampleTimeNs) {
  let minutes = sampleTimeNs / NS_PER_MINUTE;
  if (sampleTimeNs % NS_PER_MINUTE < 0n) minutes -= 1n;
  return Number(minutes) * MINUTE_MS;
}

// agent-core/metrics/container-minute.ts
var NO_RATES = { cpuCores: null, throttledRatio: null, throttledSecondsPerSecond: null };
function containerMinute({ previous, current, sampleTimeNs, restarted, coresBound, report }) {
  const memory = current.summary?.memory ?? null;
  const cpuLimitCoresFromCgroup = cpuLimitCores(current.cadvisor?.cpuQuota ?? null, current.cadvisor?.cpuPeriod ?? null);
  const rates = previous ? intervalRates(previous, current, cpuLimitCoresFromCgroup !== null, coresBound, report) : NO_RATES;
  return {
    ...current.ref,
    minute: minuteOfSampleNs(sampleTimeNs),
    ...rates,
    memoryWorkingSetBytes: memory?.workingSetBytes ?? null,
    memoryRssBytes: memory?.rssBytes ?? null,
    memoryUsageBytes: memory?.usageBytes ?? null,
    cpuLimitCoresFromCgroup,
    restarted
  };
}
function intervalRates(previous, current, hasCpuLimit, coresBound, report) {
  const accept = (result, what, bound) => result === null ? null : acceptRate(result, what, bound, report);
  return {
    cpuCores: accept(cpuRate(previous, current), "CPU usage", coresBound),
    throttledRatio: hasCpuLimit ? accept(throttledRatioRate(previous, current), "throttled ratio", 1) : null,
    throttledSecondsPerSecond: hasCpuLimit ? accept(throttledSecondsRate(previous, current), "throttled seconds per second", coresBound) : null
  };
}
function cpuRate(previous, current) {
  const [before, after] = [previous.summary?.cpu, current.summary?.cpu];
  if (before?.usageCoreNanoSeconds != null && after?.usageCoreNanoSeconds != null) return cpuCoresFromSummary(before, after);
  const [seriesBefore, seriesAfter] = [previous.cadvisor?.cpuUsageSeconds, current.cadvisor?.cpuUsageSeconds];
  return seriesBefore && seriesAfter ? cpuCoresFromCadvisor(seriesBefore, seriesAfter) : null;
}
function throttledRatioRate(previous, current) {
  const [before, after] = [previous.cadvisor, current.cadvisor];
  if (!before?.cfsPeriods || !before.cfsThrottledPeriods || !after?.cfsPeriods || !after.cfsThrottledPeriods) return null;
  return throttledRatio(
    { periods: before.cfsPeriods.value, throttledPeriods: before.cfsThrottledPeriods.value },
    { periods: after.cfsPeriods.value, throttledPeriods: after.cfsThrottledPeriods.value }
  );
}
function throttledSecondsRate(previous, current) {
  const [before, after] = [previous.cadvisor?.cfsThrottledSeconds, current.cadvisor?.cfsThrottledSeconds];
  return before && after ? throttledSecondsPerSecond(before, after) : null;
}
function acceptRate(result, what, bound, report) {
  if (result.ok) {
    if (result.value <= bound) return result.value;
    report("absurd-value", `${what} of ${result.value} is beyond what the node can deliver (at most ${bound}); dropped.`);
    return null;
  }
  switch (result.reason) {
    case "no-elapsed-time":
      report("stale-sample", `the ${what} sample is not newer than the previous one; no rate for this interval.`);
      return null;
    case "missing-sample-time":
      report("missing-sample-time", `the ${what} samples carry no timestamp; no rate for this interval.`);
      return null;
    case "counter-went-down":
      report("restart", `a ${what} counter went down; no rate for this interval.`);
      return null;
    case "inconsistent-counters":
      report("absurd-value", `the ${what} counters contradict each other (more throttled periods than periods); dropped.`);
      return null;
    case "missing-counter":
    case "no-periods-elapsed":
      return null;
  }
}

// agent-core/metrics/container-observation.ts
function observationTimeNs(observation) {
  const summaryTime = observation.summary?.cpu?.time ?? observation.summary?.memory?.time;
  if (summaryTime !== void 0) return summaryTime.ns;
  const cadvisor = observation.cadvisor;
  if (cadvisor === null) return null;
  const timestamps = [cadvisor.cpuUsageSeconds, cadvisor.cfsPeriods, cadvisor.cfsThrottledPeriods, cadvisor.cfsThrottledSeconds].map((sample) => sample?.timestampMs).filter((timestampMs) => typeof timestampMs === "number");
  return timestamps.length === 0 ? null : nsFromTimestampMs(Math.max(...timestamps));
}

// agent-core/metrics/node-minute.ts
function nodeSampleTimeNs(stats) {
  return (stats.cpu?.time ?? stats.memory?.time)?.ns ?? null;
}
function nodeMinute({ node, previous, current, sampleTimeNs, coresBound, report }) {
  return {
    node,
    minute: minuteOfSampleNs(sampleTimeNs),
    cpuCores: previous ? nodeCpuCores(previous, current, coresBound, report) : null,
    memoryWorkingSetBytes: current.memory?.workingSetBytes ?? null
  };
}
function nodeCpuCores(previous, current, coresBound, report) {
  if (previous.startTime && current.startTime && previous.startTime.ns !== current.startTime.ns) {
    report("restart", `the node restarted (startTime ${previous.startTime.text} \u2192 ${current.startTime.text}); no CPU rate for this interval.`);
    return null;
  }
  if (!previous.cpu || !current.cpu) return null;
  const result = cpuCoresFromSummary(previous.cpu, current.cpu);
  if (!result.ok) {
    if (result.reason === "counter-went-down") report("restart", "the node CPU counter went down; no CPU rate for this interval.");
    if (result.reason === "no-elapsed-time") report("stale-sample", "the node CPU sample is not newer than the previous one; no rate for this interval.");
    return null;
  }
  if (result.value > coresBound) {
    report("absurd-value", `node CPU usage of ${result.value} cores is beyond what the node can deliver (at most ${coresBound}); dropped.`);
    return null;
  }
  return result.value;
}

// agent-core/metrics/rate-bounds.ts
var CAPACITY_MARGIN = 1.25;
var CORES_BOUND_WITHOUT_CAPACITY = 1024;
function plausibleCoresBound(nodeCpuCapacityCores) {
  if (nodeCpuCapacityCores === null || nodeCpuCapacityCores === void 0 || !(nodeCpuCapacityCores > 0)) return CORES_BOUND_WITHOUT_CAPACITY;
  return nodeCpuCapacityCores * CAPACITY_MARGIN;
}

// agent-core/metrics/restart-detection.ts
var CUMULATIVE_SERIES = [
  ["cpuUsageSeconds", "container_cpu_usage_seconds_total"],
  ["cfsPeriods", "container_cpu_cfs_periods_total"],
  ["cfsThrottledPeriods", "container_cpu_cfs_throttled_periods_total"],
  ["cfsThrottledSeconds", "container_cpu_cfs_throttled_seconds_total"]
];
function restartReason(previous, current) {
  const [before, after] = [previous.summary, current.summary];
  if (before && after) {
    if (before.podUid && after.podUid && before.podUid !== after.podUid) return `the pod was recreated (uid ${before.podUid} \u2192 ${after.podUid})`;
    if (before.startTime && after.startTime && before.startTime.ns !== after.startTime.ns) {
      return `it started again (startTime ${before.startTime.text} \u2192 ${after.startTime.text})`;
    }
    const [usageBefore, usageAfter] = [before.cpu?.usageCoreNanoSeconds, after.cpu?.usageCoreNanoSeconds];
    if (usageBefore != null && usageAfter != null && usageAfter < usageBefore) return "its usageCoreNanoSeconds went down";
  }
  const [seriesBefore, seriesAfter] = [previous.cadvisor, current.cadvisor];
  if (seriesBefore && seriesAfter) {
    if (seriesBefore.cgroupId && seriesAfter.cgroupId && seriesBefore.cgroupId !== seriesAfter.cgroupId) return `it runs in a new cgroup (${seriesAfter.cgroupId})`;
    for (const [field, family] of CUMULATIVE_SERIES) {
      const [valueBefore, valueAfter] = [seriesBefore[field]?.value, seriesAfter[field]?.value];
      if (valueBefore !== void 0 && valueAfter !== void 0 && valueAfter < valueBefore) return `its ${family} went down`;
    }
  }
  return null;
}

// agent-core/metrics/metrics-tracker.ts
var DEFAULT_FORGET_AFTER_CYCLES = 5;
var MetricsTracker = class {
  nodes = /* @__PURE__ */ new Map();
  forgetAfterCycles;
  constructor(options = {}) {
    const forgetAfterCycles = options.forgetAfterCycles ?? DEFAULT_FORGET_AFTER_CYCLES;
    if (!Number.isInteger(forgetAfterCycles) || forgetAfterCycles < 1) {
      throw new RangeError(`forgetAfterCycles must be a whole number of cycles, at least 1 (got ${forgetAfterCycles}).`);
    }
    this.forgetAfterCycles = forgetAfterCycles;
  }
  /** The records of one node's cycle. */
  ingest(cycle) {
    for (const answer of [cycle.summary, cycle.cadvisor]) {
      if (answer && answer.node !== cycle.node) throw new Error(`An answer of node "${answer.node}" was given as node "${cycle.node}"'s.`);
    }
    const state = this.stateOf(cycle.node);
    state.cycle += 1;
    const log = new ProblemLog(cycle.node);
    const coresBound = plausibleCoresBound(cycle.nodeCpuCapacityCores);
    const containers = [];
    for (const observation of observationsOf(cycle)) {
      const record = this.observeContainer(cycle.node, state, observation, coresBound, log);
      if (record !== null) containers.push(record);
    }
    const totals = cycle.summary?.nodeStats ?? null;
    const nodeRecord = totals === null ? null : this.observeNode(cycle.node, state, totals, coresBound, log);
    this.forgetUnseen(state);
    return {
      node: cycle.node,
      containers,
      nodeMinute: nodeRecord,
      problems: [...cycle.summary?.problems ?? [], ...cycle.cadvisor?.problems ?? [], ...log.problems()]
    };
  }
  /** Drops everything kept for a node (call it when the node leaves the cluster). */
  forgetNode(node) {
    this.nodes.delete(node);
  }
  /** How many containers' previous samples are kept, over all nodes. */
  get trackedContainerCount() {
    let count2 = 0;
    for (const state of this.nodes.values()) count2 += state.containers.size;
    return count2;
  }
  stateOf(node) {
    let state = this.nodes.get(node);
    if (state === void 0) {
      state = { cycle: 0, containers: /* @__PURE__ */ new Map(), totals: null };
      this.nodes.set(node, state);
    }
    return state;
  }
  observeContainer(node, state, current, coresBound, log) {
    const key = containerKey(current.ref);
    const report = (kind, detail) => log.add(kind, key, `Node "${node}": ${key}: ${detail}`);
    const baseline = state.containers.get(key);
    const sampleTimeNs = observationTimeNs(current);
    const keep = (observation, timeNs) => {
      state.containers.set(key, { observation, sampleTimeNs: timeNs, lastSeenCycle: state.cycle });
    };
    if (sampleTimeNs === null) {
      report("missing-sample-time", "nothing in the kubelet answers dates this sample, so it belongs to no minute; no record.");
      keep(latestOfEach(baseline?.observation, current), baseline?.sampleTimeNs ?? null);
      return null;
    }
    if (baseline?.sampleTimeNs != null && sampleTimeNs <= baseline.sampleTimeNs) {
      report("stale-sample", staleDetail(baseline.sampleTimeNs, sampleTimeNs));
      keep(latestOfEach(baseline.observation, current), sampleTimeNs);
      return null;
    }
    const restart = baseline ? restartReason(baseline.observation, current) : null;
    if (restart !== null) report("restart", `restarted: ${restart}; no rates for this interval.`);
    const previous = restart === null ? baseline?.observation ?? null : null;
    keep(restart === null ? latestOfEach(baseline?.observation, current) : current, sampleTimeNs);
    return containerMinute({ previous, current, sampleTimeNs, restarted: restart !== null, coresBound, report });
  }
  observeNode(node, state, current, coresBound, log) {
    const report = (kind, detail) => log.add(kind, null, `Node "${node}": ${detail}`);
    const sampleTimeNs = nodeSampleTimeNs(current);
    if (sampleTimeNs === null) {
      report("missing-sample-time", "the node totals carry no sample time, so they belong to no minute; no node record.");
      return null;
    }
    const previous = state.totals;
    state.totals = { stats: current, sampleTimeNs };
    if (previous !== null && sampleTimeNs <= previous.sampleTimeNs) {
      report("stale-sample", `node totals: ${staleDetail(previous.sampleTimeNs, sampleTimeNs)}`);
      return null;
    }
    return nodeMinute({ node, previous: previous?.stats ?? null, current, sampleTimeNs, coresBound, report });
  }
  forgetUnseen(state) {
    for (const [key, baseline] of state.containers) {
      if (state.cycle - baseline.lastSeenCycle >= this.forgetAfterCycles) state.containers.delete(key);
    }
  }
};
function observationsOf(cycle) {
  const observations = /* @__PURE__ */ new Map();
  for (const summary of cycle.summary?.containers ?? []) {
    const ref = { namespace: summary.namespace, pod: summary.pod, container: summary.container };
    observations.set(containerKey(ref), { ref, summary, cadvisor: null });
  }
  for (const cadvisor of cycle.cadvisor?.containers ?? []) {
    const key = containerKey(cadvisor);
    const existing = observations.get(key);
    if (existing) existing.cadvisor = cadvisor;
    else observations.set(key, { ref: { namespace: cadvisor.namespace, pod: cadvisor.pod, container: cadvisor.container }, summary: null, cadvisor });
  }
  return [...observations.values()];
}
function latestOfEach(previous, current) {
  return { ref: current.ref, summary: current.summary ?? previous?.summary ?? null, cadvisor: current.cadvisor ?? previous?.cadvisor ?? null };
}
function staleDetail(previousNs, currentNs) {
  return currentNs === previousNs ? "the kubelet served the same sample again (\u0394t = 0); no record for it." : `the kubelet's sample time went back by ${Number(previousNs - currentNs) / 1e9} s; no record for it.`;
}

// agent-core/collector/metrics-collector.ts
var endpoints = { summary: "stats/summary", cadvisor: "metrics/cadvisor" };
var MetricsCollector = class {
  constructor(opts) {
    this.opts = opts;
    this.concurrency = opts.concurrency ?? 32;
    this.timeoutMs = opts.requestTimeoutMs ?? 2e4;
  }
  opts;
  tracker = new MetricsTracker();
  statuses = /* @__PURE__ */ new Map();
  concurrency;
  timeoutMs;
  nodeStatuses() {
    return [...this.statuses.values()];
  }
  async collectOnce() {
    const startedAt = Date.now();
    const targets = this.opts.inventory.scrapeTargets();
    const containers = [];
    const nodes = [];
    const events = [];
    let failed = 0;
    let unattributed = 0;
    let problems = 0;
    const live = new Set(targets.map((t) => t.name));
    for (const name of this.statuses.keys()) {
      if (!live.has(name)) {
        this.statuses.delete(name);
        this.tracker.forgetNode(name);
      }
    }
    await forEachBounded(targets, this.concurrency, async (target) => {
      const scraped = await this.scrape(target);
      if (!scraped.ok) failed++;
      const records = this.tracker.ingest({
        node: target.name,
        summary: scraped.summary,
        cadvisor: scraped.cadvisor,
        nodeCpuCapacityCores: target.cpuCapacityCores
      });
      for (const problem of records.problems) {
        problems++;
        this.opts.onProblem?.(problem);
      }
      for (const record of records.containers) {
        const joined = this.join(record);
        if (!joined) {
          unattributed++;
          continue;
        }
        containers.push(joined.sample);
        if (joined.event) events.push(joined.event);
      }
      if (records.nodeMinute) {
        nodes.push({
          nodeName: target.name,
          minute: records.nodeMinute.minute,
          cpuCores: records.nodeMinute.cpuCores,
          memoryWorkingSetBytes: records.nodeMinute.memoryWorkingSetBytes,
          memoryRssBytes: null,
          cpuAllocatable: target.cpuAllocatableCores,
          memAllocatable: target.memAllocatableBytes
        });
      }
    });
    this.opts.store.write({ containers, nodes, events });
    return {
      startedAt,
      durationMs: Date.now() - startedAt,
      nodesScraped: targets.length,
      nodesFailed: failed,
      containerMinutes: containers.length,
      unattributed,
      problems
    };
  }
  join(record) {
    const context = this.opts.inventory.containerContext(record.namespace, record.pod, record.container);
    if (!context) return void 0;
    const sample = {
      containerKey: `${record.namespace}/${record.pod}/${record.container}`,
      workload: context.workload,
      minute: record.minute,
      cpuCores: record.cpuCores,
      memoryWorkingSetBytes: record.memoryWorkingSetBytes,
      memoryRssBytes: record.memoryRssBytes,
      throttledRatio: record.throttledRatio,
      ...context.settings
    };
    if (!record.restarted) return { sample };
    const oom = context.lastTerminationReason === "OOMKilled";
    return {
      sample,
      event: {
        time: record.minute,
        kind: oom ? "OOMKilled" : "Restart",
        namespace: record.namespace,
        pod: record.pod,
        container: record.container,
        detail: context.lastTerminationReason ? `last terminated: ${context.lastTerminationReason}` : "container restarted"
      }
    };
  }
  async scrape(target) {
    const started = Date.now();
    const errors = [];
    const fetchAndParse = async (endpoint, parse) => {
      try {
        const body = await kubeRequestBody(this.opts.kubeConfig, {
          path: `/api/v1/nodes/${encodeURIComponent(target.name)}/proxy/${endpoints[endpoint]}`,
          timeoutMs: this.timeoutMs,
          accept: endpoint === "cadvisor" ? "text/plain" : "application/json"
        });
        return parse(target.name, body);
      } catch (err) {
        const denied = err instanceof KubeHttpError && err.status === 403;
        errors.push({ endpoint, message: err.message, ...denied ? { denied } : {} });
        return null;
      }
    };
    const [summary, cadvisor] = await Promise.all([fetchAndParse("summary", parseSummary), fetchAndParse("cadvisor", parseCadvisor)]);
    const previous = this.statuses.get(target.name);
    const ok = errors.length === 0;
    this.statuses.set(target.name, {
      node: target.name,
      lastAttempt: started,
      lastSuccess: ok ? started : previous?.lastSuccess ?? null,
      consecutiveFailures: ok ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
      durationMs: Date.now() - started,
      ...ok ? {} : { lastError: errors }
    });
    return { ok, summary, cadvisor };
  }
};

// agent-core/kube/exec-credential.ts
import { spawn } from "node:child_process";
var SUPPORTED_EXEC_API_VERSIONS = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];
var ExecPluginError = class extends Error {
  constructor(problem, command, message, details = {}, options) {
    super(message, options);
    this.problem = problem;
    this.command = command;
    this.details = details;
    this.name = "ExecPluginError";
  }
  problem;
  command;
  details;
};
var STDERR_LIMIT = 4e3;
function execInfo(exec, cluster) {
  const spec = { interactive: false };
  if (exec.provideClusterInfo && cluster) spec.cluster = cluster;
  return JSON.stringify({ kind: "ExecCredential", apiVersion: exec.apiVersion, spec });
}
function checkConfig(exec) {
  if (!exec.command) throw new ExecPluginError("no-command", "", "the exec section has no command");
  if (!SUPPORTED_EXEC_API_VERSIONS.includes(exec.apiVersion)) {
    throw new ExecPluginError(
      "unsupported-api-version",
      exec.command,
      `exec apiVersion "${exec.apiVersion}" is not one of ${SUPPORTED_EXEC_API_VERSIONS.join(", ")}`
    );
  }
  if (exec.interactiveMode === "Always") {
    throw new ExecPluginError("needs-terminal", exec.command, "the plugin has interactiveMode: Always but there is no terminal");
  }
}
function parseCredential(exec, stdout) {
  const bad = (why, cause) => new ExecPluginError("bad-output", exec.command, why, {}, { cause });
  let doc;
  try {
    doc = JSON.parse(stdout);
  } catch (err) {
    throw bad(`its output is not JSON (${stdout.trim().slice(0, 200) || "empty"})`, err);
  }
  if (doc?.kind !== "ExecCredential") throw bad(`its output has kind ${JSON.stringify(doc?.kind)}, not "ExecCredential"`);
  if (doc.apiVersion !== exec.apiVersion) {
    throw bad(`it answered with apiVersion ${JSON.stringify(doc.apiVersion)} but the kubeconfig asks for "${exec.apiVersion}"`);
  }
  const status = doc.status ?? {};
  const hasCert = Boolean(status.clientCertificateData && status.clientKeyData);
  if (!status.token && !hasCert) throw bad("its status has neither a token nor a client certificate and key");
  return status;
}
async function runExecPlugin(exec, options) {
  checkConfig(exec);
  return await spawnPlugin(exec, options);
}
function spawnPlugin(exec, options) {
  const env = { ...process.env, KUBERNETES_EXEC_INFO: execInfo(exec, options.cluster) };
  for (const { name, value } of exec.env) env[name] = value;
  const ownGroup = process.platform !== "win32";
  const child = spawn(exec.command, exec.args, { env, stdio: ["ignore", "pipe", "pipe"], detached: ownGroup });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => stdout += chunk);
  child.stderr.setEncoding("utf8").on("data", (chunk) => stderr = (stderr + chunk).slice(-STDERR_LIMIT));
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() => {
        try {
          if (ownGroup && child.pid !== void 0) process.kill(-child.pid, "SIGKILL");
          else child.kill("SIGKILL");
        } catch {
        }
        child.stdout.destroy();
        child.stderr.destroy();
        child.unref();
        reject(
          new ExecPluginError("timed-out", exec.command, `did not finish within ${options.timeoutMs} ms`, {
            stderr: stderr.trim(),
            timeoutMs: options.timeoutMs
          })
        );
      });
    }, options.timeoutMs);
    child.on("error", (err) => {
      settle(() => {
        const problem = err.code === "ENOENT" ? "not-found" : err.code === "EACCES" ? "not-executable" : "failed";
        reject(new ExecPluginError(problem, exec.command, err.message, { stderr: stderr.trim() }, { cause: err }));
      });
    });
    child.on("close", (exitCode, signal) => {
      settle(() => {
        if (exitCode !== 0) {
          const how = exitCode === null ? `was killed by ${signal}` : `exited with code ${exitCode}`;
          reject(new ExecPluginError("failed", exec.command, how, { exitCode, signal, stderr: stderr.trim() }));
          return;
        }
        try {
          resolve(parseCredential(exec, stdout));
        } catch (err) {
          reject(err);
        }
      });
    });
  });
}
function isFresh(status) {
  if (!status.expirationTimestamp) return true;
  return Date.parse(status.expirationTimestamp) > Date.now();
}
var ExecCredentialSource = class {
  constructor(exec, options) {
    this.exec = exec;
    this.options = options;
  }
  exec;
  options;
  cached;
  pending;
  get() {
    if (this.cached && isFresh(this.cached)) return Promise.resolve(this.cached);
    this.pending ??= runExecPlugin(this.exec, this.options).then((status) => this.cached = status).finally(() => this.pending = void 0);
    return this.pending;
  }
};

// agent-core/kube/kube-client.ts
import fs from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
var DEFAULT_EXEC_TIMEOUT_MS = 3e4;
var EXEC_PROVIDER = "cluster-insight-exec";
var TOKEN_FILE_PROVIDER = "cluster-insight-token-file";
var TOKEN_FILE_REFRESH_MS = 6e4;
function setBearer(opts, token) {
  opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
}
var ExecAuthenticator = class {
  constructor(source) {
    this.source = source;
  }
  source;
  isAuthProvider(user) {
    return user.authProvider?.name === EXEC_PROVIDER;
  }
  async applyAuthentication(_user, opts) {
    const status = await this.source.get();
    if (status.clientCertificateData && status.clientKeyData) {
      opts.cert = status.clientCertificateData;
      opts.key = status.clientKeyData;
    }
    if (status.token) setBearer(opts, status.token);
  }
};
var TokenFileAuthenticator = class {
  constructor(file) {
    this.file = file;
  }
  file;
  token = "";
  readAt = 0;
  isAuthProvider(user) {
    return user.authProvider?.name === TOKEN_FILE_PROVIDER;
  }
  async applyAuthentication(_user, opts) {
    if (Date.now() - this.readAt > TOKEN_FILE_REFRESH_MS) {
      try {
        this.token = (await fs.promises.readFile(this.file, "utf8")).trim();
        this.readAt = Date.now();
      } catch (err) {
        if (!this.token) throw err;
      }
    }
    setBearer(opts, this.token);
  }
};
function requireFile(file, field, owner2, origin, context) {
  if (file === void 0 || fs.existsSync(file)) return;
  throw new UserFacingError(
    "credential-file-missing",
    `${owner2} (${origin.file}:${origin.line}), used by context "${context}", names ${field} ${file}, which does not exist. Fix the path in ${origin.file} (a relative path is relative to that file's folder), or inline the contents as ${field}-data.`
  );
}
function checkFiles(resolved) {
  const { cluster, user, context } = resolved;
  requireFile(cluster.certificateAuthority, "certificate-authority", `Cluster "${cluster.name}"`, cluster.origin, context.name);
  if (!user) return;
  const owner2 = `User "${user.name}"`;
  requireFile(user.clientCertificate, "client-certificate", owner2, user.origin, context.name);
  requireFile(user.clientKey, "client-key", owner2, user.origin, context.name);
  if (user.tokenFile !== void 0 && !fs.existsSync(user.tokenFile)) {
    throw new UserFacingError(
      "credential-file-missing",
      `${owner2} (${user.origin.file}:${user.origin.line}), used by context "${context.name}", names tokenFile ${user.tokenFile}, which does not exist. Fix the path in ${user.origin.file} (a relative path is relative to that file's folder), or use token.`
    );
  }
}
function toCluster(c) {
  return {
    name: c.name,
    server: c.server.replace(/\/+$/, ""),
    caData: c.certificateAuthorityData,
    caFile: c.certificateAuthority,
    skipTLSVerify: c.insecureSkipTlsVerify,
    tlsServerName: c.tlsServerName,
    proxyUrl: c.proxyUrl
  };
}
function execClusterInfo(c) {
  const caData = c.certificateAuthorityData ?? (c.certificateAuthority ? fs.readFileSync(c.certificateAuthority).toString("base64") : void 0);
  return {
    server: c.server,
    "tls-server-name": c.tlsServerName,
    "insecure-skip-tls-verify": c.insecureSkipTlsVerify || void 0,
    "certificate-authority-data": caData,
    "proxy-url": c.proxyUrl
  };
}
function toUser(u) {
  const provider = u.tokenFile ? { name: TOKEN_FILE_PROVIDER } : u.exec ? { name: EXEC_PROVIDER } : u.authProvider && { name: u.authProvider.name, config: { ...u.authProvider.config } };
  return {
    name: u.name,
    token: u.tokenFile ? void 0 : u.token,
    certFile: u.clientCertificate,
    certData: u.clientCertificateData,
    keyFile: u.clientKey,
    keyData: u.clientKeyData,
    username: u.username,
    password: u.password,
    impersonateUser: u.impersonate,
    authProvider: provider
  };
}
function kubeConfigForContext(resolved, options = {}) {
  checkFiles(resolved);
  const { cluster, context } = resolved;
  const user = options.anonymous ? void 0 : resolved.user;
  const kc = new KubeConfig();
  const clientUser = user ? toUser(user) : { name: "" };
  kc.loadFromOptions({
    clusters: [toCluster(cluster)],
    users: [clientUser],
    contexts: [{ name: context.name, cluster: cluster.name, user: clientUser.name, namespace: context.namespace }],
    currentContext: context.name
  });
  if (user?.tokenFile) kc.addAuthenticator(new TokenFileAuthenticator(user.tokenFile));
  else if (user?.exec) {
    const timeoutMs = options.execTimeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const clusterInfo = user.exec.provideClusterInfo ? execClusterInfo(cluster) : void 0;
    kc.addAuthenticator(new ExecAuthenticator(new ExecCredentialSource(user.exec, { timeoutMs, cluster: clusterInfo })));
  }
  return kc;
}

// agent-core/kube/kubeconfig-files.ts
import fs2 from "node:fs";
import os from "node:os";
import path2 from "node:path";

// agent-core/kube/kubeconfig-parse.ts
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z as z2 } from "zod";
var YAML_OPTIONS = { schema: "failsafe", customTags: ["null", "bool"] };
var text = z2.union([z2.string(), z2.boolean().transform(String)]);
var optionalText = text.nullish().transform((v) => v ?? void 0);
var flag = z2.boolean().nullish().transform((v) => v ?? false);
var clusterSchema = z2.object({
  server: optionalText,
  "certificate-authority": optionalText,
  "certificate-authority-data": optionalText,
  "insecure-skip-tls-verify": flag,
  "tls-server-name": optionalText,
  "proxy-url": optionalText
});
var execSchema = z2.object({
  command: optionalText,
  args: z2.array(text).nullish(),
  env: z2.array(z2.object({ name: text, value: text.nullish() })).nullish(),
  apiVersion: optionalText,
  interactiveMode: optionalText,
  provideClusterInfo: flag,
  installHint: optionalText
});
var userSchema = z2.object({
  token: optionalText,
  tokenFile: optionalText,
  "client-certificate": optionalText,
  "client-certificate-data": optionalText,
  "client-key": optionalText,
  "client-key-data": optionalText,
  username: optionalText,
  password: optionalText,
  as: optionalText,
  exec: execSchema.nullish(),
  "auth-provider": z2.object({ name: text, config: z2.record(text.nullish()).nullish() }).nullish()
});
var contextSchema = z2.object({
  cluster: optionalText,
  user: optionalText,
  namespace: optionalText
});
var kubeconfigSchema = z2.object({
  "current-context": optionalText,
  clusters: z2.array(z2.object({ name: optionalText, cluster: clusterSchema.nullish() })).nullish(),
  users: z2.array(z2.object({ name: optionalText, user: userSchema.nullish() })).nullish(),
  contexts: z2.array(z2.object({ name: optionalText, context: contextSchema.nullish() })).nullish()
});
function positionOf(doc, lines, at2) {
  for (let depth = at2.length; depth >= 0; depth--) {
    const node = doc.getIn(at2.slice(0, depth), true);
    if (node?.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}
function syntaxError(file, doc) {
  const first = doc.errors[0];
  const [reason, excerpt = ""] = first.message.split(/ at line \d+, column \d+:\n/);
  const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
  return new UserFacingError(
    "kubeconfig-yaml-syntax",
    `${file}:${pos.line}:${pos.col}: YAML syntax error in kubeconfig: ${reason}.
${excerpt.replace(/^\n+|\s+$/g, "")}
Fix the YAML at line ${pos.line} of ${file} (kubectl cannot read this file either).`
  );
}
function shapeError(file, doc, lines, issue) {
  const pos = positionOf(doc, lines, issue.path);
  const where = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${p}`).join("").replace(/^\./, "");
  return new UserFacingError(
    "kubeconfig-invalid",
    `${file}:${pos.line}: ${where || "the file"} is not valid kubeconfig: ${issue.message.toLowerCase()}. Fix that field in ${file} (see \`kubectl config view\` for the expected layout).`
  );
}
function resolveFrom(dir, p) {
  if (!p) return void 0;
  return path.isAbsolute(p) ? p : path.resolve(dir, p);
}
function execCommand(dir, command) {
  return command.includes("/") || command.includes(path.sep) ? resolveFrom(dir, command) : command;
}
function toExec(dir, raw) {
  return {
    command: raw.command ? execCommand(dir, raw.command) : "",
    args: raw.args ?? [],
    env: (raw.env ?? []).map((e) => ({ name: e.name, value: e.value ?? "" })),
    apiVersion: raw.apiVersion ?? "",
    interactiveMode: raw.interactiveMode,
    provideClusterInfo: raw.provideClusterInfo,
    installHint: raw.installHint
  };
}
function build(file, raw, origin) {
  const dir = path.dirname(file);
  const clusters = (raw.clusters ?? []).map((entry, i) => {
    const c = entry.cluster;
    return {
      name: entry.name ?? "",
      origin: origin(["clusters", i]),
      server: c?.server ?? "",
      certificateAuthority: resolveFrom(dir, c?.["certificate-authority"]),
      certificateAuthorityData: c?.["certificate-authority-data"],
      insecureSkipTlsVerify: c?.["insecure-skip-tls-verify"] ?? false,
      tlsServerName: c?.["tls-server-name"],
      proxyUrl: c?.["proxy-url"]
    };
  });
  const users = (raw.users ?? []).map((entry, i) => {
    const u = entry.user;
    const provider = u?.["auth-provider"];
    return {
      name: entry.name ?? "",
      origin: origin(["users", i]),
      token: u?.token,
      tokenFile: resolveFrom(dir, u?.tokenFile),
      clientCertificate: resolveFrom(dir, u?.["client-certificate"]),
      clientCertificateData: u?.["client-certificate-data"],
      clientKey: resolveFrom(dir, u?.["client-key"]),
      clientKeyData: u?.["client-key-data"],
      username: u?.username,
      password: u?.password,
      impersonate: u?.as,
      exec: u?.exec ? toExec(dir, u.exec) : void 0,
      authProvider: provider ? {
        name: provider.name,
        config: Object.fromEntries(Object.entries(provider.config ?? {}).map(([k, v]) => [k, v ?? ""]))
      } : void 0
    };
  });
  const contexts = (raw.contexts ?? []).map((entry, i) => {
    const c = entry.context;
    return {
      name: entry.name ?? "",
      origin: origin(["contexts", i]),
      cluster: c?.cluster ?? "",
      user: c?.user ?? "",
      namespace: c?.namespace
    };
  });
  return { path: file, currentContext: raw["current-context"] || void 0, clusters, users, contexts };
}
function rejectDuplicates(file, kind, entries) {
  const seen = /* @__PURE__ */ new Map();
  for (const e of entries) {
    const first = seen.get(e.name);
    if (first) {
      throw new UserFacingError(
        "kubeconfig-duplicate-name",
        `${file}:${e.origin.line}: ${kind} "${e.name}" is defined twice in ${file} (lines ${first.line} and ${e.origin.line}). Remove or rename one of them.`
      );
    }
    seen.set(e.name, e.origin);
  }
}
function parseKubeconfig(file, source) {
  const lines = new LineCounter();
  const doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw syntaxError(file, doc);
  const value = doc.toJS() ?? {};
  const parsed = kubeconfigSchema.safeParse(value);
  if (!parsed.success) throw shapeError(file, doc, lines, parsed.error.issues[0]);
  const result = build(file, parsed.data, (at2) => ({ file, line: positionOf(doc, lines, at2).line }));
  rejectDuplicates(file, "cluster", result.clusters);
  rejectDuplicates(file, "user", result.users);
  rejectDuplicates(file, "context", result.contexts);
  return result;
}

// agent-core/kube/kubeconfig-files.ts
function splitPathList(list) {
  const unique = new Set(
    list.split(path2.delimiter).filter((p) => p !== "").map((p) => path2.resolve(p))
  );
  return [...unique];
}
function isFile(p) {
  try {
    return fs2.statSync(p).isFile();
  } catch {
    return false;
  }
}
function discoverKubeconfigFiles(options = {}) {
  const explicit = splitPathList(options.kubeconfig ?? "");
  if (explicit.length > 0) {
    const missing = explicit.find((p) => !isFile(p));
    if (missing) {
      const problem = fs2.existsSync(missing) ? "is not a file" : "does not exist";
      throw new UserFacingError(
        "kubeconfig-not-found",
        `The kubeconfig file ${missing} given with --kubeconfig ${problem}. Fix the path, or leave --kubeconfig out to use KUBECONFIG or ~/.kube/config.`
      );
    }
    return { kind: "flag", files: explicit, missing: [] };
  }
  const envList = (options.env ?? process.env).KUBECONFIG;
  if (envList) {
    const listed = splitPathList(envList);
    return { kind: "env", files: listed.filter(isFile), missing: listed.filter((p) => !isFile(p)) };
  }
  const fallback = path2.join(options.homeDir ?? os.homedir(), ".kube", "config");
  return isFile(fallback) ? { kind: "default", files: [fallback], missing: [] } : { kind: "default", files: [], missing: [fallback] };
}
function readKubeconfigFile(file) {
  let source;
  try {
    source = fs2.readFileSync(file, "utf8");
  } catch (err) {
    const reason = err.code === "EACCES" ? "permission denied" : err.message;
    throw new UserFacingError(
      "kubeconfig-unreadable",
      `Cannot read kubeconfig ${file}: ${reason}. Make it readable by you (e.g. chmod 600 ${file}) or leave it out of KUBECONFIG.`,
      2,
      { cause: err }
    );
  }
  return parseKubeconfig(file, source);
}
function mergeKubeconfigs(source, files) {
  const merged = { source, clusters: /* @__PURE__ */ new Map(), users: /* @__PURE__ */ new Map(), contexts: /* @__PURE__ */ new Map() };
  for (const file of files) {
    merged.currentContext ??= file.currentContext;
    for (const c of file.clusters) if (!merged.clusters.has(c.name)) merged.clusters.set(c.name, c);
    for (const u of file.users) if (!merged.users.has(u.name)) merged.users.set(u.name, u);
    for (const c of file.contexts) if (!merged.contexts.has(c.name)) merged.contexts.set(c.name, c);
  }
  return merged;
}
function loadKubeconfig(options = {}) {
  const source = discoverKubeconfigFiles(options);
  return mergeKubeconfigs(source, source.files.map(readKubeconfigFile));
}
function describeKubeconfigSource(source) {
  const all = [...source.files, ...source.missing];
  switch (source.kind) {
    case "flag":
      return `--kubeconfig ${all.join(path2.delimiter)}`;
    case "env":
      return `KUBECONFIG=${all.join(path2.delimiter)}`;
    case "default":
      return all[0] ?? "~/.kube/config";
  }
}

// agent-core/kube/kubeconfig-context.ts
function compareKubectlNames(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
function contextNames(kubeconfig) {
  return [...kubeconfig.contexts.keys()].sort(compareKubectlNames);
}
var at = (o) => `${o.file}:${o.line}`;
function knownContexts(kubeconfig) {
  const names = contextNames(kubeconfig);
  return names.length > 0 ? `Known contexts: ${names.join(", ")}.` : `No context is defined in ${describeKubeconfigSource(kubeconfig.source)}.`;
}
function pickContext(kubeconfig, name) {
  const wanted = name || kubeconfig.currentContext;
  if (!wanted) {
    throw new UserFacingError(
      "no-current-context",
      `No context was given and ${describeKubeconfigSource(kubeconfig.source)} sets no current-context. Pass --context NAME, or set one with \`kubectl config use-context NAME\`. ${knownContexts(kubeconfig)}`
    );
  }
  const context = kubeconfig.contexts.get(wanted);
  if (!context) {
    const how = name ? "was given" : "is the current-context";
    throw new UserFacingError(
      "context-not-found",
      `Context "${wanted}" ${how} but is not defined in ${describeKubeconfigSource(kubeconfig.source)}. Use one of the known contexts, or add it to a kubeconfig. ${knownContexts(kubeconfig)}`
    );
  }
  return context;
}
function resolveContext(kubeconfig, name) {
  const context = pickContext(kubeconfig, name);
  const where = describeKubeconfigSource(kubeconfig.source);
  const cluster = kubeconfig.clusters.get(context.cluster);
  if (!cluster) {
    const known = [...kubeconfig.clusters.keys()].sort(compareKubectlNames).join(", ") || "none";
    throw new UserFacingError(
      "context-cluster-missing",
      `Context "${context.name}" (${at(context.origin)}) names cluster "${context.cluster}", which no file in ${where} defines. Add that cluster, or point the context at a defined one (known clusters: ${known}).`
    );
  }
  if (!cluster.server) {
    throw new UserFacingError(
      "cluster-no-server",
      `Cluster "${cluster.name}" (${at(cluster.origin)}), used by context "${context.name}", has no server address. Set clusters[].cluster.server to the API server's URL (https://host:port) in ${cluster.origin.file}.`
    );
  }
  let user;
  if (context.user) {
    user = kubeconfig.users.get(context.user);
    if (!user) {
      const known = [...kubeconfig.users.keys()].sort(compareKubectlNames).join(", ") || "none";
      throw new UserFacingError(
        "context-user-missing",
        `Context "${context.name}" (${at(context.origin)}) names user "${context.user}", which no file in ${where} defines. Add that user's credentials, or point the context at a defined user (known users: ${known}).`
      );
    }
  }
  return { kubeconfig, context, cluster, user };
}

// agent-core/inventory/access-review.ts
function describeCheck(check2) {
  const resource2 = check2.subresource ? `${check2.resource}/${check2.subresource}` : check2.resource;
  return `${check2.verb} ${check2.group ? `${resource2}.${check2.group}` : resource2}`;
}
async function reviewOne(kc, check2, timeoutMs) {
  try {
    const review = await kubeRequestJson(kc, {
      method: "POST",
      path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      body: {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: { verb: check2.verb, group: check2.group, resource: check2.resource, ...check2.subresource ? { subresource: check2.subresource } : {} } }
      },
      timeoutMs
    });
    const status = review.status ?? {};
    const reason = status.reason || status.evaluationError;
    return { ...check2, allowed: status.allowed === true, ...reason ? { reason } : {} };
  } catch (err) {
    return { ...check2, allowed: void 0, reason: `the access review failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
async function reviewAccess(kc, checks, timeoutMs = 1e4, concurrency = 8) {
  const results = new Array(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const i = next++;
      results[i] = await reviewOne(kc, checks[i], timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, checks.length) }, worker));
  return results;
}

// agent-core/inventory/watched-kinds.ts
var WATCHED_KINDS = [
  "Pod",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "ReplicationController",
  "Namespace",
  "Node",
  "LimitRange"
];
var info = (kind, group, resource2, flags = {}) => ({
  kind,
  group,
  resource: resource2,
  namespaced: true,
  workload: true,
  patchable: true,
  ...flags
});
var KIND_INFO = {
  Pod: info("Pod", "", "pods", { patchable: false }),
  Deployment: info("Deployment", "apps", "deployments"),
  ReplicaSet: info("ReplicaSet", "apps", "replicasets"),
  StatefulSet: info("StatefulSet", "apps", "statefulsets"),
  DaemonSet: info("DaemonSet", "apps", "daemonsets"),
  Job: info("Job", "batch", "jobs", { patchable: false }),
  CronJob: info("CronJob", "batch", "cronjobs"),
  ReplicationController: info("ReplicationController", "", "replicationcontrollers"),
  Namespace: info("Namespace", "", "namespaces", { namespaced: false, workload: false, patchable: false }),
  Node: info("Node", "", "nodes", { namespaced: false, workload: false, patchable: false }),
  LimitRange: info("LimitRange", "", "limitranges", { workload: false, patchable: false })
};
function isWatchedKind(kind) {
  return typeof kind === "string" && WATCHED_KINDS.includes(kind);
}

// agent-core/inventory/api-discovery.ts
async function getOrUndefined(kc, path5, timeoutMs) {
  try {
    return await kubeRequestJson(kc, { path: path5, timeoutMs });
  } catch (err) {
    if (err instanceof KubeHttpError && err.status === 404) return void 0;
    throw err;
  }
}
function groupVersions(groups, group) {
  const entry = groups.groups?.find((g) => g.name === group);
  if (!entry) return [];
  const listed = (entry.versions ?? []).map((v) => v.version);
  const preferred = entry.preferredVersion?.version;
  return preferred ? [preferred, ...listed.filter((v) => v !== preferred)] : listed;
}
var basePath = (group, version) => group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
async function discoverResources(kc, timeoutMs = 1e4) {
  const core = await getOrUndefined(kc, "/api", timeoutMs);
  const groups = await getOrUndefined(kc, "/apis", timeoutMs) ?? {};
  const served = /* @__PURE__ */ new Map();
  const byGroup = /* @__PURE__ */ new Map();
  for (const kind of WATCHED_KINDS) byGroup.set(KIND_INFO[kind].group, [...byGroup.get(KIND_INFO[kind].group) ?? [], KIND_INFO[kind]]);
  for (const [group, kinds] of byGroup) {
    const versions = group === "" ? core?.versions ?? [] : groupVersions(groups, group);
    for (const version of versions) {
      const missing = kinds.filter((k) => !served.has(k.kind));
      if (missing.length === 0) break;
      const list = await getOrUndefined(kc, basePath(group, version), timeoutMs);
      for (const info2 of missing) {
        const resource2 = list?.resources?.find((r) => r.name === info2.resource);
        const verbs = resource2?.verbs ?? ["list", "watch"];
        if (!resource2 || !verbs.includes("list")) continue;
        served.set(info2.kind, {
          ...info2,
          version,
          apiVersion: group === "" ? version : `${group}/${version}`,
          collectionPath: `${basePath(group, version)}/${info2.resource}`
        });
      }
    }
  }
  return { served, unserved: WATCHED_KINDS.filter((k) => !served.has(k)) };
}

// agent-core/inventory/capabilities.ts
var NODE_PROXY = { verb: "get", group: "", resource: "nodes", subresource: "proxy" };
var check = (verb, kind) => ({ verb, group: KIND_INFO[kind].group, resource: KIND_INFO[kind].resource });
function accessChecks() {
  return [
    ...WATCHED_KINDS.flatMap((kind) => [check("list", kind), check("watch", kind)]),
    NODE_PROXY,
    ...WATCHED_KINDS.filter((kind) => KIND_INFO[kind].patchable).map((kind) => check("patch", kind))
  ];
}
function same(a, b) {
  return a.verb === b.verb && a.group === b.group && a.resource === b.resource && (a.subresource ?? "") === (b.subresource ?? "");
}
function assess(name, needed, results, impact) {
  const answers = needed.map((n) => results.find((r) => same(r, n)) ?? { ...n, allowed: void 0 });
  const denied = answers.filter((a) => a.allowed === false);
  const unknown = answers.filter((a) => a.allowed === void 0);
  if (denied.length > 0) {
    const all = denied.length === needed.length;
    return { name, status: all ? "denied" : "partial", missing: denied.map(describeCheck), impact: impact(denied, all) };
  }
  if (unknown.length > 0) return { name, status: "unknown", missing: unknown.map(describeCheck), impact: null };
  return { name, status: "available", missing: [], impact: null };
}
var kindsOf = (results) => [...new Set(results.map((r) => r.resource))].join(", ");
function assessCapabilities(results, relistIntervalMs = 3e5) {
  const listable = WATCHED_KINDS.map((kind) => check("list", kind));
  const watchable = WATCHED_KINDS.map((kind) => check("watch", kind));
  const patchable = WATCHED_KINDS.filter((kind) => KIND_INFO[kind].patchable).map((kind) => check("patch", kind));
  const minutes = Math.round(relistIntervalMs / 6e4);
  return [
    assess(
      "recommendations",
      listable,
      results,
      (denied) => denied.some((d) => d.resource === "pods") ? `No recommendations: without list on pods the agent cannot see what runs (also missing: ${kindsOf(denied)}).` : `No recommendations for what depends on ${kindsOf(denied)}: the agent cannot list them, so their pods are not tied to their workloads or defaults.`
    ),
    assess(
      "live-specs",
      watchable,
      results,
      (denied) => `Specs go stale: ${kindsOf(denied)} cannot be watched, so they are listed again every ${minutes} min instead and changes show up late.`
    ),
    assess(
      "metrics",
      [NODE_PROXY],
      results,
      () => "No metrics: CPU and memory usage are read from each kubelet through the API server\u2019s node proxy (get nodes/proxy), which is denied."
    ),
    assess(
      "automation",
      patchable,
      results,
      (denied, all) => all ? "No automation: recommendations can be previewed but not applied (patch on the workload kinds is denied)." : `No automation for ${kindsOf(denied)}: their recommendations can be previewed but not applied.`
    )
  ];
}
function withRuntimeDenial(results, denial, reason) {
  const found = results.some((r) => same(r, denial));
  const updated = results.map((r) => same(r, denial) ? { ...r, allowed: false, reason } : r);
  return found ? updated : [...updated, { ...denial, allowed: false, reason }];
}

// agent-core/inventory/entity-uuid.ts
import { createHash } from "node:crypto";
var CLUSTER_INSIGHT_NAMESPACE = "9b0e7b36-4a52-4d0f-9d39-6f1c2b8a5e71";
function uuidBytes(uuid) {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, "hex");
}
function format(bytes) {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
function uuidV5(name, namespace) {
  const hash = createHash("sha1").update(uuidBytes(namespace)).update(name, "utf8").digest().subarray(0, 16);
  hash[6] = hash[6] & 15 | 80;
  hash[8] = hash[8] & 63 | 128;
  return format(hash);
}
function clusterUuid(clusterIdentity) {
  return uuidV5(`cluster:${clusterIdentity}`, CLUSTER_INSIGHT_NAMESPACE);
}
function entityUuid(clusterNamespace, kind, uid) {
  return uuidV5(`${kind}/${uid}`, clusterNamespace);
}

// agent-core/inventory/kube-object.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// agent-core/inventory/limit-range-defaults.ts
var NO_DEFAULTS = { requests: {}, limits: {} };
var LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";
function containerDefaults(limitRanges) {
  const defaults = { requests: {}, limits: {} };
  const byName = [...limitRanges].sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
  for (const limitRange of byName) {
    const items = isRecord(limitRange.spec) && Array.isArray(limitRange.spec.limits) ? limitRange.spec.limits : [];
    for (const item of items.filter((i) => i.type === "Container")) {
      for (const [name, value] of Object.entries(item.default ?? {})) defaults.limits[name] ??= value;
      for (const [name, value] of Object.entries(item.defaultRequest ?? {})) defaults.requests[name] ??= value;
    }
  }
  return defaults;
}
var fromSpec = (list) => Object.fromEntries(Object.entries(list ?? {}).map(([name, value]) => [name, { value, source: "spec" }]));
function templateContainerResources(container2, defaults) {
  const limits = fromSpec(container2.resources?.limits);
  const requests = fromSpec(container2.resources?.requests);
  for (const [name, limit] of Object.entries(limits)) requests[name] ??= { value: limit.value, source: "spec" };
  for (const [name, value] of Object.entries(defaults.limits)) limits[name] ??= { value, source: "limitrange-default" };
  for (const [name, value] of Object.entries(defaults.requests)) requests[name] ??= { value, source: "limitrange-default" };
  return { requests, limits };
}
function parseLimitRangerAnnotation(text2) {
  const byContainer = /* @__PURE__ */ new Map();
  if (!text2) return byContainer;
  const body = text2.replace(/^.*?plugin set:\s*/, "");
  for (const part of body.split(";")) {
    const match = /^\s*(.+?)\s+(request|limit) for (init container|container) (\S+)\s*$/.exec(part);
    if (!match) continue;
    const [, names, which, role, container2] = match;
    const key = containerKey2(container2, role === "init container");
    const entry = byContainer.get(key) ?? { requests: /* @__PURE__ */ new Set(), limits: /* @__PURE__ */ new Set() };
    for (const name of names.split(",")) (which === "request" ? entry.requests : entry.limits).add(name.trim());
    byContainer.set(key, entry);
  }
  return byContainer;
}
var containerKey2 = (name, init) => `${init ? "init:" : ""}${name}`;
function markList(values2, annotated, templateHas, defaults, hasTemplate) {
  for (const [name, entry] of Object.entries(values2)) {
    const viaAnnotation = annotated?.has(name) ?? false;
    const viaTemplate = hasTemplate && !templateHas(name) && defaults[name] !== void 0 && sameQuantity(defaults[name], entry.value);
    if (viaAnnotation || viaTemplate) values2[name] = { ...entry, source: "limitrange-default" };
  }
}
function podContainerResources(container2, evidence) {
  const requests = fromSpec(container2.resources?.requests);
  const limits = fromSpec(container2.resources?.limits);
  const template = evidence.template;
  const templateRequest = (name) => template?.resources?.requests?.[name] !== void 0 || template?.resources?.limits?.[name] !== void 0;
  const templateLimit = (name) => template?.resources?.limits?.[name] !== void 0;
  markList(requests, evidence.annotated?.requests, templateRequest, evidence.defaults.requests, template !== void 0);
  markList(limits, evidence.annotated?.limits, templateLimit, evidence.defaults.limits, template !== void 0);
  return { requests, limits };
}

// agent-core/inventory/qos.ts
var QOS_RESOURCES = ["cpu", "memory"];
function addPositive(sums, list, found) {
  for (const name of QOS_RESOURCES) {
    const text2 = list[name];
    if (text2 === void 0) continue;
    const amount = parseQuantity(text2);
    if (!(amount > 0)) continue;
    found?.add(name);
    sums.set(name, (sums.get(name) ?? 0) + amount);
  }
}
function qosClass(containers) {
  const requests = /* @__PURE__ */ new Map();
  const limits = /* @__PURE__ */ new Map();
  let guaranteed = true;
  for (const container2 of containers) {
    addPositive(requests, container2.requests);
    const limitsFound = /* @__PURE__ */ new Set();
    addPositive(limits, container2.limits, limitsFound);
    if (!QOS_RESOURCES.every((r) => limitsFound.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === void 0 || Math.abs(limit - request) > 1e-9 * Math.max(1, limit)) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}

// agent-core/inventory/container-views.ts
function podTemplateSpec(object) {
  const spec = object.spec;
  if (!isRecord(spec)) return void 0;
  const template = object.kind === "CronJob" && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template;
  return isRecord(template) && isRecord(template.spec) ? template.spec : void 0;
}
function containersOf(spec) {
  return [
    ...(spec.initContainers ?? []).map((container2) => ({ container: container2, init: true })),
    ...(spec.containers ?? []).map((container2) => ({ container: container2, init: false }))
  ];
}
function values(list) {
  return Object.fromEntries(Object.entries(list).map(([name, v]) => [name, v.value]));
}
function qosOfViews(views) {
  return qosClass(views.map((v) => ({ requests: values(v.requests), limits: values(v.limits) })));
}
function templateContainerViews(spec, defaults) {
  return containersOf(spec).map(({ container: container2, init }) => ({
    name: container2.name,
    ...container2.image ? { image: container2.image } : {},
    init,
    ...templateContainerResources(container2, defaults)
  }));
}
function lastTermination(status) {
  const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
  return {
    ...terminated?.reason ? { lastTerminationReason: terminated.reason } : {},
    ...terminated?.finishedAt ? { lastTerminatedAt: terminated.finishedAt } : {}
  };
}
function podContainerViews(pod, template, defaults) {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const status = isRecord(pod.status) ? pod.status : {};
  const annotated = parseLimitRangerAnnotation(pod.metadata?.annotations?.[LIMIT_RANGER_ANNOTATION]);
  const statuses = new Map([
    ...(status.initContainerStatuses ?? []).map((s) => [containerKey2(s.name, true), s]),
    ...(status.containerStatuses ?? []).map((s) => [containerKey2(s.name, false), s])
  ]);
  const templateContainers = new Map(template ? containersOf(template).map(({ container: container2, init }) => [containerKey2(container2.name, init), container2]) : []);
  return containersOf(spec).map(({ container: container2, init }) => {
    const key = containerKey2(container2.name, init);
    const containerStatus = statuses.get(key);
    return {
      name: container2.name,
      ...container2.image ? { image: container2.image } : {},
      init,
      ...podContainerResources(container2, { annotated: annotated.get(key), template: templateContainers.get(key), defaults }),
      restarts: containerStatus?.restartCount ?? 0,
      ...lastTermination(containerStatus)
    };
  });
}

// agent-core/inventory/owner-chain.ts
var MAX_DEPTH = 8;
function controllerReference(object) {
  const refs = object.metadata?.ownerReferences ?? [];
  return refs.find((r) => r.controller === true) ?? (refs.length === 1 ? refs[0] : void 0);
}
function ownerChain(object, lookup, uuidOf) {
  const chain = [];
  const seen = new Set(object.metadata?.uid ? [object.metadata.uid] : []);
  let current = object;
  while (current && chain.length < MAX_DEPTH) {
    const ref = controllerReference(current);
    if (!ref || seen.has(ref.uid)) break;
    seen.add(ref.uid);
    const owner2 = lookup(ref.uid);
    chain.push({ kind: ref.kind, name: ref.name, uid: ref.uid, uuid: uuidOf(ref.kind, ref.uid), known: owner2 !== void 0 });
    current = owner2;
  }
  return chain;
}

// agent-core/inventory/subscribers.ts
var Subscribers = class {
  constructor(onListenerError = (err) => console.error("inventory listener failed:", err)) {
    this.onListenerError = onListenerError;
  }
  onListenerError;
  listeners = /* @__PURE__ */ new Set();
  subscribe(listener) {
    const own = (event) => listener(event);
    this.listeners.add(own);
    return () => this.listeners.delete(own);
  }
  emit(event) {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
};

// agent-core/inventory/inventory-model.ts
var QOS_CLASSES = /* @__PURE__ */ new Set(["Guaranteed", "Burstable", "BestEffort"]);
function derived(entity) {
  return JSON.stringify([entity.ownerChain, entity.containers, entity.qosClass]);
}
var InventoryModel = class {
  constructor(clusterNamespace, onListenerError) {
    this.clusterNamespace = clusterNamespace;
    this.changes = new Subscribers(onListenerError);
  }
  clusterNamespace;
  objects = /* @__PURE__ */ new Map();
  views = /* @__PURE__ */ new Map();
  childrenOf = /* @__PURE__ */ new Map();
  byNamespace = /* @__PURE__ */ new Map();
  changes;
  subscribe(listener) {
    return this.changes.subscribe(listener);
  }
  entities() {
    return [...this.views.values()];
  }
  entity(uid) {
    return this.views.get(uid);
  }
  uuidOf(kind, uid) {
    return entityUuid(this.clusterNamespace, kind, uid);
  }
  /** The reflector's view of this model for one kind. */
  storeFor(kind) {
    return {
      replace: (objects) => this.replace(kind, objects),
      apply: (type, object) => type === "DELETED" ? this.remove(object) : this.upsert(object, false)
    };
  }
  replace(kind, objects) {
    const fresh = new Set(objects.map((o) => o.metadata?.uid).filter((uid) => Boolean(uid)));
    for (const [uid, existing] of this.objects) if (existing.kind === kind && !fresh.has(uid)) this.remove(existing);
    for (const object of objects) this.upsert(object, true);
  }
  upsert(object, skipUnchanged) {
    const uid = object.metadata?.uid;
    if (!uid || !isWatchedKind(object.kind)) return;
    const previous = this.objects.get(uid);
    if (skipUnchanged && previous && previous.metadata?.resourceVersion === object.metadata?.resourceVersion) return;
    if (previous) this.unindex(uid, previous);
    this.objects.set(uid, object);
    this.index(uid, object);
    const entity = this.buildView(object);
    this.views.set(uid, entity);
    this.changes.emit({ type: previous ? "modified" : "added", entity });
    this.refreshDependents(object);
  }
  remove(object) {
    const uid = object.metadata?.uid;
    const previous = uid ? this.objects.get(uid) : void 0;
    if (!uid || !previous) return;
    this.unindex(uid, previous);
    this.objects.delete(uid);
    this.views.delete(uid);
    const last = isWatchedKind(object.kind) ? object : previous;
    this.changes.emit({ type: "deleted", entity: this.buildView(last) });
    this.refreshDependents(previous);
  }
  index(uid, object) {
    for (const ref of object.metadata?.ownerReferences ?? []) {
      const children = this.childrenOf.get(ref.uid) ?? /* @__PURE__ */ new Set();
      children.add(uid);
      this.childrenOf.set(ref.uid, children);
    }
    const namespace = object.metadata?.namespace;
    if (namespace) this.byNamespace.set(namespace, (this.byNamespace.get(namespace) ?? /* @__PURE__ */ new Set()).add(uid));
  }
  unindex(uid, object) {
    for (const ref of object.metadata?.ownerReferences ?? []) this.childrenOf.get(ref.uid)?.delete(uid);
    const namespace = object.metadata?.namespace;
    if (namespace) this.byNamespace.get(namespace)?.delete(uid);
  }
  /** Entities whose view depends on this object: its descendants, and for a LimitRange everything in its namespace. */
  refreshDependents(object) {
    const pending2 = [];
    if (object.kind === "LimitRange" && object.metadata?.namespace) pending2.push(...this.byNamespace.get(object.metadata.namespace) ?? []);
    else pending2.push(...object.metadata?.uid ? this.childrenOf.get(object.metadata.uid) ?? [] : []);
    const visited = /* @__PURE__ */ new Set();
    while (pending2.length > 0) {
      const uid = pending2.pop();
      if (visited.has(uid)) continue;
      visited.add(uid);
      const dependent = this.objects.get(uid);
      const before = this.views.get(uid);
      if (!dependent || !before) continue;
      const after = this.buildView(dependent);
      if (derived(after) === derived(before)) continue;
      this.views.set(uid, after);
      this.changes.emit({ type: "modified", entity: after });
      pending2.push(...this.childrenOf.get(uid) ?? []);
    }
  }
  defaultsIn(namespace) {
    if (!namespace) return NO_DEFAULTS;
    const limitRanges = [...this.byNamespace.get(namespace) ?? []].map((uid) => this.objects.get(uid)).filter((o) => o?.kind === "LimitRange");
    return limitRanges.length === 0 ? NO_DEFAULTS : containerDefaults(limitRanges);
  }
  buildView(object) {
    const kind = object.kind;
    const metadata = object.metadata ?? {};
    const uid = metadata.uid ?? "";
    const chain = ownerChain(object, (ownerUid) => this.objects.get(ownerUid), (k, u) => this.uuidOf(k, u));
    const defaults = this.defaultsIn(metadata.namespace);
    const entity = {
      uuid: this.uuidOf(kind, uid),
      uid,
      kind,
      apiVersion: object.apiVersion ?? "",
      ...metadata.namespace ? { namespace: metadata.namespace } : {},
      name: metadata.name ?? "",
      resourceVersion: metadata.resourceVersion ?? "",
      labels: { ...metadata.labels ?? {} },
      ownerChain: chain,
      ...chain.length > 0 ? { controller: chain[chain.length - 1] } : {},
      containers: [],
      object
    };
    if (kind === "Pod") {
      const owner2 = chain[0]?.known ? this.objects.get(chain[0].uid) : void 0;
      entity.containers = podContainerViews(object, owner2 && podTemplateSpec(owner2), defaults);
      const status = isRecord(object.status) ? object.status : {};
      entity.qosClass = status.qosClass && QOS_CLASSES.has(status.qosClass) ? status.qosClass : qosOfViews(entity.containers);
      const nodeName = isRecord(object.spec) && typeof object.spec.nodeName === "string" ? object.spec.nodeName : void 0;
      if (nodeName) entity.nodeName = nodeName;
      if (status.phase) entity.phase = status.phase;
    } else {
      const template = podTemplateSpec(object);
      if (template) {
        entity.containers = templateContainerViews(template, defaults);
        entity.qosClass = qosOfViews(entity.containers);
      }
    }
    return entity;
  }
};

// agent-core/inventory/inventory-listing.ts
var owner = ({ kind, name, uid, uuid }) => ({ kind, name, uid, uuid });
function container(c) {
  return {
    name: c.name,
    init: c.init,
    requests: c.requests,
    limits: c.limits,
    ...c.restarts === void 0 ? {} : { restarts: c.restarts },
    ...c.lastTerminationReason ? { lastTerminationReason: c.lastTerminationReason } : {}
  };
}
var kindOrder = (kind) => WATCHED_KINDS.indexOf(kind);
function listEntities(entities) {
  return [...entities].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name)).map((e) => ({
    kind: e.kind,
    namespace: e.namespace ?? null,
    name: e.name,
    uid: e.uid,
    uuid: e.uuid,
    ownerChain: e.ownerChain.map(owner),
    controller: e.controller ? owner(e.controller) : null,
    qosClass: e.qosClass ?? null,
    containers: e.containers.map(container)
  }));
}

// agent-core/inventory/masking.ts
var MASK = "****";
var LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
var CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"];
function podSpecsOf(object) {
  const spec = object.spec;
  if (!isRecord(spec)) return [];
  const templateSpec = (template) => isRecord(template) && isRecord(template.spec) ? [template.spec] : [];
  switch (object.kind) {
    case "Pod":
      return [spec];
    case "CronJob": {
      const jobTemplate = spec.jobTemplate;
      return isRecord(jobTemplate) && isRecord(jobTemplate.spec) ? templateSpec(jobTemplate.spec.template) : [];
    }
    default:
      return templateSpec(spec.template);
  }
}
function maskContainer(container2) {
  const masked = { ...container2 };
  if (Array.isArray(container2.env)) {
    masked.env = container2.env.map((variable) => variable.value === void 0 ? { ...variable } : { ...variable, value: MASK });
  }
  if (Array.isArray(container2.args)) masked.args = container2.args.map(() => MASK);
  if (Array.isArray(container2.command)) masked.command = container2.command.map((part, i) => i === 0 ? part : MASK);
  return masked;
}
function maskPodSpec(spec) {
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (Array.isArray(containers)) spec[list] = containers.map((c) => isRecord(c) ? maskContainer(c) : c);
  }
}
function copy(value) {
  return structuredClone(value);
}
function maskObject(object) {
  const masked = copy(object);
  const metadata = masked.metadata;
  if (metadata) {
    delete metadata.managedFields;
    if (metadata.annotations && LAST_APPLIED_ANNOTATION in metadata.annotations) {
      metadata.annotations = { ...metadata.annotations, [LAST_APPLIED_ANNOTATION]: MASK };
    }
  }
  for (const spec of podSpecsOf(masked)) maskPodSpec(spec);
  return masked;
}

// agent-core/inventory/abortable-sleep.ts
function abortableSleep(ms, signal) {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

// agent-core/inventory/backoff.ts
var Backoff = class {
  initialMs;
  capMs;
  factor;
  jitter;
  resetAfterMs;
  maxRetryAfterMs;
  random;
  now;
  failures = 0;
  lastFailureAt = -Infinity;
  constructor(options = {}) {
    this.initialMs = options.initialMs ?? 800;
    this.capMs = options.capMs ?? 3e4;
    this.factor = options.factor ?? 2;
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.25));
    this.resetAfterMs = options.resetAfterMs ?? 12e4;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 3e5;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }
  /** Records a failure and answers how long to wait before the next attempt; a server's Retry-After is a floor. */
  nextDelayMs(retryAfterMs2) {
    const now = this.now();
    if (now - this.lastFailureAt > this.resetAfterMs) this.failures = 0;
    this.lastFailureAt = now;
    const nominal = Math.min(this.capMs, this.initialMs * this.factor ** this.failures);
    this.failures++;
    const delay = nominal * (1 - this.jitter * this.random());
    return retryAfterMs2 === void 0 ? delay : Math.max(delay, Math.min(retryAfterMs2, this.maxRetryAfterMs));
  }
};

// agent-core/inventory/kube-stream.ts
import http2 from "node:http";
import https2 from "node:https";
var KubeApiError = class extends KubeHttpError {
  constructor(status, method, path5, detail, reason, retryAfterMs2) {
    super(status, method, path5, detail);
    this.reason = reason;
    this.retryAfterMs = retryAfterMs2;
    this.name = "KubeApiError";
  }
  reason;
  retryAfterMs;
};
var StreamAbortedError = class extends Error {
  constructor() {
    super("stopped");
    this.name = "AbortError";
  }
};
function retryAfterMs(header, status, now = Date.now()) {
  if (header !== void 0 && header.trim() !== "") {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1e3;
    const at2 = Date.parse(header);
    if (Number.isFinite(at2)) return Math.max(0, at2 - now);
  }
  const fromStatus2 = status?.details?.retryAfterSeconds;
  return typeof fromStatus2 === "number" && fromStatus2 >= 0 ? fromStatus2 * 1e3 : void 0;
}
function parseStatus(body) {
  try {
    const parsed = JSON.parse(body);
    return isRecord(parsed) ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function readBody(res) {
  return new Promise((resolve, reject) => {
    let text2 = "";
    res.setEncoding("utf8");
    res.on("data", (chunk) => text2 += chunk);
    res.on("end", () => resolve(text2));
    res.on("error", reject);
    res.on("close", () => {
      if (!res.complete) reject(Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" }));
    });
  });
}
async function apiError(res, path5) {
  const body = await readBody(res).catch(() => "");
  const status = parseStatus(body);
  const header = res.headers["retry-after"];
  return new KubeApiError(
    res.statusCode ?? 0,
    "GET",
    path5,
    status?.message ?? body.trim().slice(0, 200),
    status?.reason,
    retryAfterMs(Array.isArray(header) ? header[0] : header, status)
  );
}
async function openKubeStream(kc, request) {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`the KubeConfig has no cluster for context "${kc.getCurrentContext()}"`);
  if (request.signal?.aborted) throw new StreamAbortedError();
  const opts = {
    method: "GET",
    headers: { Accept: "application/json", "User-Agent": "cluster-insight" },
    rejectUnauthorized: !cluster.skipTLSVerify
  };
  await kc.applyToHTTPSOptions(opts);
  if (request.signal?.aborted) throw new StreamAbortedError();
  const url = new URL(cluster.server + request.path);
  const transport = url.protocol === "http:" ? http2 : https2;
  const finished = startApiExchange(kc, "GET", request.path, /[?&]watch=(1|true)/.test(request.path));
  let answered = 0;
  let failure;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, opts);
    const onAbort = () => req.destroy(new StreamAbortedError());
    const timer = setTimeout(() => req.destroy(new RequestTimeoutError(request.deadlineMs, url.origin)), request.deadlineMs);
    request.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("close", () => {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      finished(answered, failure);
    });
    req.on("socket", (socket) => socket.setKeepAlive(true, 3e4));
    req.on("error", (err) => {
      failure = err.message;
      reject(err);
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      answered = status;
      if (status >= 200 && status < 300) resolve(res);
      else apiError(res, request.path).then(reject, reject);
    });
    req.end();
  });
}
async function getKubeJson(kc, request) {
  const res = await openKubeStream(kc, request);
  const body = await readBody(res);
  try {
    return JSON.parse(body);
  } catch {
    throw new KubeApiError(res.statusCode ?? 0, "GET", request.path, `not JSON: ${body.trim().slice(0, 200)}`, void 0, void 0);
  }
}

// agent-core/inventory/list-pager.ts
function isExpired(err) {
  return err instanceof KubeApiError && (err.status === 410 || err.reason === "Expired" || err.reason === "Gone");
}
function withQuery(path5, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== void 0) params.set(key, String(value));
  const text2 = params.toString();
  return text2 ? `${path5}?${text2}` : path5;
}
async function listOnce(kc, path5, options, pageSize) {
  const items = [];
  let token;
  let resourceVersion = "";
  do {
    const page = await getKubeJson(kc, {
      path: withQuery(path5, { limit: pageSize, continue: token }),
      deadlineMs: options.pageDeadlineMs ?? 6e4,
      signal: options.signal
    });
    items.push(...page.items ?? []);
    resourceVersion = page.metadata?.resourceVersion ?? "";
    token = page.metadata?.continue || void 0;
    options.onPage?.(items.length, page.metadata?.remainingItemCount);
  } while (token);
  return { items, resourceVersion };
}
async function listAllPages(kc, path5, options) {
  const pageSize = options.pageSize ?? 500;
  const maxRestarts = options.maxExpiredRestarts ?? 3;
  for (let expired = 0; ; expired++) {
    try {
      return await listOnce(kc, path5, options, expired < maxRestarts ? pageSize : void 0);
    } catch (err) {
      if (!isExpired(err) || expired >= maxRestarts) throw err;
    }
  }
}

// agent-core/inventory/ndjson-lines.ts
import { StringDecoder } from "node:string_decoder";
var NdjsonLineSplitter = class {
  decoder = new StringDecoder("utf8");
  partial = "";
  /** The lines this chunk completes, without their line ends; blank lines (keep-alives) are dropped. */
  push(chunk) {
    this.partial += typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    const lastBreak = this.partial.lastIndexOf("\n");
    if (lastBreak < 0) return [];
    const complete = this.partial.slice(0, lastBreak);
    this.partial = this.partial.slice(lastBreak + 1);
    return complete.split("\n").map(trimCarriageReturn).filter((line) => line.trim() !== "");
  }
  /** At the end of the stream: a last line that had no line end, if any. */
  end() {
    const rest = trimCarriageReturn(this.partial + this.decoder.end());
    this.partial = "";
    return rest.trim() === "" ? void 0 : rest;
  }
};
function trimCarriageReturn(line) {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

// agent-core/inventory/watch-stream.ts
var EVENT_TYPES = /* @__PURE__ */ new Set(["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"]);
function parseWatchEvent(line) {
  const parsed = JSON.parse(line);
  if (!isRecord(parsed) || typeof parsed.type !== "string" || !EVENT_TYPES.has(parsed.type) || !isRecord(parsed.object)) {
    throw new Error(`not a watch event: ${line.slice(0, 200)}`);
  }
  return parsed;
}
async function streamWatch(kc, request) {
  const res = await openKubeStream(kc, { path: request.path, deadlineMs: request.deadlineMs, signal: request.signal });
  request.onOpen?.();
  const splitter = new NdjsonLineSplitter();
  let events = 0;
  return new Promise((resolve) => {
    let ended;
    const finish = (end) => {
      if (ended) return;
      ended = end;
      res.destroy();
      resolve(end);
    };
    const handle = (line) => {
      let event;
      try {
        event = parseWatchEvent(line);
      } catch (err) {
        finish({ how: "undecodable", events, error: err instanceof Error ? err : new Error(String(err)) });
        return;
      }
      events++;
      try {
        if (request.onEvent(event) === "stop") finish({ how: "ended-by-consumer", events });
      } catch (error) {
        finish({ how: "consumer-failed", events, error });
      }
    };
    res.on("data", (chunk) => {
      for (const line of splitter.push(chunk)) {
        if (ended) return;
        handle(line);
      }
    });
    res.on("end", () => {
      const last = splitter.end();
      if (last !== void 0 && !ended) handle(last);
      finish({ how: "closed", events });
    });
    res.on("error", (error) => finish(request.signal.aborted ? { how: "ended-by-consumer", events } : { how: "dropped", events, error }));
    res.on("close", () => {
      if (request.signal.aborted) finish({ how: "ended-by-consumer", events });
      else if (!res.complete) finish({ how: "dropped", events, error: new Error("the watch connection closed mid-stream") });
    });
  });
}

// agent-core/inventory/reflector.ts
var SHORT_WATCH_MS = 1e3;
var WatchError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
  status;
};
var WatchExpired = class extends WatchError {
  constructor(status) {
    super(status.message ?? "the watch resourceVersion is too old (410 Gone)", 410);
  }
};
function describeError(err) {
  if (err instanceof KubeApiError) return { message: err.message, status: err.status };
  if (err instanceof WatchError) return { message: err.message, ...err.status === void 0 ? {} : { status: err.status } };
  return { message: err instanceof Error ? err.message : String(err) };
}
var isForbidden = (err) => err instanceof KubeApiError && err.status === 403;
var isTooLargeResourceVersion = (err) => err instanceof KubeApiError && /too large resource version/i.test(err.detail);
var Reflector = class {
  constructor(options) {
    this.options = options;
    this.backoff = new Backoff(options.backoff);
    this.needsList = options.resumeFrom === void 0;
    this.status = {
      kind: options.resource.kind,
      apiVersion: options.resource.apiVersion,
      state: "listing",
      listed: 0,
      synced: false,
      watchAllowed: options.watch ?? true,
      relists: 0,
      resourceVersion: options.resumeFrom ?? ""
    };
  }
  options;
  abort = new AbortController();
  backoff;
  status;
  running;
  needsList;
  start() {
    this.running ??= this.run();
  }
  /** Ends the LIST or WATCH in flight and any wait; resolves once nothing of this reflector runs. */
  async stop() {
    this.abort.abort();
    await this.running;
    this.update({ state: "stopped" });
  }
  snapshot() {
    return { ...this.status, ...this.status.lastError ? { lastError: { ...this.status.lastError } } : {} };
  }
  get stopped() {
    return this.abort.signal.aborted;
  }
  update(change) {
    Object.assign(this.status, change);
    if (change.lastError === void 0 && "lastError" in change) delete this.status.lastError;
    try {
      this.options.onStatus?.(this.snapshot());
    } catch {
    }
  }
  async run() {
    while (!this.stopped) {
      try {
        if (this.needsList) await this.list();
        if (this.stopped) break;
        if (this.status.watchAllowed) await this.watch();
        else await this.waitToRelist();
      } catch (err) {
        if (this.stopped) break;
        await this.recover(err);
      }
    }
  }
  decode(object) {
    const typed = { ...object, apiVersion: this.options.resource.apiVersion, kind: this.options.resource.kind };
    return this.options.transform ? this.options.transform(typed) : typed;
  }
  async list() {
    this.update({ state: "listing", listed: 0, remaining: void 0 });
    const { items, resourceVersion } = await listAllPages(this.options.kubeConfig, this.options.resource.collectionPath, {
      pageSize: this.options.pageSize,
      signal: this.abort.signal,
      onPage: (listed, remaining) => this.update({ listed, remaining })
    });
    if (this.stopped) return;
    this.options.store.replace(items.map((item) => this.decode(item)), resourceVersion);
    this.needsList = false;
    this.update({
      listed: items.length,
      remaining: void 0,
      synced: true,
      resourceVersion,
      relists: this.status.synced ? this.status.relists + 1 : this.status.relists,
      lastError: void 0
    });
  }
  async waitToRelist() {
    this.update({ state: "relisting-periodically" });
    await abortableSleep(this.options.relistIntervalMs ?? 3e5, this.abort.signal);
    this.needsList = true;
  }
  watchPath(timeoutSeconds) {
    const query = new URLSearchParams({
      watch: "1",
      resourceVersion: this.status.resourceVersion,
      allowWatchBookmarks: "true",
      timeoutSeconds: String(timeoutSeconds)
    });
    return `${this.options.resource.collectionPath}?${query}`;
  }
  /** One watch, until it ends; a watch that ends quickly without events counts as a failure (backoff). */
  async watch() {
    const timeoutSeconds = Math.round(this.options.watchTimeoutSeconds?.() ?? 300 * (1 + Math.random()));
    const started = Date.now();
    let expired;
    let failed;
    this.update({ state: "watching" });
    const end = await streamWatch(this.options.kubeConfig, {
      path: this.watchPath(timeoutSeconds),
      onOpen: () => this.status.lastError && this.update({ lastError: void 0 }),
      deadlineMs: timeoutSeconds * 1e3 + (this.options.watchDeadlineGraceMs ?? 3e4),
      signal: this.abort.signal,
      onEvent: (event) => {
        if (event.type === "ERROR") {
          if (event.object.code === 410 || event.object.reason === "Expired" || event.object.reason === "Gone") expired = event.object;
          else failed = event.object;
          return "stop";
        }
        const resourceVersion = event.object.metadata?.resourceVersion;
        if (event.type !== "BOOKMARK") this.options.store.apply(event.type, this.decode(event.object));
        if (resourceVersion) this.status.resourceVersion = resourceVersion;
      }
    });
    if (this.stopped) return;
    if (expired) throw new WatchExpired(expired);
    if (failed) throw new WatchError(`the watch reported an error: ${failed.message ?? failed.reason ?? "unknown"}`, failed.code);
    if (end.how === "undecodable" || end.how === "consumer-failed") throw end.error;
    if (end.events === 0 && Date.now() - started < SHORT_WATCH_MS) {
      throw new WatchError(end.how === "dropped" ? `the watch connection dropped at once: ${describeError(end.error).message}` : "the watch ended at once without events");
    }
  }
  async recover(err) {
    const lastError = describeError(err);
    if (err instanceof WatchExpired || isExpired(err) || isTooLargeResourceVersion(err)) {
      this.needsList = true;
    } else if (isForbidden(err) && !this.needsList) {
      this.update({ watchAllowed: false, lastError });
      return;
    }
    const retryAfter = err instanceof KubeApiError ? err.retryAfterMs : void 0;
    const forbidden = isForbidden(err);
    this.update({ state: forbidden ? "forbidden" : "backing-off", lastError });
    const delay = this.backoff.nextDelayMs(retryAfter);
    await abortableSleep(forbidden ? Math.max(delay, this.options.forbiddenRetryMs ?? 3e5) : delay, this.abort.signal);
  }
};

// agent-core/inventory/inventory.ts
var isSettled = (k) => k.synced || k.state === "forbidden" || k.state === "not-served";
async function defaultClusterIdentity(kc, timeoutMs) {
  try {
    const ns = await kubeRequestJson(kc, { path: "/api/v1/namespaces/kube-system", timeoutMs });
    if (ns.metadata?.uid) return `kube-system:${ns.metadata.uid}`;
  } catch {
  }
  return `server:${kc.getCurrentCluster()?.server ?? ""}`;
}
function fromStatus(status) {
  const { kind, apiVersion, state, listed, remaining, synced, watchAllowed, relists, lastError } = status;
  return { kind, apiVersion, state, listed, ...remaining === void 0 ? {} : { remaining }, synced, watchAllowed, relists, ...lastError ? { lastError } : {} };
}
async function startInventory(options) {
  const kc = options.kubeConfig;
  const timeoutMs = options.requestTimeoutMs ?? 1e4;
  const discovered = await discoverResources(kc, timeoutMs);
  const clusterIdentity = options.clusterIdentity ?? await defaultClusterIdentity(kc, timeoutMs);
  let access = await reviewAccess(kc, accessChecks(), timeoutMs);
  const relistIntervalMs = options.reflector?.relistIntervalMs ?? 3e5;
  let report = { checks: access, capabilities: assessCapabilities(access, relistIntervalMs) };
  const events = new Subscribers(options.onListenerError);
  const model = new InventoryModel(clusterUuid(clusterIdentity), options.onListenerError);
  model.subscribe((change) => events.emit(change));
  const progress = new Map(
    discovered.unserved.map((kind) => [kind, { kind, apiVersion: null, state: "not-served", listed: 0, synced: false, watchAllowed: false, relists: 0 }])
  );
  const settledWaiters = /* @__PURE__ */ new Set();
  const allSettled = () => WATCHED_KINDS.every((kind) => progress.get(kind) && isSettled(progress.get(kind)));
  const recordDenial = (kind, verb, reason) => {
    const denial = { verb, group: KIND_INFO[kind].group, resource: KIND_INFO[kind].resource };
    if (access.some((a) => a.verb === verb && a.group === denial.group && a.resource === denial.resource && a.allowed === false)) return;
    access = withRuntimeDenial(access, denial, reason);
    report = { checks: access, capabilities: assessCapabilities(access, relistIntervalMs) };
    events.emit({ type: "capabilities", report });
  };
  const onStatus = (status) => {
    const previous = progress.get(status.kind);
    const current = fromStatus(status);
    progress.set(status.kind, current);
    if (status.state === "forbidden") recordDenial(status.kind, "list", status.lastError?.message ?? "403 Forbidden");
    if (previous?.watchAllowed && !status.watchAllowed) recordDenial(status.kind, "watch", status.lastError?.message ?? "403 Forbidden");
    const settledNow = allSettled();
    events.emit({ type: "sync", kind: status.kind, progress: current, allSettled: settledNow });
    if (settledNow) for (const wake of settledWaiters) wake();
  };
  const reflectors = [...discovered.served.values()].map((resource2) => {
    const watchReview = access.find((a) => a.verb === "watch" && a.resource === resource2.resource && a.group === resource2.group);
    const reflector = new Reflector({
      ...options.reflector,
      kubeConfig: kc,
      resource: resource2,
      store: model.storeFor(resource2.kind),
      transform: maskObject,
      watch: watchReview?.allowed !== false,
      onStatus
    });
    progress.set(resource2.kind, fromStatus(reflector.snapshot()));
    return reflector;
  });
  for (const reflector of reflectors) reflector.start();
  let stopped = false;
  return {
    clusterIdentity,
    capabilities: () => report,
    entities: () => model.entities(),
    entity: (uid) => model.entity(uid),
    toJson: () => listEntities(model.entities()),
    syncProgress: () => WATCHED_KINDS.map((kind) => progress.get(kind)).filter(Boolean),
    settled: allSettled,
    waitUntilSettled(waitMs = 12e4) {
      if (allSettled()) return Promise.resolve();
      if (stopped) return Promise.reject(new Error("the inventory was stopped"));
      return new Promise((resolve, reject) => {
        const done = (err) => {
          clearTimeout(timer);
          settledWaiters.delete(wake);
          if (err) reject(err);
          else resolve();
        };
        const wake = () => stopped ? done(new Error("the inventory was stopped before it settled")) : allSettled() && done();
        const timer = setTimeout(() => {
          const pending2 = WATCHED_KINDS.filter((kind) => !isSettled(progress.get(kind))).join(", ");
          done(new Error(`the inventory did not settle within ${waitMs / 1e3} s (still syncing: ${pending2})`));
        }, waitMs);
        settledWaiters.add(wake);
      });
    },
    subscribe: (listener) => events.subscribe(listener),
    async stop() {
      stopped = true;
      await Promise.all(reflectors.map((r) => r.stop()));
      for (const wake of settledWaiters) wake();
    }
  };
}

// agent-core/store/metrics-store.ts
import path4 from "node:path";

// agent-core/store/units.ts
var MS_PER_MINUTE = 6e4;
var MINUTES_PER_HOUR = 60;
var MS_PER_DAY = 24 * MINUTES_PER_HOUR * MS_PER_MINUTE;
function minuteIndexOf(minuteMs) {
  if (!Number.isSafeInteger(minuteMs) || minuteMs % MS_PER_MINUTE !== 0 || minuteMs < 0) {
    throw new RangeError(`A sample's minute must be a non-negative ms timestamp on a minute boundary, not ${minuteMs}.`);
  }
  return minuteMs / MS_PER_MINUTE;
}
var hourOfMinute = (minute) => Math.floor(minute / MINUTES_PER_HOUR);
var floorToMinute = (ms) => Math.floor(ms / MS_PER_MINUTE);
var ceilToMinute = (ms) => Math.ceil(ms / MS_PER_MINUTE);
var present = (value) => value !== null && value !== void 0 && Number.isFinite(value);
var coresToMillicores = (cores2) => present(cores2) ? Math.max(0, Math.round(cores2 * 1e3)) : null;
var bytesToKib = (bytes) => present(bytes) ? Math.max(0, Math.round(bytes / 1024)) : null;
var ratioToPermille = (ratio) => present(ratio) ? Math.min(1e3, Math.max(0, Math.round(ratio * 1e3))) : null;
var wholeBytes = (bytes) => present(bytes) ? Math.max(0, Math.round(bytes)) : null;
var millicoresToCores = (millicores) => millicores / 1e3;
var kibToBytes = (kib) => kib * 1024;
var permilleToRatio = (permille) => permille / 1e3;

// agent-core/store/hour-samples.ts
var METRICS = ["cpuMillicores", "workingSetKib", "rssKib", "throttlePermille"];
function emptyHourSamples() {
  return {
    present: new Uint8Array(MINUTES_PER_HOUR),
    values: METRICS.map(() => new Float64Array(MINUTES_PER_HOUR).fill(NaN))
  };
}
function setMinute(hour, minuteOfHour, metrics) {
  hour.present[minuteOfHour] = 1;
  for (let m = 0; m < METRICS.length; m++) hour.values[m][minuteOfHour] = metrics[m] ?? NaN;
}
function overlayHourSamples(base, later) {
  for (let i = 0; i < MINUTES_PER_HOUR; i++) {
    if (!later.present[i]) continue;
    base.present[i] = 1;
    for (let m = 0; m < METRICS.length; m++) base.values[m][i] = later.values[m][i];
  }
  return base;
}
function forEachSampledMinute(hours, fromMinute, toMinute, visit) {
  for (const hour of [...hours.keys()].sort((a, b) => a - b)) {
    const samples = hours.get(hour);
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      const minute = hour * MINUTES_PER_HOUR + i;
      if (samples.present[i] && minute >= fromMinute && minute < toMinute) visit(minute, samples, i);
    }
  }
}

// agent-core/store/metric-scales.ts
var TO_DISPLAY = {
  cpuMillicores: millicoresToCores,
  workingSetKib: kibToBytes,
  rssKib: kibToBytes,
  throttlePermille: permilleToRatio
};
var DISPLAY_CONVERSIONS = METRICS.map((m) => TO_DISPLAY[m]);
var displayValue = (stored, metricIndex) => Number.isNaN(stored) ? null : DISPLAY_CONVERSIONS[metricIndex](stored);

// agent-core/store/bulk-minute-reader.ts
var MINUTES_PER_SLICE = 2e6;
function* readAllSeriesMinutes(sources, q) {
  const fromMinute = ceilToMinute(q.from);
  const toMinute = ceilToMinute(q.to);
  if (toMinute <= fromMinute) return;
  const kind = q.kind ?? "container";
  const wanted = sources.registry.entries().filter((e) => e.kind === kind);
  const seriesPerSlice = Math.min(4096, Math.max(16, Math.floor(MINUTES_PER_SLICE / (toMinute - fromMinute))));
  for (let start = 0; start < wanted.length; start += seriesPerSlice) {
    const slice = wanted.slice(start, start + seriesPerSlice);
    const seriesFrom = slice[0].id;
    const seriesTo = slice[slice.length - 1].id + 1;
    const { minutes, settings } = sources.snapshot(() => ({
      minutes: sources.minutes.read(seriesFrom, seriesTo, fromMinute, toMinute),
      settings: sources.settings.read(seriesFrom, seriesTo, fromMinute, toMinute)
    }));
    for (const entry of slice) {
      const hours = minutes.get(entry.id);
      if (hours) yield columnsOf(sources.registry, entry, hours, fromMinute, toMinute, settings.get(entry.id) ?? []);
    }
  }
}
function columnsOf(registry, entry, hours, fromMinute, toMinute, settings) {
  const minutes = [];
  const refs = [];
  forEachSampledMinute(hours, fromMinute, toMinute, (minute, samples, i) => {
    minutes.push(minute);
    refs.push([samples, i]);
  });
  const t = Float64Array.from(minutes, (m) => m * MS_PER_MINUTE);
  const [cpuCores, memoryWorkingSetBytes, memoryRssBytes, throttledRatio2] = METRICS.map(
    (_, m) => Float64Array.from(refs, ([samples, i]) => {
      const v = samples.values[m][i];
      return Number.isNaN(v) ? NaN : DISPLAY_CONVERSIONS[m](v);
    })
  );
  return { series: registry.infoOf(entry), t, cpuCores, memoryWorkingSetBytes, memoryRssBytes, throttledRatio: throttledRatio2, settings };
}

// agent-core/store/hour-rollup.ts
function nearestRank(sortedAscending, fraction) {
  const rank = Math.max(1, Math.ceil(fraction * sortedAscending.length));
  return sortedAscending[rank - 1];
}
function rollupOf(values2) {
  if (values2.length === 0) return null;
  values2.sort();
  let sum = 0;
  for (const v of values2) sum += v;
  return { n: values2.length, min: values2[0], sum, max: values2[values2.length - 1], p95: nearestRank(values2, 0.95) };
}
function rollupHour(hour) {
  const scratch = new Float64Array(hour.present.length);
  return METRICS.map((_, m) => {
    const column = hour.values[m];
    let n = 0;
    for (let i = 0; i < column.length; i++) if (hour.present[i] && !Number.isNaN(column[i])) scratch[n++] = column[i];
    return rollupOf(scratch.subarray(0, n));
  });
}

// agent-core/store/bucket-stats.ts
var BucketStats = class {
  n = 0;
  min = Infinity;
  max = -Infinity;
  sum = 0;
  minuteValues = [];
  largestHourlyP95 = -Infinity;
  addMinute(value) {
    this.n++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.minuteValues.push(value);
  }
  addHour(r) {
    this.n += r.n;
    this.sum += r.sum;
    if (r.min < this.min) this.min = r.min;
    if (r.max > this.max) this.max = r.max;
    if (r.p95 > this.largestHourlyP95) this.largestHourlyP95 = r.p95;
  }
  stat(toDisplay) {
    if (this.n === 0) return null;
    const minuteP95 = this.minuteValues.length ? nearestRank(this.minuteValues.sort((a, b) => a - b), 0.95) : -Infinity;
    const p95 = Math.max(minuteP95, this.largestHourlyP95);
    return { min: toDisplay(this.min), mean: toDisplay(this.sum / this.n), max: toDisplay(this.max), p95: toDisplay(p95) };
  }
};

// agent-core/store/bucket-plan.ts
var bucketsSpanned = (fromMinute, toMinute, size) => Math.floor((toMinute - 1) / size) - Math.floor(fromMinute / size) + 1;
function fittingBucketMinutes(fromMinute, toMinute, maxPoints, unit) {
  let size = unit * Math.max(1, Math.ceil((toMinute - fromMinute) / maxPoints / unit));
  while (bucketsSpanned(fromMinute, toMinute, size) > maxPoints) size += unit;
  return size;
}
function planBuckets(fromMinute, toMinute, maxPoints, minutesKeptForRange) {
  const byMinute = fittingBucketMinutes(fromMinute, toMinute, maxPoints, 1);
  if (byMinute < MINUTES_PER_HOUR && minutesKeptForRange) return { resolution: "minute", bucketMinutes: byMinute };
  const fromHourStart = Math.floor(fromMinute / MINUTES_PER_HOUR) * MINUTES_PER_HOUR;
  const toHourEnd = Math.ceil(toMinute / MINUTES_PER_HOUR) * MINUTES_PER_HOUR;
  return { resolution: "hour", bucketMinutes: fittingBucketMinutes(fromHourStart, toHourEnd, maxPoints, MINUTES_PER_HOUR) };
}

// agent-core/store/settings-history.ts
var cores = (millicores) => millicores === null ? null : millicoresToCores(millicores);
var SettingsHistory = class {
  rows;
  constructor(db) {
    this.rows = db.prepare(
      `SELECT series_id, valid_from, cpu_request_m, cpu_limit_m, mem_request_b, mem_limit_b FROM resource_settings
       WHERE series_id >= ? AND series_id < ? AND valid_from < ? ORDER BY series_id, valid_from`
    );
  }
  /** For series ids [seriesFrom, seriesTo): the settings over minutes [fromMinute, toMinute), clipped to it. */
  read(seriesFrom, seriesTo, fromMinute, toMinute) {
    const bySeries = /* @__PURE__ */ new Map();
    const rows = this.rows.all(seriesFrom, seriesTo, toMinute);
    rows.forEach((row, i) => {
      const next = rows[i + 1];
      const end = Math.min(next && next.series_id === row.series_id ? next.valid_from : toMinute, toMinute);
      const start = Math.max(row.valid_from, fromMinute);
      if (end <= start) return;
      let intervals = bySeries.get(row.series_id);
      if (!intervals) bySeries.set(row.series_id, intervals = []);
      intervals.push({
        from: start * MS_PER_MINUTE,
        to: end * MS_PER_MINUTE,
        cpuRequest: cores(row.cpu_request_m),
        cpuLimit: cores(row.cpu_limit_m),
        memRequest: row.mem_request_b,
        memLimit: row.mem_limit_b
      });
    });
    return bySeries;
  }
  readOne(seriesId, fromMinute, toMinute) {
    return this.read(seriesId, seriesId + 1, fromMinute, toMinute).get(seriesId) ?? [];
  }
};
function clipSettings(intervals, endMs) {
  return intervals.filter((s) => s.from < endMs).map((s) => ({ ...s, to: Math.min(s.to, endMs) }));
}
function settingsAt(intervals, ascendingTimes) {
  let i = 0;
  return ascendingTimes.map((t) => {
    while (i < intervals.length && intervals[i].to <= t) i++;
    const s = intervals[i];
    return s && s.from <= t ? s : void 0;
  });
}

// agent-core/store/chart-query.ts
function statsOf(buckets, bucket) {
  let stats = buckets.get(bucket);
  if (!stats) buckets.set(bucket, stats = METRICS.map(() => new BucketStats()));
  return stats;
}
function pointsOf(buckets, bucketMinutes) {
  return [...buckets.keys()].sort((a, b) => a - b).map((bucket) => {
    const [cpu, ws, rss, thr] = buckets.get(bucket).map((s, m) => s.stat(DISPLAY_CONVERSIONS[m]));
    return { t: bucket * bucketMinutes * MS_PER_MINUTE, cpuCores: cpu ?? null, memoryWorkingSetBytes: ws ?? null, memoryRssBytes: rss ?? null, throttledRatio: thr ?? null };
  });
}
function minuteBuckets(sources, seriesId, fromMinute, toMinute, bucketMinutes) {
  const buckets = /* @__PURE__ */ new Map();
  let dataEnd = -Infinity;
  const hours = sources.minutes.read(seriesId, seriesId + 1, fromMinute, toMinute).get(seriesId) ?? /* @__PURE__ */ new Map();
  forEachSampledMinute(hours, fromMinute, toMinute, (minute, samples, i) => {
    const stats = statsOf(buckets, Math.floor(minute / bucketMinutes));
    for (let m = 0; m < METRICS.length; m++) {
      const v = samples.values[m][i];
      if (!Number.isNaN(v)) stats[m].addMinute(v);
    }
    dataEnd = minute + 1;
  });
  return { buckets, dataEnd };
}
function hourBuckets(sources, seriesId, fromMinute, toMinute, bucketMinutes) {
  const firstHour = hourOfMinute(fromMinute);
  const lastHour = hourOfMinute(toMinute - 1);
  const rollups = sources.rollups.read(seriesId, firstHour, lastHour);
  const staged = sources.minutes.stagedMinutes();
  if (staged) {
    const from = Math.max(firstHour, hourOfMinute(staged.first)) * MINUTES_PER_HOUR;
    const to = (Math.min(lastHour, hourOfMinute(staged.last)) + 1) * MINUTES_PER_HOUR;
    const hours = sources.minutes.read(seriesId, seriesId + 1, from, to).get(seriesId) ?? /* @__PURE__ */ new Map();
    for (const [hour, samples] of hours) if (hour >= firstHour && hour <= lastHour) rollups.set(hour, rollupHour(samples));
  }
  const buckets = /* @__PURE__ */ new Map();
  let dataEnd = -Infinity;
  for (const [hour, rollup] of rollups) {
    const stats = statsOf(buckets, Math.floor(hour * MINUTES_PER_HOUR / bucketMinutes));
    rollup.forEach((r, m) => r && stats[m].addHour(r));
    dataEnd = Math.max(dataEnd, (hour + 1) * MINUTES_PER_HOUR);
  }
  return { buckets, dataEnd };
}
function minutesKeptFor(sources, fromMinute) {
  const oldestMinute = sources.minutes.oldestMinute();
  if (oldestMinute === null) return false;
  if (fromMinute >= oldestMinute) return true;
  const oldestRollupHour = sources.rollups.oldestHour();
  return oldestRollupHour === null || oldestRollupHour >= hourOfMinute(oldestMinute);
}
function queryChart(sources, series, q) {
  const maxPoints = q.maxPoints ?? 2e3;
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw new RangeError(`maxPoints must be a whole number of 1 or more, not ${maxPoints}.`);
  const fromMinute = ceilToMinute(q.from);
  const toMinute = ceilToMinute(q.to);
  const plan = planBuckets(fromMinute, Math.max(toMinute, fromMinute + 1), maxPoints, minutesKeptFor(sources, fromMinute));
  const empty = { series: q.series, resolution: plan.resolution, bucketMs: plan.bucketMinutes * MS_PER_MINUTE, points: [], settings: [] };
  if (!series || toMinute <= fromMinute) return empty;
  const read = plan.resolution === "minute" ? minuteBuckets : hourBuckets;
  const { buckets, dataEnd } = read(sources, series.id, fromMinute, toMinute, plan.bucketMinutes);
  if (buckets.size === 0) return empty;
  const settings = clipSettings(sources.settings.readOne(series.id, fromMinute, toMinute), dataEnd * MS_PER_MINUTE);
  return { ...empty, points: pointsOf(buckets, plan.bucketMinutes), settings };
}

// agent-core/store/event-log.ts
var EventLog = class {
  insert;
  byTime;
  byPod;
  deleteBefore;
  constructor(db) {
    this.insert = db.prepare("INSERT OR IGNORE INTO events (time, kind, namespace, pod, container, detail) VALUES (@time, @kind, @namespace, @pod, @container, @detail)");
    const columns = "SELECT time, kind, namespace, pod, container, detail FROM events";
    this.byTime = db.prepare(`${columns} WHERE time >= ? AND time < ? ORDER BY time, event_id`);
    this.byPod = db.prepare(`${columns} WHERE namespace = ? AND pod = ? AND time >= ? AND time < ? ORDER BY time, event_id`);
    this.deleteBefore = db.prepare("DELETE FROM events WHERE time < ?");
  }
  record(events) {
    for (const e of events) this.insert.run({ time: e.time, kind: e.kind, namespace: e.namespace, pod: e.pod, container: e.container, detail: e.detail });
  }
  read(filter) {
    const rows = filter.namespace !== void 0 && filter.pod !== void 0 ? this.byPod.all(filter.namespace, filter.pod, filter.from, filter.to) : this.byTime.all(filter.from, filter.to);
    return rows.filter(
      (e) => (filter.namespace === void 0 || e.namespace === filter.namespace) && (filter.container === void 0 || e.container === filter.container) && (filter.kinds === void 0 || filter.kinds.includes(e.kind))
    );
  }
  deleteOlderThan(time2) {
    return this.deleteBefore.run(time2).changes;
  }
};

// agent-core/store/varint.ts
var ByteWriter = class {
  bytes = new Uint8Array(256);
  length = 0;
  reserve(extra) {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  byte(value) {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }
  uint32(value) {
    this.reserve(4);
    for (let i = 0; i < 4; i++) this.bytes[this.length++] = value >>> 8 * i & 255;
  }
  unsigned(value) {
    this.reserve(8);
    let rest = value;
    while (rest >= 128) {
      this.bytes[this.length++] = rest % 128 | 128;
      rest = Math.floor(rest / 128);
    }
    this.bytes[this.length++] = rest;
  }
  signed(value) {
    this.unsigned(value >= 0 ? value * 2 : -value * 2 - 1);
  }
  finish() {
    return this.bytes.slice(0, this.length);
  }
};
var ByteReader = class {
  offset = 0;
  bytes;
  constructor(bytes) {
    this.bytes = bytes;
  }
  next() {
    const value = this.bytes[this.offset++];
    if (value === void 0) throw new RangeError("A packed minute block ends early: the store file is damaged.");
    return value;
  }
  byte() {
    return this.next();
  }
  uint32() {
    let value = 0;
    for (let i = 0; i < 4; i++) value += this.next() * 2 ** (8 * i);
    return value;
  }
  unsigned() {
    let value = 0;
    let scale = 1;
    for (; ; ) {
      const b = this.next();
      value += (b & 127) * scale;
      if (b < 128) return value;
      scale *= 128;
    }
  }
  signed() {
    const zigzag = this.unsigned();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }
};

// agent-core/store/minute-block.ts
var FORMAT_V1 = 1;
var Coverage = { EverySampledMinute: 0, None: 1, OwnMask: 2 };
function maskOf(has) {
  let low = 0;
  let high = 0;
  for (let i = 0; i < MINUTES_PER_HOUR; i++) {
    if (!has(i)) continue;
    if (i < 32) low |= 1 << i;
    else high |= 1 << i - 32;
  }
  return { low: low >>> 0, high: high >>> 0 };
}
var inMask = (mask, i) => (i < 32 ? mask.low >>> i & 1 : mask.high >>> i - 32 & 1) === 1;
function encodeMinuteBlock(hour) {
  const out = new ByteWriter();
  const sampled = maskOf((i) => hour.present[i] === 1);
  out.byte(FORMAT_V1);
  out.uint32(sampled.low);
  out.uint32(sampled.high);
  for (let m = 0; m < METRICS.length; m++) {
    const values2 = hour.values[m];
    const own = maskOf((i) => hour.present[i] === 1 && !Number.isNaN(values2[i]));
    if (own.low === 0 && own.high === 0) {
      out.byte(Coverage.None);
      continue;
    }
    if (own.low === sampled.low && own.high === sampled.high) {
      out.byte(Coverage.EverySampledMinute);
    } else {
      out.byte(Coverage.OwnMask);
      out.uint32(own.low);
      out.uint32(own.high);
    }
    let previous = 0;
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      if (!inMask(own, i)) continue;
      out.signed(values2[i] - previous);
      previous = values2[i];
    }
  }
  return out.finish();
}
function decodeMinuteBlock(bytes) {
  const input = new ByteReader(bytes);
  const format2 = input.byte();
  if (format2 !== FORMAT_V1) throw new RangeError(`A packed minute block has format ${format2}, which this version does not read.`);
  const hour = emptyHourSamples();
  const sampled = { low: input.uint32(), high: input.uint32() };
  for (let i = 0; i < MINUTES_PER_HOUR; i++) hour.present[i] = inMask(sampled, i) ? 1 : 0;
  for (let m = 0; m < METRICS.length; m++) {
    const coverage = input.byte();
    if (coverage === Coverage.None) continue;
    const own = coverage === Coverage.OwnMask ? { low: input.uint32(), high: input.uint32() } : sampled;
    const values2 = hour.values[m];
    let previous = 0;
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      if (!inMask(own, i)) continue;
      previous += input.signed();
      values2[i] = previous;
    }
  }
  return hour;
}

// agent-core/store/rollup-table.ts
var PREFIXES = ["cpu", "ws", "rss", "thr"];
var FIELDS = ["n", "min", "sum", "max", "p95"];
var COLUMNS = PREFIXES.flatMap((p) => FIELDS.map((f) => `${p}_${f}`));
function rowOf(rollup) {
  return METRICS.flatMap((_, m) => {
    const r = rollup[m];
    return r ? [r.n, r.min, r.sum, r.max, r.p95] : [null, null, null, null, null];
  });
}
function rollupOfRow(row, offset) {
  return METRICS.map((_, m) => {
    const at2 = offset + m * FIELDS.length;
    const n = row[at2];
    if (n === null || n === void 0) return null;
    return { n, min: row[at2 + 1], sum: row[at2 + 2], max: row[at2 + 3], p95: row[at2 + 4] };
  });
}
var RollupTable = class {
  db;
  insert;
  readRange;
  hourSpan;
  constructor(db) {
    this.db = db;
    this.insert = db.prepare(`INSERT OR REPLACE INTO hourly_rollups (hour, series_id, ${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")}, ?, ?)`);
    this.readRange = db.prepare(
      `WITH RECURSIVE hours(h) AS (SELECT @first UNION ALL SELECT h + 1 FROM hours WHERE h < @last)
         SELECT r.hour, ${COLUMNS.map((c) => `r.${c}`).join(", ")}
         FROM hours CROSS JOIN hourly_rollups r ON r.hour = hours.h AND r.series_id = @seriesId`
    ).raw();
    this.hourSpan = db.prepare("SELECT (SELECT min(hour) FROM hourly_rollups), (SELECT max(hour) FROM hourly_rollups)").raw();
  }
  put(hour, seriesId, rollup) {
    this.insert.run(hour, seriesId, ...rowOf(rollup));
  }
  /** Hours fromHour..toHour (inclusive) of one series that have a rollup. */
  read(seriesId, fromHour, toHour) {
    const result = /* @__PURE__ */ new Map();
    const [oldest, newest] = this.hourSpan.get();
    if (oldest === null || newest === null) return result;
    const first = Math.max(fromHour, oldest);
    const last = Math.min(toHour, newest);
    if (last < first) return result;
    for (const row of this.readRange.all({ first, last, seriesId })) result.set(row[0], rollupOfRow(row, 1));
    return result;
  }
  oldestHour() {
    return this.db.prepare("SELECT min(hour) FROM hourly_rollups").pluck().get();
  }
};

// agent-core/store/series-registry.ts
var SERIES_ID_LIMIT = 2 ** 24;
var workloadKey = (w) => `${w.uid}\0${w.kind}\0${w.namespace}\0${w.name}`;
var sameSettings = (a, b) => a.cpuRequestM === b.cpuRequestM && a.cpuLimitM === b.cpuLimitM && a.memRequestB === b.memRequestB && a.memLimitB === b.memLimitB;
var SeriesRegistry = class {
  db;
  loaded = false;
  highestId = 0;
  byKind = { container: /* @__PURE__ */ new Map(), node: /* @__PURE__ */ new Map() };
  byId = /* @__PURE__ */ new Map();
  workloadIds = /* @__PURE__ */ new Map();
  workloadsById = /* @__PURE__ */ new Map();
  statements;
  constructor(db) {
    this.db = db;
    this.statements = {
      insertWorkload: db.prepare("INSERT INTO workloads (kind, namespace, name, uid) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
      findWorkload: db.prepare("SELECT workload_id FROM workloads WHERE uid = ? AND kind = ? AND namespace = ? AND name = ?").pluck(),
      insertSeries: db.prepare("INSERT INTO series (kind, key, workload_id, last_hour) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
      findSeries: db.prepare("SELECT series_id FROM series WHERE kind = ? AND key = ?").pluck(),
      highestId: db.prepare("SELECT max(series_id) FROM series").pluck(),
      setWorkload: db.prepare("UPDATE series SET workload_id = ? WHERE series_id = ?"),
      insertSettings: db.prepare(
        "INSERT OR REPLACE INTO resource_settings (series_id, valid_from, cpu_request_m, cpu_limit_m, mem_request_b, mem_limit_b) VALUES (?, ?, ?, ?, ?, ?)"
      )
    };
  }
  load() {
    if (this.loaded) return;
    for (const row of this.db.prepare("SELECT workload_id, kind, namespace, name, uid FROM workloads").all()) {
      const identity = { kind: row.kind, namespace: row.namespace, name: row.name, uid: row.uid };
      this.workloadIds.set(workloadKey(identity), row.workload_id);
      this.workloadsById.set(row.workload_id, identity);
    }
    const latestSettings = /* @__PURE__ */ new Map();
    const settingsRows = this.db.prepare(
      `SELECT series_id, max(valid_from) AS valid_from, cpu_request_m, cpu_limit_m, mem_request_b, mem_limit_b
         FROM resource_settings GROUP BY series_id`
    ).all();
    for (const r of settingsRows) {
      latestSettings.set(r.series_id, { validFrom: r.valid_from, cpuRequestM: r.cpu_request_m, cpuLimitM: r.cpu_limit_m, memRequestB: r.mem_request_b, memLimitB: r.mem_limit_b });
    }
    const seriesRows = this.db.prepare("SELECT series_id, kind, key, workload_id FROM series").all();
    for (const r of seriesRows) {
      this.remember({ id: r.series_id, kind: r.kind, key: r.key, workloadId: r.workload_id, settings: latestSettings.get(r.series_id) ?? null });
    }
    this.loaded = true;
  }
  remember(entry) {
    this.byKind[entry.kind].set(entry.key, entry);
    this.byId.set(entry.id, entry);
    this.highestId = Math.max(this.highestId, entry.id);
    return entry;
  }
  /** A reading process sees series that the writing process added after this one loaded. */
  reloadIfOthersAdded() {
    if (this.loaded && (this.statements.highestId.get() ?? 0) !== this.highestId) this.invalidate();
    this.load();
  }
  /** Forgets everything read from the database, after a rollback or a prune. */
  invalidate() {
    this.loaded = false;
    this.highestId = 0;
    this.byKind.container.clear();
    this.byKind.node.clear();
    this.byId.clear();
    this.workloadIds.clear();
    this.workloadsById.clear();
  }
  workloadIdFor(workload) {
    const key = workloadKey(workload);
    const known = this.workloadIds.get(key);
    if (known !== void 0) return known;
    const { kind, namespace, name, uid } = workload;
    this.statements.insertWorkload.run(kind, namespace, name, uid);
    const id = this.statements.findWorkload.get(uid, kind, namespace, name);
    this.workloadIds.set(key, id);
    this.workloadsById.set(id, { kind, namespace, name, uid });
    return id;
  }
  /** The series for a key, created on first sight (within the caller's transaction). */
  seriesFor(kind, key, workload, minute) {
    this.load();
    const workloadId = workload ? this.workloadIdFor(workload) : null;
    const known = this.byKind[kind].get(key);
    if (known) {
      if (known.workloadId !== workloadId) {
        this.statements.setWorkload.run(workloadId, known.id);
        known.workloadId = workloadId;
      }
      return known;
    }
    this.statements.insertSeries.run(kind, key, workloadId, hourOfMinute(minute));
    const id = this.statements.findSeries.get(kind, key);
    if (id >= SERIES_ID_LIMIT) throw new RangeError(`The metrics store holds ${SERIES_ID_LIMIT} series, its limit; no new series can be added.`);
    return this.remember({ id, kind, key, workloadId, settings: null });
  }
  /**
   * Records the settings in force at a minute when they differ from the latest ones. A late sample
   * (older than the latest change) cannot rewrite history, so its settings are ignored.
   */
  noteSettings(entry, minute, settings) {
    const current = entry.settings;
    if (current && (minute < current.validFrom || sameSettings(current, settings))) return;
    this.statements.insertSettings.run(entry.id, minute, settings.cpuRequestM, settings.cpuLimitM, settings.memRequestB, settings.memLimitB);
    entry.settings = { ...settings, validFrom: minute };
  }
  find(ref) {
    const lookUp = () => "containerKey" in ref ? this.byKind.container.get(ref.containerKey) : this.byKind.node.get(ref.nodeName);
    this.load();
    const known = lookUp();
    if (known) return known;
    this.reloadIfOthersAdded();
    return lookUp();
  }
  count() {
    this.load();
    return this.byId.size;
  }
  entries() {
    this.reloadIfOthersAdded();
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }
  infoOf(entry) {
    this.load();
    if (entry.kind === "node") return { kind: "node", nodeName: entry.key };
    const workload = entry.workloadId !== null && this.workloadsById.get(entry.workloadId) || { kind: "", namespace: "", name: "", uid: "" };
    return { kind: "container", containerKey: entry.key, workload: { ...workload } };
  }
  workloadOf(entry) {
    this.load();
    return entry.workloadId === null ? void 0 : this.workloadsById.get(entry.workloadId);
  }
};

// agent-core/store/staged-key.ts
var stagedId = (minute, seriesId) => minute * SERIES_ID_LIMIT + seriesId;
var minuteOfStagedId = (id) => Math.floor(id / SERIES_ID_LIMIT);
var seriesOfStagedId = (id) => id % SERIES_ID_LIMIT;

// agent-core/store/hour-packer.ts
var SERIES_PER_SLICE = 1024;
var HourPacker = class {
  db;
  rollups;
  statements;
  constructor(db) {
    this.db = db;
    this.rollups = new RollupTable(db);
    this.statements = {
      oldestStaged: db.prepare("SELECT min(id) FROM staged_minutes").pluck(),
      stagedRange: db.prepare("SELECT id, cpu_m, ws_kib, rss_kib, throttle_pm FROM staged_minutes WHERE id >= ? AND id < ?").raw(),
      deleteStagedRange: db.prepare("DELETE FROM staged_minutes WHERE id >= ? AND id < ?"),
      packedBlocks: db.prepare("SELECT series_id, data FROM minute_blocks WHERE hour = ? AND series_id >= ? AND series_id < ?").raw(),
      putBlock: db.prepare("INSERT OR REPLACE INTO minute_blocks (hour, series_id, data) VALUES (?, ?, ?)"),
      touchSeries: db.prepare("UPDATE series SET last_hour = @hour WHERE series_id = @seriesId AND last_hour < @hour")
    };
  }
  /**
   * Packs staged hours before `beforeHour`, oldest first, a slice of series per transaction, until
   * done or until about `seriesBudget` series-hours are packed. Returns the series-hours packed.
   */
  packHoursBefore(beforeHour, seriesBudget = Infinity) {
    let packed = 0;
    while (packed < seriesBudget) {
      const oldest = this.statements.oldestStaged.get();
      if (oldest === null) break;
      const hour = hourOfMinute(minuteOfStagedId(oldest));
      if (hour >= beforeHour) break;
      const seriesFrom = seriesOfStagedId(oldest);
      const seriesTo = Math.min(seriesFrom + SERIES_PER_SLICE, SERIES_ID_LIMIT);
      const slice = this.db.transaction(() => this.packSlice(hour, seriesFrom, seriesTo)).immediate();
      if (slice === 0) break;
      packed += slice;
    }
    return packed;
  }
  deleteStaged(hour, seriesFrom, seriesTo) {
    for (let minute = hour * MINUTES_PER_HOUR; minute < (hour + 1) * MINUTES_PER_HOUR; minute++) {
      this.statements.deleteStagedRange.run(minute * SERIES_ID_LIMIT + seriesFrom, minute * SERIES_ID_LIMIT + seriesTo);
    }
  }
  packSlice(hour, seriesFrom, seriesTo) {
    const staged = /* @__PURE__ */ new Map();
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      const base = (hour * MINUTES_PER_HOUR + i) * SERIES_ID_LIMIT;
      for (const [id, ...metrics] of this.statements.stagedRange.all(base + seriesFrom, base + seriesTo)) {
        const seriesId = id - base;
        let samples = staged.get(seriesId);
        if (!samples) staged.set(seriesId, samples = emptyHourSamples());
        setMinute(samples, i, metrics);
      }
    }
    if (staged.size === 0) return 0;
    const earlier = /* @__PURE__ */ new Map();
    for (const [seriesId, data] of this.statements.packedBlocks.iterate(hour, seriesFrom, seriesTo)) {
      earlier.set(seriesId, decodeMinuteBlock(data));
    }
    for (const seriesId of [...staged.keys()].sort((a, b) => a - b)) {
      const previous = earlier.get(seriesId);
      const samples = previous ? overlayHourSamples(previous, staged.get(seriesId)) : staged.get(seriesId);
      this.statements.putBlock.run(hour, seriesId, encodeMinuteBlock(samples));
      this.rollups.put(hour, seriesId, rollupHour(samples));
      this.statements.touchSeries.run({ hour, seriesId });
    }
    this.deleteStaged(hour, seriesFrom, seriesTo);
    return staged.size;
  }
};

// agent-core/store/minute-samples.ts
var NO_SETTINGS = { cpuRequest: null, cpuLimit: null, memRequest: null, memLimit: null };
function readMinuteSamples(sources, series, fromMs, toMs) {
  if (!series) return [];
  const fromMinute = ceilToMinute(fromMs);
  const toMinute = ceilToMinute(toMs);
  const hours = sources.minutes.read(series.id, series.id + 1, fromMinute, toMinute).get(series.id) ?? /* @__PURE__ */ new Map();
  const usage = [];
  forEachSampledMinute(hours, fromMinute, toMinute, (minute, samples, i) => {
    usage.push({
      t: minute * MS_PER_MINUTE,
      cpuCores: displayValue(samples.values[0][i], 0),
      memoryWorkingSetBytes: displayValue(samples.values[1][i], 1),
      memoryRssBytes: displayValue(samples.values[2][i], 2),
      throttledRatio: displayValue(samples.values[3][i], 3)
    });
  });
  const inForce = settingsAt(
    sources.settings.readOne(series.id, fromMinute, toMinute),
    usage.map((u) => u.t)
  );
  return usage.map((u, i) => {
    const { cpuRequest, cpuLimit, memRequest, memLimit } = inForce[i] ?? NO_SETTINGS;
    return { ...u, cpuRequest, cpuLimit, memRequest, memLimit };
  });
}

// agent-core/store/minute-reader.ts
function hoursOf(bySeries, seriesId) {
  let hours = bySeries.get(seriesId);
  if (!hours) bySeries.set(seriesId, hours = /* @__PURE__ */ new Map());
  return hours;
}
var MinuteReader = class {
  blocks;
  staged;
  stagedSpan;
  oldestBlockHour;
  blockHourSpan;
  constructor(db) {
    this.blocks = db.prepare(
      `WITH RECURSIVE hours(h) AS (SELECT @first UNION ALL SELECT h + 1 FROM hours WHERE h < @last)
         SELECT b.series_id, b.hour, b.data FROM hours CROSS JOIN minute_blocks b
         ON b.hour = hours.h AND b.series_id >= @seriesFrom AND b.series_id < @seriesTo`
    ).raw();
    this.staged = db.prepare(
      `WITH RECURSIVE minutes(m) AS (SELECT @first UNION ALL SELECT m + 1 FROM minutes WHERE m < @last)
         SELECT s.id, s.cpu_m, s.ws_kib, s.rss_kib, s.throttle_pm FROM minutes CROSS JOIN staged_minutes s
         ON s.id >= minutes.m * ${SERIES_ID_LIMIT} + @seriesFrom AND s.id < minutes.m * ${SERIES_ID_LIMIT} + @seriesTo`
    ).raw();
    this.stagedSpan = db.prepare("SELECT (SELECT min(id) FROM staged_minutes), (SELECT max(id) FROM staged_minutes)").raw();
    this.oldestBlockHour = db.prepare("SELECT min(hour) FROM minute_blocks").pluck();
    this.blockHourSpan = db.prepare("SELECT (SELECT min(hour) FROM minute_blocks), (SELECT max(hour) FROM minute_blocks)").raw();
  }
  /** The first and last minute with staged samples, or null when everything is packed. */
  stagedMinutes() {
    const [first, last] = this.stagedSpan.get();
    return first === null || last === null ? null : { first: minuteOfStagedId(first), last: minuteOfStagedId(last) };
  }
  /** The oldest minute still kept at minute resolution, or null when no minutes are kept. */
  oldestMinute() {
    const hour = this.oldestBlockHour.get();
    const staged = this.stagedMinutes();
    const candidates = [hour === null ? null : hour * MINUTES_PER_HOUR, staged?.first ?? null].filter((m) => m !== null);
    return candidates.length ? Math.min(...candidates) : null;
  }
  /**
   * Series ids [seriesFrom, seriesTo), the hours touching minutes [fromMinute, toMinute). Packed hours
   * come whole, staged minutes only within the range: callers keep the minutes they asked for.
   */
  read(seriesFrom, seriesTo, fromMinute, toMinute) {
    const bySeries = /* @__PURE__ */ new Map();
    if (toMinute <= fromMinute) return bySeries;
    const [oldestHour, newestHour] = this.blockHourSpan.get();
    if (oldestHour !== null && newestHour !== null) {
      const first2 = Math.max(hourOfMinute(fromMinute), oldestHour);
      const last2 = Math.min(hourOfMinute(toMinute - 1), newestHour);
      for (const [seriesId, hour, data] of last2 < first2 ? [] : this.blocks.iterate({ first: first2, last: last2, seriesFrom, seriesTo })) {
        hoursOf(bySeries, seriesId).set(hour, decodeMinuteBlock(data));
      }
    }
    const span = this.stagedMinutes();
    if (!span) return bySeries;
    const first = Math.max(span.first, fromMinute);
    const last = Math.min(span.last, toMinute - 1);
    if (last < first) return bySeries;
    const stagedHours = /* @__PURE__ */ new Map();
    for (const [id, ...metrics] of this.staged.iterate({ first, last, seriesFrom, seriesTo })) {
      const minute = minuteOfStagedId(id);
      const hours = hoursOf(stagedHours, id - minute * SERIES_ID_LIMIT);
      const hour = hourOfMinute(minute);
      let samples = hours.get(hour);
      if (!samples) hours.set(hour, samples = emptyHourSamples());
      setMinute(samples, minute - hour * MINUTES_PER_HOUR, metrics);
    }
    for (const [seriesId, hours] of stagedHours) {
      const packed = hoursOf(bySeries, seriesId);
      for (const [hour, samples] of hours) packed.set(hour, overlayHourSamples(packed.get(hour) ?? emptyHourSamples(), samples));
    }
    return bySeries;
  }
};

// agent-core/store/minute-writer.ts
var MinuteWriter = class {
  registry;
  insert;
  constructor(db, registry) {
    this.registry = registry;
    this.insert = db.prepare("INSERT OR REPLACE INTO staged_minutes (id, cpu_m, ws_kib, rss_kib, throttle_pm) VALUES (?, ?, ?, ?, ?)");
  }
  container(s) {
    const minute = minuteIndexOf(s.minute);
    const series = this.registry.seriesFor("container", s.containerKey, s.workload, minute);
    this.registry.noteSettings(series, minute, {
      cpuRequestM: coresToMillicores(s.cpuRequest),
      cpuLimitM: coresToMillicores(s.cpuLimit),
      memRequestB: wholeBytes(s.memRequest),
      memLimitB: wholeBytes(s.memLimit)
    });
    return [stagedId(minute, series.id), coresToMillicores(s.cpuCores), bytesToKib(s.memoryWorkingSetBytes), bytesToKib(s.memoryRssBytes), ratioToPermille(s.throttledRatio)];
  }
  node(s) {
    const minute = minuteIndexOf(s.minute);
    const series = this.registry.seriesFor("node", s.nodeName, null, minute);
    this.registry.noteSettings(series, minute, { cpuRequestM: null, cpuLimitM: coresToMillicores(s.cpuAllocatable), memRequestB: null, memLimitB: wholeBytes(s.memAllocatable) });
    return [stagedId(minute, series.id), coresToMillicores(s.cpuCores), bytesToKib(s.memoryWorkingSetBytes), bytesToKib(s.memoryRssBytes), null];
  }
  /** Returns the latest minute staged, or -Infinity for a batch without samples. */
  stage(batch) {
    const rows = [];
    for (const s of batch.containers ?? []) rows.push(this.container(s));
    for (const s of batch.nodes ?? []) rows.push(this.node(s));
    rows.sort((a, b) => a[0] - b[0]);
    for (const row of rows) this.insert.run(row);
    const last = rows[rows.length - 1];
    return last ? minuteOfStagedId(last[0]) : -Infinity;
  }
};

// agent-core/store/open-database.ts
import fs3 from "node:fs";
import path3 from "node:path";
import Database from "better-sqlite3";

// agent-core/store/migrations.ts
var APPLICATION_ID = 1128885875;
var migrations = [
  {
    version: 1,
    purpose: "per-minute container and node usage, packed by the hour, with hourly rollups and resource settings",
    sql: `
      CREATE TABLE workloads (
        workload_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        uid TEXT NOT NULL,
        UNIQUE (uid, kind, namespace, name)
      );

      CREATE TABLE series (
        series_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('container', 'node')),
        key TEXT NOT NULL,
        workload_id INTEGER,
        last_hour INTEGER NOT NULL,
        UNIQUE (kind, key)
      );
      CREATE INDEX series_by_workload ON series (workload_id);

      -- A row per change, valid until the series' next row: requests and limits rarely change.
      CREATE TABLE resource_settings (
        series_id INTEGER NOT NULL,
        valid_from INTEGER NOT NULL,
        cpu_request_m INTEGER,
        cpu_limit_m INTEGER,
        mem_request_b INTEGER,
        mem_limit_b INTEGER,
        PRIMARY KEY (series_id, valid_from)
      ) WITHOUT ROWID;

      -- Minutes of hours not yet packed; id = minute * 2^24 + series_id, so each minute's batch appends.
      CREATE TABLE staged_minutes (
        id INTEGER PRIMARY KEY,
        cpu_m INTEGER,
        ws_kib INTEGER,
        rss_kib INTEGER,
        throttle_pm INTEGER
      );

      -- Keyed hour first, so an hour's blocks append together and retention drops whole pages.
      CREATE TABLE minute_blocks (
        hour INTEGER NOT NULL,
        series_id INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (hour, series_id)
      ) WITHOUT ROWID;

      CREATE TABLE hourly_rollups (
        hour INTEGER NOT NULL,
        series_id INTEGER NOT NULL,
        cpu_n INTEGER, cpu_min INTEGER, cpu_sum INTEGER, cpu_max INTEGER, cpu_p95 INTEGER,
        ws_n INTEGER, ws_min INTEGER, ws_sum INTEGER, ws_max INTEGER, ws_p95 INTEGER,
        rss_n INTEGER, rss_min INTEGER, rss_sum INTEGER, rss_max INTEGER, rss_p95 INTEGER,
        thr_n INTEGER, thr_min INTEGER, thr_sum INTEGER, thr_max INTEGER, thr_p95 INTEGER,
        PRIMARY KEY (hour, series_id)
      ) WITHOUT ROWID;
    `
  },
  {
    version: 2,
    purpose: "container events (OOM kills, restarts, evictions)",
    sql: `
      CREATE TABLE events (
        event_id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        kind TEXT NOT NULL,
        namespace TEXT NOT NULL,
        pod TEXT NOT NULL,
        container TEXT NOT NULL,
        detail TEXT NOT NULL,
        UNIQUE (time, kind, namespace, pod, container)
      );
      CREATE INDEX events_by_pod ON events (namespace, pod, time);
    `
  }
];
var SCHEMA_VERSION = migrations[migrations.length - 1].version;
function schemaVersionOf(db) {
  return db.pragma("user_version", { simple: true });
}
function migrateForward(db, upTo = SCHEMA_VERSION) {
  for (const migration of migrations) {
    if (migration.version <= schemaVersionOf(db) || migration.version > upTo) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      if (migration.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

// agent-core/store/store-errors.ts
var moveAside = (file) => `Quit Cluster Insight, then move ${file} (with its -wal and -shm files, if present) out of its folder; an empty store is created in its place on the next start, and the history it held is no longer shown.`;
function storeDamagedError(file, cause) {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new UserFacingError("store-damaged", `The metrics store ${file} is damaged and cannot be read (${reason}). ${moveAside(file)}`, 2, { cause });
}
function storeFromNewerVersionError(file, found, understood) {
  return new UserFacingError(
    "store-newer-version",
    `The metrics store ${file} was written by a newer Cluster Insight (store schema version ${found}; this version understands up to ${understood}). Update Cluster Insight to open it, or, to start over with this version: ${moveAside(file)}`
  );
}
function notAMetricsStoreError(file) {
  return new UserFacingError(
    "store-foreign-file",
    `${file} is an SQLite database, but not a Cluster Insight metrics store, so it was left untouched. Choose another data folder, or move ${file} elsewhere.`
  );
}
function isDamagedFileError(err) {
  const code = err?.code;
  return typeof code === "string" && (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"));
}

// agent-core/store/open-database.ts
var STORE_FILE_NAME = "metrics.sqlite";
function refuseForeignOrNewer(db, file) {
  const applicationId = db.pragma("application_id", { simple: true });
  const version = schemaVersionOf(db);
  const hasTables = db.prepare("SELECT count(*) FROM sqlite_schema").pluck().get() > 0;
  if (applicationId !== 0 && applicationId !== APPLICATION_ID || version === 0 && hasTables) throw notAMetricsStoreError(file);
  if (version > SCHEMA_VERSION) throw storeFromNewerVersionError(file, version, SCHEMA_VERSION);
}
function openStoreDatabase(file) {
  try {
    fs3.mkdirSync(path3.dirname(file), { recursive: true });
  } catch (cause) {
    throw new UserFacingError("store-unopenable", `Cannot create the data folder ${path3.dirname(file)} (${cause.message}). Choose a data folder you can write to.`, 2, { cause });
  }
  let db;
  try {
    db = new Database(file, { timeout: 5e3 });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("temp_store = MEMORY");
    db.pragma("cache_size = -16384");
    refuseForeignOrNewer(db, file);
    migrateForward(db);
    return db;
  } catch (err) {
    db?.close();
    if (isDamagedFileError(err)) throw storeDamagedError(file, err);
    if (err instanceof UserFacingError) throw err;
    throw new UserFacingError(
      "store-unopenable",
      `Cannot open the metrics store ${file} (${err.message}). Check that the file and its folder are yours and writable.`,
      2,
      { cause: err }
    );
  }
}

// agent-core/store/retention.ts
var DEFAULT_RETENTION = { minuteDays: 7, rollupDays: 30, eventDays: 30 };
var Retention = class {
  db;
  policy;
  events;
  lastCutoffs = "";
  statements;
  constructor(db, policy, events) {
    this.db = db;
    this.policy = policy;
    this.events = events;
    this.statements = {
      blocks: db.prepare("DELETE FROM minute_blocks WHERE hour < ?"),
      staged: db.prepare("DELETE FROM staged_minutes WHERE id < ?"),
      rollups: db.prepare("DELETE FROM hourly_rollups WHERE hour < ?"),
      series: db.prepare("DELETE FROM series WHERE last_hour < ?"),
      // A settings row superseded before the cutoff describes no data that is still kept.
      supersededSettings: db.prepare(
        `DELETE FROM resource_settings AS r WHERE r.valid_from < @cutoff AND EXISTS (
           SELECT 1 FROM resource_settings n WHERE n.series_id = r.series_id AND n.valid_from > r.valid_from AND n.valid_from <= @cutoff)`
      ),
      orphanSettings: db.prepare("DELETE FROM resource_settings WHERE series_id NOT IN (SELECT series_id FROM series)"),
      orphanWorkloads: db.prepare("DELETE FROM workloads WHERE workload_id NOT IN (SELECT workload_id FROM series WHERE workload_id IS NOT NULL)")
    };
  }
  cutoffHour(nowMs, days) {
    return hourOfMinute(floorToMinute(nowMs - days * MS_PER_DAY));
  }
  prune(nowMs) {
    const minuteHour = this.cutoffHour(nowMs, this.policy.minuteDays);
    const rollupHour2 = this.cutoffHour(nowMs, this.policy.rollupDays);
    const eventCutoff = nowMs - this.policy.eventDays * MS_PER_DAY;
    const cutoffs = `${minuteHour}/${rollupHour2}`;
    const hourly = cutoffs !== this.lastCutoffs;
    const result = this.db.transaction(() => {
      const events = this.events.deleteOlderThan(eventCutoff);
      if (!hourly) return { minuteBlocks: 0, stagedMinutes: 0, rollups: 0, events, settings: 0, series: 0, workloads: 0 };
      const keptHour = Math.min(minuteHour, rollupHour2);
      const minuteBlocks = this.statements.blocks.run(minuteHour).changes;
      const stagedMinutes = this.statements.staged.run(minuteHour * MINUTES_PER_HOUR * SERIES_ID_LIMIT).changes;
      const rollups = this.statements.rollups.run(rollupHour2).changes;
      const series = this.statements.series.run(keptHour).changes;
      const settings = this.statements.supersededSettings.run({ cutoff: keptHour * MINUTES_PER_HOUR }).changes + (series > 0 ? this.statements.orphanSettings.run().changes : 0);
      const workloads = series > 0 ? this.statements.orphanWorkloads.run().changes : 0;
      return { minuteBlocks, stagedMinutes, rollups, events, settings, series, workloads };
    }).immediate();
    this.lastCutoffs = cutoffs;
    return result;
  }
};

// agent-core/store/metrics-store.ts
var PACKING_SPREAD_WRITES = 30;
var MetricsStore = class {
  file;
  db;
  hourGraceMinutes;
  registry;
  writer;
  packer;
  minutes;
  settings;
  readers;
  eventLog;
  retention;
  latestMinute;
  constructor(db, file, options) {
    this.db = db;
    this.file = file;
    this.hourGraceMinutes = options.hourGraceMinutes ?? 2;
    this.registry = new SeriesRegistry(db);
    this.writer = new MinuteWriter(db, this.registry);
    this.packer = new HourPacker(db);
    this.minutes = new MinuteReader(db);
    this.settings = new SettingsHistory(db);
    this.readers = { minutes: this.minutes, rollups: new RollupTable(db), settings: this.settings };
    this.eventLog = new EventLog(db);
    this.retention = new Retention(db, { ...DEFAULT_RETENTION, ...options.retention }, this.eventLog);
    this.latestMinute = this.minutes.stagedMinutes()?.last ?? -Infinity;
  }
  guard(work) {
    try {
      return work();
    } catch (err) {
      if (isDamagedFileError(err)) throw storeDamagedError(this.file, err);
      throw err;
    }
  }
  /** The first hour not yet complete once `minute` is reached, allowing for stragglers. */
  completeBefore(minute) {
    return Math.floor((minute - this.hourGraceMinutes) / MINUTES_PER_HOUR);
  }
  /** Writes one minute's samples and events in one transaction, then packs (part of) any hour that has completed. */
  write(batch) {
    this.guard(() => {
      let latest;
      try {
        latest = this.db.transaction(() => {
          const staged = this.writer.stage(batch);
          this.eventLog.record(batch.events ?? []);
          return staged;
        }).immediate();
      } catch (err) {
        this.registry.invalidate();
        throw err;
      }
      this.latestMinute = Math.max(this.latestMinute, latest);
      const budget = Math.max(SERIES_PER_SLICE, Math.ceil(this.registry.count() / PACKING_SPREAD_WRITES));
      try {
        this.packer.packHoursBefore(this.completeBefore(this.latestMinute), budget);
      } catch (err) {
        if (err.code !== "SQLITE_BUSY") throw err;
      }
    });
  }
  /** Records events seen outside a minute batch (from a watch, say). */
  recordEvents(events) {
    this.guard(() => this.db.transaction(() => this.eventLog.record(events)).immediate());
  }
  /**
   * Packs and rolls up every hour complete by `nowMs` (or by the latest minute written): for when
   * samples stop coming, as writes pack hours on their own. Returns the series-hours packed.
   */
  packCompletedHours(nowMs) {
    const latest = Math.max(this.latestMinute, nowMs === void 0 ? -Infinity : floorToMinute(nowMs));
    return this.guard(() => this.packer.packHoursBefore(this.completeBefore(latest)));
  }
  /** Chart points for one series: at most maxPoints, from minutes or hourly rollups as the range needs. */
  query(q) {
    return this.guard(() => queryChart(this.readers, this.registry.find(q.series), q));
  }
  /** Every stored minute of one series in a window, with the requests and limits then in force. */
  minuteSamples(q) {
    return this.guard(() => readMinuteSamples(this.readers, this.registry.find(q.series), q.from, q.to));
  }
  /** Each series' minutes in a window, one series at a time, without holding them all in memory. */
  allSeriesMinutes(q) {
    return readAllSeriesMinutes(
      { registry: this.registry, minutes: this.minutes, settings: this.settings, snapshot: (read) => this.guard(() => this.db.transaction(read).deferred()) },
      q
    );
  }
  events(filter) {
    return this.guard(() => this.eventLog.read(filter));
  }
  /** The series stored, optionally those of one workload (matching every field given). */
  listSeries(filter = {}) {
    return this.guard(
      () => this.registry.entries().filter((entry) => filter.kind === void 0 || entry.kind === filter.kind).filter((entry) => {
        if (!filter.workload) return true;
        const workload = this.registry.workloadOf(entry);
        return !!workload && Object.entries(filter.workload).every(([field, value]) => workload[field] === value);
      }).map((entry) => this.registry.infoOf(entry))
    );
  }
  /** Packs completed hours, then drops what retention no longer keeps. Cheap when called often: it works once an hour. */
  prune(nowMs) {
    return this.guard(() => {
      this.packCompletedHours(nowMs);
      const result = this.retention.prune(nowMs);
      if (result.series > 0) this.registry.invalidate();
      return result;
    });
  }
  /** Reads every page (seconds on a large file): throws the store-damaged error if any is corrupt. */
  checkIntegrity() {
    this.guard(() => {
      const problems = this.db.pragma("quick_check", { simple: false });
      const messages = problems.map((p) => p.quick_check);
      if (messages.length !== 1 || messages[0] !== "ok") throw storeDamagedError(this.file, new Error(messages.slice(0, 5).join("; ")));
    });
  }
  close() {
    if (!this.db.open) return;
    this.db.pragma("optimize");
    this.db.close();
  }
};
function openMetricsStore(options) {
  const file = path4.join(options.dataDir, STORE_FILE_NAME);
  const db = openStoreDatabase(file);
  try {
    return new MetricsStore(db, file, options);
  } catch (err) {
    db.close();
    if (isDamagedFileError(err)) throw storeDamagedError(file, err);
    throw err;
  }
}

// bench/child-side.ts
function childInput() {
  const text2 = process.argv[2];
  if (!text2) throw new Error("a bench child expects its input as JSON in argv[2] (start it with runChild)");
  return JSON.parse(text2);
}
var nextId = 0;
var pending = /* @__PURE__ */ new Map();
function onMessage(raw) {
  const message = raw;
  if (message.type !== "reply") return;
  const waiter = pending.get(message.id);
  pending.delete(message.id);
  if (pending.size === 0) process.off("message", onMessage);
  if (message.error) waiter?.reject(new Error(message.error));
  else waiter?.resolve(message.payload);
}
function askParent(name, payload) {
  if (!process.send) throw new Error("not started by runChild: no IPC channel");
  const id = nextId++;
  if (pending.size === 0) process.on("message", onMessage);
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    process.send({ type: "request", id, name, payload });
  });
}
function reportResult(result) {
  if (!process.send) {
    console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  }
  process.send({ type: "result", result }, () => process.exit(0));
}
function runAsChild(main) {
  main().then(reportResult, (err) => {
    console.error(err);
    process.exit(1);
  });
}

// bench/measure.ts
import { performance as performance2 } from "node:perf_hooks";
var MB = 1024 * 1024;
function median(values2) {
  if (values2.length === 0) return NaN;
  const sorted = [...values2].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
async function timed(fn) {
  const cpu = process.cpuUsage();
  const began = performance2.now();
  const result = await fn();
  const wallMs = performance2.now() - began;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1e3 };
}
function rssBytes() {
  return process.memoryUsage().rss;
}
function maxRssBytes() {
  return process.resourceUsage().maxRSS * 1024;
}
function collectGarbage() {
  const gc = globalThis.gc;
  if (!gc) return;
  for (let i = 0; i < 3; i++) gc();
}

// bench/metrics-cycle.child.ts
var CONCURRENCY = 32;
var TIMEOUT_MS = 2e4;
runAsChild(async () => {
  const input = childInput();
  const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig: input.kubeconfig }), input.context));
  collectGarbage();
  const baselineRss = rssBytes();
  const inventory = await startInventory({ kubeConfig });
  await inventory.waitUntilSettled(6e5);
  const store = openMetricsStore({ dataDir: input.dataDir });
  const rssAfterSync = rssBytes();
  const problems = {};
  const collector = new MetricsCollector({
    kubeConfig,
    inventory: new InventoryCollectorView(inventory),
    store,
    onProblem: (p) => {
      const seen = problems[p.kind] ??= { count: 0, example: p.message };
      seen.count++;
    }
  });
  const runs = [];
  for (let c = 0; c <= input.cycles; c++) {
    await askParent("step-clock");
    const run = await timed(() => collector.collectOnce());
    runs.push({ wallMs: run.wallMs, cpuMs: run.cpuMs, report: run.result });
    store.prune(Date.now());
  }
  const rssAfterCycles = rssBytes();
  const maxRssDuringCycles = maxRssBytes();
  await new Promise((resolve) => setTimeout(resolve, 6e3));
  const targets = new InventoryCollectorView(inventory).scrapeTargets();
  const bodies = [];
  const fetch = await timed(
    () => forEachBounded(targets, CONCURRENCY, async (target) => {
      const get = (endpoint) => kubeRequestBody(kubeConfig, {
        path: `/api/v1/nodes/${encodeURIComponent(target.name)}/proxy/${endpoint === "summary" ? "stats/summary" : "metrics/cadvisor"}`,
        timeoutMs: TIMEOUT_MS,
        accept: endpoint === "cadvisor" ? "text/plain" : "application/json"
      }).then((body) => bodies.push({ endpoint, body }));
      await Promise.all([get("summary"), get("cadvisor")]);
    })
  );
  const readSplit = [];
  let lines = 0;
  for (let r = 0; r < 3; r++) {
    collectGarbage();
    const t = await timed(() => {
      lines = 0;
      for (const { body } of bodies) lines += body.toString("utf8").split("\n").length;
    });
    readSplit.push(t);
  }
  const bytesOf = (endpoint) => bodies.filter((b) => b.endpoint === endpoint).reduce((n, b) => n + b.body.length, 0);
  const storeFileBytes = fs4.statSync(store.file).size;
  store.close();
  await inventory.stop();
  return {
    problems,
    warmUp: runs[0],
    cycles: runs.slice(1),
    baselineRss,
    rssAfterSync,
    rssAfterCycles,
    maxRssDuringCycles,
    storeFileBytes,
    reference: {
      nodes: targets.length,
      summaryBytes: bytesOf("summary"),
      cadvisorBytes: bytesOf("cadvisor"),
      lines,
      fetchWallMs: fetch.wallMs,
      fetchCpuMs: fetch.cpuMs,
      readSplitCpuMs: median(readSplit.map((r) => r.cpuMs)),
      readSplitWallMs: median(readSplit.map((r) => r.wallMs))
    }
  };
});
