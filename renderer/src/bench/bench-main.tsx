// The renderer's benchmark page (bench.html): the workloads browser and a workload's charts rendered from
// generated data, no core needed. Query: ?rows=10000&minutes=10080&containers=1&width=1200.
// `npm run bench` types into the search box and reads the ci:filter and ci:chart measures; window.ciBench
// re-renders the charts with fresh data to measure again.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ChartRange, WorkloadCharts } from '../../../agent-core/contract/app-contract.ts';
import { ContainerCharts } from '../charts/ContainerCharts.tsx';
import { WorkloadsBrowser } from '../components/workloads/WorkloadsBrowser.tsx';
import { markChartData } from '../perf/marks.ts';
import { applyThemeToDocument, useTheme } from '../state/theme-store.ts';
import { generateCharts, generateRows } from './generate.ts';
import '../styles/index.css';
import './bench.css';

const query = new URLSearchParams(location.search);
const numberParam = (name: string, fallback: number) => {
  const value = Number(query.get(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const ROWS = generateRows(numberParam('rows', 10_000));
const MINUTES = numberParam('minutes', 10_080);
const CONTAINERS = numberParam('containers', 1);
const WIDTH = numberParam('width', 1200);

declare global {
  interface Window {
    ciBench?: { renderCharts(): void; opened: string[] };
  }
}

function BenchPage() {
  const [range, setRange] = useState<ChartRange>('7d');
  const [charts, setCharts] = useState<WorkloadCharts>(() => {
    markChartData();
    return generateCharts(MINUTES, CONTAINERS);
  });
  const theme = useTheme((s) => s.theme);
  const [opened] = useState<string[]>([]);
  window.ciBench = {
    renderCharts() {
      markChartData();
      setCharts(generateCharts(MINUTES, CONTAINERS, Date.now(), Math.floor(Math.random() * 1e9)));
    },
    opened,
  };
  return (
    <div className="bench">
      <section className="bench__table" data-testid="bench-workloads">
        <WorkloadsBrowser rows={ROWS} range={range} onRangeChange={setRange} onOpen={(uid) => opened.push(uid)} />
      </section>
      <section className="bench__charts" data-testid="bench-charts" style={{ width: WIDTH }}>
        <ContainerCharts charts={charts} width={WIDTH} theme={theme} />
      </section>
    </div>
  );
}

applyThemeToDocument();
const root = document.getElementById('root');
if (!root) throw new Error('bench.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BenchPage />
  </StrictMode>,
);
