import type { WorkloadDetail } from '../../../../agent-core/contract/app-contract.ts';
import { formatBytes, formatCores, formatRatio } from '../../format/units.ts';
import { Badge } from '../common/Badge.tsx';
import { OwnerChain } from './OwnerChain.tsx';

export function DetailHeader({ detail }: { detail: WorkloadDetail }) {
  const { row } = detail;
  const notReady = row.desired !== null && row.ready < row.desired;
  return (
    <div className="detail-header">
      <div className="detail-header__title">
        <Badge tone="info">{row.kind}</Badge>
        <h1 className="screen-title">
          <span className="muted">{row.namespace} / </span>
          {row.name}
        </h1>
      </div>
      <dl className="facts facts--inline">
        <div className="facts__item">
          <dt>Ready</dt>
          <dd className={notReady ? 'cell--warn' : ''} data-testid="detail-ready">
            {row.ready}/{row.desired ?? '—'}
          </dd>
        </div>
        <div className="facts__item">
          <dt>QoS</dt>
          <dd>{detail.qosClass ? <Badge tone={detail.qosClass === 'BestEffort' ? 'warn' : 'neutral'}>{detail.qosClass}</Badge> : '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>CPU req / lim</dt>
          <dd>
            {formatCores(row.cpuRequest)} / {formatCores(row.cpuLimit)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Mem req / lim</dt>
          <dd>
            {formatBytes(row.memRequest)} / {formatBytes(row.memLimit)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Throttled</dt>
          <dd>{formatRatio(row.throttled)}</dd>
        </div>
        <div className="facts__item">
          <dt>Restarts</dt>
          <dd className={row.restarts > 0 ? 'cell--warn' : ''}>{row.restarts}</dd>
        </div>
        <div className="facts__item">
          <dt>OOM kills</dt>
          <dd className={row.ooms > 0 ? 'cell--error' : ''}>{row.ooms}</dd>
        </div>
        <div className="facts__item">
          <dt>Owners</dt>
          <dd>
            <OwnerChain chain={detail.ownerChain} />
          </dd>
        </div>
      </dl>
    </div>
  );
}
