// A staged minute's row id packs the minute and the series, minute first: every batch appends at the
// end of the table, and one series' minute is a single primary-key lookup.
import { SERIES_ID_LIMIT } from './series-registry.ts';

export const stagedId = (minute: number, seriesId: number): number => minute * SERIES_ID_LIMIT + seriesId;
export const minuteOfStagedId = (id: number): number => Math.floor(id / SERIES_ID_LIMIT);
export const seriesOfStagedId = (id: number): number => id % SERIES_ID_LIMIT;
