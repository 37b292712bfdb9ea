import type { ContainerSpecView } from '../../../../agent-core/contract/app-contract.ts';
import { formatBytes, formatCores } from '../../format/units.ts';
import { Badge } from '../common/Badge.tsx';

type Setting = 'cpuRequest' | 'cpuLimit' | 'memRequest' | 'memLimit';

const DEFAULTED_NAME: Record<Setting, string> = { cpuRequest: 'requests.cpu', cpuLimit: 'limits.cpu', memRequest: 'requests.memory', memLimit: 'limits.memory' };

/** Whether a LimitRange filled this value in (the contract names them "requests.cpu", "limits.memory"…). */
export function isDefaulted(defaulted: readonly string[], setting: Setting): boolean {
  return defaulted.includes(DEFAULTED_NAME[setting]);
}

function SettingCell({ container, setting }: { container: ContainerSpecView; setting: Setting }) {
  const value = container[setting];
  const text = setting.startsWith('cpu') ? formatCores(value) : formatBytes(value);
  const defaulted = isDefaulted(container.defaulted, setting);
  return (
    <td className="num" data-defaulted={defaulted || undefined}>
      {value === null ? <span className="muted">none</span> : text}
      {defaulted && (
        <span className="defaulted" title="Not in the spec: defaulted by the namespace's LimitRange">
          LimitRange
        </span>
      )}
    </td>
  );
}

function ProbeChip({ label, probe }: { label: string; probe: ContainerSpecView['readiness'] }) {
  if (!probe) return null;
  return (
    <span className="chip" title={`${label} probe: ${probe.type} ${probe.detail}`}>
      {label} <span className="muted">{probe.type}</span>
      {probe.detail && <span className="mono chip__detail">{probe.detail}</span>}
    </span>
  );
}

export function ContainersTable({ containers }: { containers: readonly ContainerSpecView[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="containers-table">
        <thead>
          <tr>
            <th scope="col">Container</th>
            <th scope="col">Image</th>
            <th scope="col" className="num">CPU req</th>
            <th scope="col" className="num">CPU lim</th>
            <th scope="col" className="num">Mem req</th>
            <th scope="col" className="num">Mem lim</th>
            <th scope="col">Probes</th>
          </tr>
        </thead>
        <tbody>
          {containers.map((c) => (
            <tr key={`${c.init ? 'init:' : ''}${c.name}`} data-testid="container-row" data-container={c.name}>
              <td>
                <span className="mono strong">{c.name}</span> {c.init && <Badge>init</Badge>}
              </td>
              <td className="mono wrap-anywhere image-cell">{c.image ?? '—'}</td>
              <SettingCell container={c} setting="cpuRequest" />
              <SettingCell container={c} setting="cpuLimit" />
              <SettingCell container={c} setting="memRequest" />
              <SettingCell container={c} setting="memLimit" />
              <td>
                {!c.readiness && !c.liveness && !c.startup ? (
                  <span className="muted">none</span>
                ) : (
                  <span className="chips">
                    <ProbeChip label="readiness" probe={c.readiness} />
                    <ProbeChip label="liveness" probe={c.liveness} />
                    <ProbeChip label="startup" probe={c.startup} />
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
