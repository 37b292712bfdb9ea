/** The stored object, masked by the core (env values, args, last-applied); collapsed until asked for. */
export function YamlView({ yaml }: { yaml: string }) {
  return (
    <details className="yaml-view" data-testid="yaml-view">
      <summary>
        YAML <span className="muted">(env values, args and last-applied configuration masked)</span>
      </summary>
      <pre className="yaml-view__code" tabIndex={0}>
        <code>{yaml}</code>
      </pre>
    </details>
  );
}
