import type { WorkloadDetail } from '../../../../agent-core/contract/app-contract.ts';

/** Who owns whom, e.g. CronJob → Job, or Deployment → ReplicaSet: what `kubectl get -o yaml` buries in metadata. */
export function OwnerChain({ chain }: { chain: WorkloadDetail['ownerChain'] }) {
  if (chain.length === 0) return <span className="muted">none (top-level)</span>;
  return (
    <ol className="owner-chain" data-testid="owner-chain">
      {chain.map((owner) => (
        <li key={owner.uid} className="owner-chain__item">
          <span className="muted">{owner.kind}</span> <span className="mono">{owner.name}</span>
        </li>
      ))}
    </ol>
  );
}
