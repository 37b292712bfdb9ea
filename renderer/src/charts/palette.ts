import type { Theme } from '../state/theme-store.ts';

/** Chart colours per theme: recharts takes colours as props, so they live here rather than in the CSS. */
export interface ChartPalette {
  cpu: string;
  memory: string;
  throttling: string;
  request: string;
  limit: string;
  /** A recommendation's proposed request and limit, drawn over the current ones. */
  proposedRequest: string;
  proposedLimit: string;
  oom: string;
  restart: string;
  grid: string;
  axis: string;
  cursor: string;
}

const LIGHT: ChartPalette = {
  cpu: '#2563eb',
  memory: '#7c3aed',
  throttling: '#d97706',
  request: '#059669',
  limit: '#dc2626',
  proposedRequest: '#0891b2',
  proposedLimit: '#c026d3',
  oom: '#dc2626',
  restart: '#ea580c',
  grid: '#e5e7eb',
  axis: '#6b7280',
  cursor: '#9ca3af',
};

const DARK: ChartPalette = {
  cpu: '#60a5fa',
  memory: '#a78bfa',
  throttling: '#fbbf24',
  request: '#34d399',
  limit: '#f87171',
  proposedRequest: '#22d3ee',
  proposedLimit: '#e879f9',
  oom: '#f87171',
  restart: '#fb923c',
  grid: '#2a3140',
  axis: '#9aa4b2',
  cursor: '#4b5563',
};

export function chartPalette(theme: Theme): ChartPalette {
  return theme === 'dark' ? DARK : LIGHT;
}
