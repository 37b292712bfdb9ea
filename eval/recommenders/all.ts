import { currentValues } from './current.ts';
import { krrSimple } from './krr-simple.ts';
import { oracle } from './oracle.ts';
import { oursRecommender } from './ours.ts';
import type { Recommender } from './recommender.ts';
import { vpa } from './vpa.ts';

/** The table's rows, in order: ours first, the oracle last. */
export function allRecommenders(ours: Recommender = oursRecommender()): Recommender[] {
  return [ours, vpa, krrSimple, currentValues, oracle];
}
