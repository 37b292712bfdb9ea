/** A toolbar filter: "All <things>" (null) or one of the values. */
export function FilterSelect<T extends string>({
  label,
  allLabel,
  values,
  value,
  onChange,
  testId,
}: {
  label: string;
  allLabel: string;
  values: readonly T[];
  value: T | null;
  onChange: (value: T | null) => void;
  testId: string;
}) {
  return (
    <select className="select" aria-label={label} data-testid={testId} value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as T | null)}>
      <option value="">{allLabel}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </select>
  );
}
