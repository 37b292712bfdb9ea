import type { ResourceValues } from '../../agent-core/recommend/index.ts';

/** Requests and limits over a trace: each entry holds from its minute until the next. */
export type SettingsTimeline = ReadonlyArray<{ fromMinute: number; values: ResourceValues }>;

export function settingsAt(timeline: SettingsTimeline, minute: number): ResourceValues {
  let current = timeline[0]!.values;
  for (const entry of timeline) {
    if (entry.fromMinute > minute) break;
    current = entry.values;
  }
  return current;
}
