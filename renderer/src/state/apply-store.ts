import { create } from 'zustand';
import type { AppError, ApplyPreview, ApplyResult } from '../../../agent-core/contract/app-contract.ts';
import { toAppError } from './app-error.ts';
import { currentClient } from './connection-store.ts';
import { auditResource, recommendationsResource, workloadResource, workloadsResource } from './resources.ts';

/**
 * The approve-to-apply flow, one at a time: preview (a server-side dry run) → the user reads the diff and
 * confirms → the real patch, followed through the rollout → the result, with an undo offered. Kept outside the
 * recommendation's panel: an apply changes the recommendation (or makes it go), and the dialog must stay.
 */
export type ApplyPhase = 'closed' | 'previewing' | 'preview' | 'applying' | 'result';

export interface ApplyTarget {
  recommendationId: string;
  undo: boolean;
  /** What the dialog says while the preview loads: "etl-worker / worker". */
  label: string;
  /** The recommendation's container: if new data moved the proposal since, the core previews the current one. */
  container?: { workloadUid: string; container: string };
}

interface ApplyStore {
  phase: ApplyPhase;
  target: ApplyTarget | null;
  preview: ApplyPreview | null;
  result: ApplyResult | null;
  error: AppError | null;
  /** What failed: the preview or the apply (the error panel offers to try that again). */
  errorDuring: 'preview' | 'apply' | null;
  /** The rollout's steps so far, while applying (the core pushes them as they happen). */
  progress: string[];
  noteProgress(event: { previewId: string; progress: string }): void;
  startPreview(target: ApplyTarget): Promise<void>;
  confirm(): Promise<void>;
  close(): void;
}

let generation = 0;

const NOT_CONNECTED: AppError = { code: 'disconnected', message: 'Not connected to the core: wait for the connection to come back, then try again.' };

export const useApply = create<ApplyStore>((set, get) => ({
  phase: 'closed',
  target: null,
  preview: null,
  result: null,
  error: null,
  errorDuring: null,
  progress: [],

  noteProgress({ previewId, progress }) {
    const { phase, preview } = get();
    if (phase === 'applying' && preview?.previewId === previewId) set((s) => ({ progress: [...s.progress, progress] }));
  },

  async startPreview(target) {
    const mine = ++generation;
    set({ phase: 'previewing', target, preview: null, result: null, error: null, errorDuring: null, progress: [] });
    const client = currentClient();
    if (!client) {
      set({ phase: 'preview', error: NOT_CONNECTED, errorDuring: 'preview' });
      return;
    }
    try {
      const preview = await client.request('apply.preview', {
        recommendationId: target.recommendationId,
        ...(target.undo ? { undo: true } : {}),
        ...(target.container ? { container: target.container } : {}),
      });
      if (mine === generation) set({ phase: 'preview', preview });
    } catch (err) {
      if (mine === generation) set({ phase: 'preview', error: toAppError(err), errorDuring: 'preview' });
    } finally {
      // Every dry run is audited.
      auditResource.refresh();
    }
  },

  async confirm() {
    const { preview, phase } = get();
    if (!preview || phase !== 'preview') return;
    const mine = ++generation;
    set({ phase: 'applying', error: null, errorDuring: null, progress: [] });
    const client = currentClient();
    if (!client) {
      set({ phase: 'preview', error: NOT_CONNECTED, errorDuring: 'apply' });
      return;
    }
    try {
      const result = await client.request('apply.confirm', { previewId: preview.previewId });
      if (mine === generation) set({ phase: 'result', result });
    } catch (err) {
      if (mine === generation) set({ phase: 'preview', error: toAppError(err), errorDuring: 'apply' });
    } finally {
      auditResource.refresh();
      recommendationsResource.refresh();
      workloadsResource.refresh();
      workloadResource.refresh();
    }
  },

  close() {
    // An apply in flight goes on in the core; its answer is no longer shown.
    generation++;
    set({ phase: 'closed', target: null, preview: null, result: null, error: null, errorDuring: null, progress: [] });
  },
}));
