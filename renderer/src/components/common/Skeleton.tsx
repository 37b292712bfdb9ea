interface Props {
  /** Number of placeholder lines. */
  lines?: number;
  className?: string;
  label?: string;
}

/** A placeholder the shape of what is loading: the screen is never blank while the core answers. */
export function Skeleton({ lines = 3, className = '', label = 'Loading…' }: Props) {
  return (
    <div className={`skeleton ${className}`} role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton__line" />
      ))}
    </div>
  );
}

export function SkeletonBlock({ className = '' }: { className?: string }) {
  return <div className={`skeleton__block ${className}`} aria-hidden="true" />;
}
