/**
 * A typed listener set whose subscribe answers its own unsubscribe. A listener that throws is reported and skipped:
 * it must not break the reflector that delivered the event (which would relist in a loop).
 */
export class Subscribers<T> {
  private readonly listeners = new Set<(event: T) => void>();

  constructor(private readonly onListenerError: (err: unknown) => void = (err) => console.error('inventory listener failed:', err)) {}

  subscribe(listener: (event: T) => void): () => void {
    const own = (event: T) => listener(event);
    this.listeners.add(own);
    return () => this.listeners.delete(own);
  }

  emit(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
