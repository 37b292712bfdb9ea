import type { ReactNode } from 'react';
import type { ResourceState } from '../../state/resource.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Skeleton } from './Skeleton.tsx';

interface Props<T> {
  state: ResourceState<T>;
  onRetry: () => void;
  /** What to show while nothing has arrived yet; a few skeleton lines by default. */
  loading?: ReactNode;
  errorTitle?: string;
  children: (data: T) => ReactNode;
}

/**
 * Loading, error and data for one resource. A failed refresh keeps the last data on screen under the error,
 * so a hiccup does not blank a screen the user is reading.
 */
export function ResourceView<T>({ state, onRetry, loading, errorTitle, children }: Props<T>) {
  if (state.data === null) {
    if (state.error) return <ErrorMessage error={state.error} title={errorTitle} onRetry={onRetry} />;
    return <>{loading ?? <Skeleton lines={4} />}</>;
  }
  return (
    <>
      {state.error && <ErrorMessage error={state.error} title="Could not refresh: showing the last data received" onRetry={onRetry} />}
      {children(state.data)}
    </>
  );
}
