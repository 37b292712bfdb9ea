import { useResource } from '../../state/resource.ts';
import { workloadsResource } from '../../state/resources.ts';
import { useRange } from '../../state/range-store.ts';
import { useRoute } from '../../state/route-store.ts';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { WorkloadsBrowser } from './WorkloadsBrowser.tsx';

export function WorkloadsScreen() {
  const range = useRange((s) => s.range);
  const setRange = useRange((s) => s.setRange);
  const navigate = useRoute((s) => s.navigate);
  // Switching the range keeps the rows (and the user's place in them) while the new percentiles load.
  const workloads = useResource(workloadsResource, { range }, () => true);
  const title = (
    <div className="screen__head">
      <h1 className="screen-title">Workloads</h1>
    </div>
  );
  if (!workloads.data && workloads.error) {
    return (
      <div className="screen">
        {title}
        <ErrorMessage error={workloads.error} title="Could not load the workloads" onRetry={workloadsResource.refresh} />
      </div>
    );
  }
  const notice = workloads.error && (
    <ErrorMessage error={workloads.error} title="Could not refresh the workloads: showing the last list received" onRetry={workloadsResource.refresh} />
  );
  return (
    <div className="screen screen--fill">
      {title}
      <WorkloadsBrowser
        rows={workloads.data?.rows ?? null}
        range={range}
        onRangeChange={setRange}
        onOpen={(uid) => navigate({ screen: 'workload', uid })}
        notice={notice}
        refreshing={workloads.loading && workloads.data !== null}
      />
    </div>
  );
}
