import { forEachSampledMinute } from './hour-samples.ts';
import { displayValue } from './metric-scales.ts';
import type { MinuteReader } from './minute-reader.ts';
import type { MinuteUsage, ResourceSettings } from './sample-types.ts';
import type { SeriesEntry } from './series-registry.ts';
import { type SettingsHistory, settingsAt } from './settings-history.ts';
import { MS_PER_MINUTE, ceilToMinute } from './units.ts';

/** One stored minute as the CLI prints it: usage and the requests and limits then in force. */
export interface MinuteSample extends MinuteUsage, ResourceSettings {
  /** ms epoch of the minute */
  t: number;
}

const NO_SETTINGS: ResourceSettings = { cpuRequest: null, cpuLimit: null, memRequest: null, memLimit: null };

/** Every sampled minute of one series in [fromMs, toMs), oldest first. */
export function readMinuteSamples(sources: { minutes: MinuteReader; settings: SettingsHistory }, series: SeriesEntry | undefined, fromMs: number, toMs: number): MinuteSample[] {
  if (!series) return [];
  const fromMinute = ceilToMinute(fromMs);
  const toMinute = ceilToMinute(toMs);
  const hours = sources.minutes.read(series.id, series.id + 1, fromMinute, toMinute).get(series.id) ?? new Map();
  const usage: Array<MinuteUsage & { t: number }> = [];
  forEachSampledMinute(hours, fromMinute, toMinute, (minute, samples, i) => {
    usage.push({
      t: minute * MS_PER_MINUTE,
      cpuCores: displayValue(samples.values[0]![i]!, 0),
      memoryWorkingSetBytes: displayValue(samples.values[1]![i]!, 1),
      memoryRssBytes: displayValue(samples.values[2]![i]!, 2),
      throttledRatio: displayValue(samples.values[3]![i]!, 3),
    });
  });
  const inForce = settingsAt(
    sources.settings.readOne(series.id, fromMinute, toMinute),
    usage.map((u) => u.t),
  );
  return usage.map((u, i) => {
    const { cpuRequest, cpuLimit, memRequest, memLimit } = inForce[i] ?? NO_SETTINGS;
    return { ...u, cpuRequest, cpuLimit, memRequest, memLimit };
  });
}
