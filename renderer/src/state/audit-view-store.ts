import { create } from 'zustand';
import type { AuditFilter } from '../apply/audit-rows.ts';

export const useAuditView = create<AuditFilter & { set(patch: Partial<AuditFilter>): void }>((set) => ({
  outcome: null,
  action: null,
  set: (patch) => set(patch),
}));
