import { settingsAt } from '../trace/settings-timeline.ts';
import type { Recommender } from './recommender.ts';

/** The teams' own values, as in force on the scored day. */
export const currentValues: Recommender = {
  name: 'current',
  forContainer: (c) => ({ learn() {}, propose: (origin) => settingsAt(c.settings, origin) }),
};
