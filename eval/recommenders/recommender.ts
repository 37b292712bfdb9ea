import type { ResourceValues } from '../../agent-core/recommend/index.ts';
import type { EvalContainer } from '../trace/eval-container.ts';

/** One recommender following one container through the rolling origin. */
export interface ContainerRecommender {
  /** Learns the observed minutes [from, to); called in order, a day at a time. */
  learn(from: number, to: number): void;
  /** Its proposal for the day starting at minute `origin`, from what it learned before it. */
  propose(origin: number): ResourceValues;
}

export interface Recommender {
  readonly name: string;
  forContainer(container: EvalContainer): ContainerRecommender;
}
