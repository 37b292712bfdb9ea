// bench/store-rss.child.ts
import fs2 from "node:fs";
import path3 from "node:path";
import { performance } from "node:perf_hooks";

// agent-core/store/metrics-store.ts
import path2 from "node:path";

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
  const [cpuCores, memoryWorkingSetBytes, memoryRssBytes, throttledRatio] = METRICS.map(
    (_, m) => Float64Array.from(refs, ([samples, i]) => {
      const v = samples.values[m][i];
      return Number.isNaN(v) ? NaN : DISPLAY_CONVERSIONS[m](v);
    })
  );
  return { series: registry.infoOf(entry), t, cpuCores, memoryWorkingSetBytes, memoryRssBytes, throttledRatio, settings };
}

// agent-core/store/hour-rollup.ts
function nearestRank(sortedAscending, fraction) {
  const rank = Math.max(1, Math.ceil(fraction * sortedAscending.length));
  return sortedAscending[rank - 1];
}
function rollupOf(values) {
  if (values.length === 0) return null;
  values.sort();
  let sum = 0;
  for (const v of values) sum += v;
  return { n: values.length, min: values[0], sum, max: values[values.length - 1], p95: nearestRank(values, 0.95) };
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
  deleteOlderThan(time) {
    return this.deleteBefore.run(time).changes;
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
    const values = hour.values[m];
    const own = maskOf((i) => hour.present[i] === 1 && !Number.isNaN(values[i]));
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
      out.signed(values[i] - previous);
      previous = values[i];
    }
  }
  return out.finish();
}
function decodeMinuteBlock(bytes) {
  const input = new ByteReader(bytes);
  const format = input.byte();
  if (format !== FORMAT_V1) throw new RangeError(`A packed minute block has format ${format}, which this version does not read.`);
  const hour = emptyHourSamples();
  const sampled = { low: input.uint32(), high: input.uint32() };
  for (let i = 0; i < MINUTES_PER_HOUR; i++) hour.present[i] = inMask(sampled, i) ? 1 : 0;
  for (let m = 0; m < METRICS.length; m++) {
    const coverage = input.byte();
    if (coverage === Coverage.None) continue;
    const own = coverage === Coverage.OwnMask ? { low: input.uint32(), high: input.uint32() } : sampled;
    const values = hour.values[m];
    let previous = 0;
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      if (!inMask(own, i)) continue;
      previous += input.signed();
      values[i] = previous;
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
    const at = offset + m * FIELDS.length;
    const n = row[at];
    if (n === null || n === void 0) return null;
    return { n, min: row[at + 1], sum: row[at + 2], max: row[at + 3], p95: row[at + 4] };
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
import fs from "node:fs";
import path from "node:path";
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
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (cause) {
    throw new UserFacingError("store-unopenable", `Cannot create the data folder ${path.dirname(file)} (${cause.message}). Choose a data folder you can write to.`, 2, { cause });
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
  const file = path2.join(options.dataDir, STORE_FILE_NAME);
  const db = openStoreDatabase(file);
  try {
    return new MetricsStore(db, file, options);
  } catch (err) {
    db.close();
    if (isDamagedFileError(err)) throw storeDamagedError(file, err);
    throw err;
  }
}

// agent-core/store/testing/synthetic-fleet.ts
var MIB = 1024 * 1024;
var DAY_MS = 864e5;
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
var Random = class {
  next;
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  uniform(lo = 0, hi = 1) {
    return lo + (hi - lo) * this.next();
  }
  chance(p) {
    return this.next() < p;
  }
  gaussian(mean = 0, sd = 1) {
    const u = Math.max(this.next(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  logNormal(median2, spread) {
    return median2 * Math.exp(this.gaussian(0, spread));
  }
};
var SyntheticFleet = class {
  random;
  slots = [];
  rolloutsPerMinute;
  constructor(options) {
    this.random = new Random(options.seed ?? 1);
    this.rolloutsPerMinute = (options.rolloutsPerDay ?? 0.1) / 1440;
    const r = this.random;
    for (let i = 0; i < options.containers; i++) {
      const workloadIndex = Math.floor(i / 3);
      const namespace = `team-${workloadIndex % 12}`;
      const name = `app-${workloadIndex}`;
      const workload = { kind: workloadIndex % 7 === 0 ? "StatefulSet" : "Deployment", namespace, name, uid: `uid-${workloadIndex}` };
      const idle = r.chance(0.3);
      const cpuLevelCores = idle ? r.uniform(1e-3, 0.01) : Math.min(4, r.logNormal(0.12, 1.1));
      const memBaseBytes = Math.min(8192 * MIB, r.logNormal(180 * MIB, 1));
      const hasRequests = r.chance(0.8);
      const cpuLimit = r.chance(0.5) ? Math.round(cpuLevelCores * r.uniform(1.1, 4) * 1e3) / 1e3 : null;
      this.slots.push({
        workload,
        podPrefix: `${name}-${i * 2654435761 % 99991}`,
        container: i % 3 === 2 ? "sidecar" : "main",
        generation: 0,
        cpuLevelCores,
        cpuNoise: r.uniform(0.08, 0.35),
        dailyPhase: r.uniform(0, 2 * Math.PI),
        memBaseBytes,
        memNow: memBaseBytes,
        leakBytesPerMinute: r.chance(0.05) ? memBaseBytes * r.uniform(2e-4, 1e-3) : 0,
        rssShare: r.uniform(0.6, 0.95),
        reportsRss: !r.chance(0.03),
        cpuRequest: hasRequests ? Math.max(0.01, Math.round(cpuLevelCores * r.uniform(0.5, 3) * 100) / 100) : null,
        cpuLimit,
        memRequest: hasRequests ? Math.ceil(memBaseBytes * r.uniform(0.8, 2) / (64 * MIB)) * 64 * MIB : null,
        memLimit: r.chance(0.6) ? Math.ceil(memBaseBytes * r.uniform(1.5, 3) / (64 * MIB)) * 64 * MIB : null,
        throttleLevel: cpuLimit !== null && r.chance(0.3) ? r.uniform(0.02, 0.3) : 0
      });
    }
  }
  containerKey(slot) {
    return `${slot.workload.namespace}/${slot.podPrefix}-${slot.generation}/${slot.container}`;
  }
  /** Every container's sample for one minute (ms epoch on a minute boundary); a few skip a minute. */
  batchAt(minute) {
    const r = this.random;
    const daily = (phase) => 1 + 0.3 * Math.sin(2 * Math.PI * (minute % DAY_MS) / DAY_MS + phase);
    const batch = [];
    for (const slot of this.slots) {
      if (r.chance(this.rolloutsPerMinute)) {
        slot.generation++;
        slot.memNow = slot.memBaseBytes;
      }
      slot.memNow += r.gaussian(0, slot.memBaseBytes * 4e-3) + 0.05 * (slot.memBaseBytes - slot.memNow) + slot.leakBytesPerMinute;
      if (r.chance(1e-3)) continue;
      const cpu = Math.max(0, slot.cpuLevelCores * daily(slot.dailyPhase) * (1 + r.gaussian(0, slot.cpuNoise)));
      const pageAligned = (bytes) => Math.max(4096, Math.round(bytes / 4096) * 4096);
      batch.push({
        containerKey: this.containerKey(slot),
        workload: slot.workload,
        minute,
        cpuCores: cpu,
        memoryWorkingSetBytes: pageAligned(slot.memNow),
        memoryRssBytes: slot.reportsRss ? pageAligned(slot.memNow * slot.rssShare + r.gaussian(0, slot.memBaseBytes * 2e-3)) : null,
        throttledRatio: slot.cpuLimit === null ? null : Math.min(1, Math.max(0, slot.throttleLevel > 0 ? r.gaussian(slot.throttleLevel, slot.throttleLevel / 2) : 0)),
        cpuRequest: slot.cpuRequest,
        cpuLimit: slot.cpuLimit,
        memRequest: slot.memRequest,
        memLimit: slot.memLimit
      });
    }
    return batch;
  }
};

// bench/child-side.ts
function childInput() {
  const text = process.argv[2];
  if (!text) throw new Error("a bench child expects its input as JSON in argv[2] (start it with runChild)");
  return JSON.parse(text);
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
var MB = 1024 * 1024;
function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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

// bench/store-rss.child.ts
var DAY_MS2 = 864e5;
runAsChild(async () => {
  const input = childInput();
  const fleet = new SyntheticFleet({ containers: input.containers, seed: input.seed });
  collectGarbage();
  const baselineRss = rssBytes();
  const store = openMetricsStore({ dataDir: input.dataDir });
  const rssAfterOpen = rssBytes();
  const writes = [];
  for (let m = 0; m < input.minutes; m++) {
    const batch = fleet.batchAt(input.endMs + m * 6e4);
    const began = performance.now();
    store.write({ containers: batch });
    writes.push(performance.now() - began);
  }
  const pruneBegan = performance.now();
  store.prune(Date.now());
  const pruneMs = performance.now() - pruneBegan;
  const rssAfterWrites = rssBytes();
  const series = store.listSeries({ kind: "container" });
  const picks = Array.from({ length: 20 }, (_, i) => series[Math.floor((i + 0.5) * series.length / 20)]);
  const to = input.endMs + input.minutes * 6e4;
  const queryTimes = (days) => picks.map((s) => {
    const began = performance.now();
    store.query({ series: s, from: to - days * DAY_MS2, to, maxPoints: 2e3 });
    return performance.now() - began;
  });
  const weekQueryMedianMs = median(queryTimes(input.days));
  const monthQueryMedianMs = median(queryTimes(30));
  const rssAfterQueries = rssBytes();
  const maxRssBeforeBulk = maxRssBytes();
  let bulkMinutes = 0;
  let read = 0;
  const bulkBegan = performance.now();
  for (const minutes of store.allSeriesMinutes({ from: to - input.days * DAY_MS2, to })) {
    bulkMinutes += minutes.t.length;
    if (++read >= input.bulkSeries) break;
  }
  const bulkMs = performance.now() - bulkBegan;
  const rssAfterBulk = rssBytes();
  const maxRss = maxRssBytes();
  store.close();
  return {
    fileBytes: fs2.statSync(path3.join(input.dataDir, STORE_FILE_NAME)).size,
    baselineRss,
    rssAfterOpen,
    rssAfterWrites,
    rssAfterQueries,
    maxRssBeforeBulk,
    rssAfterBulk,
    maxRss,
    writeMedianMs: median(writes),
    pruneMs,
    weekQueryMedianMs,
    monthQueryMedianMs,
    bulkMinutes,
    bulkMs
  };
});
