// The child's half of bench/child-process.ts: its input, its result, and questions to the parent.
import type { ChildMessage } from './child-process.ts';

export function childInput<Input>(): Input {
  const text = process.argv[2];
  if (!text) throw new Error('a bench child expects its input as JSON in argv[2] (start it with runChild)');
  return JSON.parse(text) as Input;
}

let nextId = 0;
const pending = new Map<number, { resolve: (payload: unknown) => void; reject: (err: Error) => void }>();

function onMessage(raw: unknown): void {
  const message = raw as ChildMessage;
  if (message.type !== 'reply') return;
  const waiter = pending.get(message.id);
  pending.delete(message.id);
  if (pending.size === 0) process.off('message', onMessage);
  if (message.error) waiter?.reject(new Error(message.error));
  else waiter?.resolve(message.payload);
}

/** Asks the parent to do something (runChild's onRequest) and waits for its answer. */
export function askParent<T = unknown>(name: string, payload?: unknown): Promise<T> {
  if (!process.send) throw new Error('not started by runChild: no IPC channel');
  const id = nextId++;
  if (pending.size === 0) process.on('message', onMessage);
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (payload: unknown) => void, reject });
    process.send!({ type: 'request', id, name, payload } satisfies ChildMessage);
  });
}

/** Hands the result to the parent, then ends the process (open handles of the measured code do not keep it alive). */
export function reportResult(result: unknown): void {
  if (!process.send) {
    console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  }
  process.send({ type: 'result', result } satisfies ChildMessage, () => process.exit(0));
}

/** Runs a child's main function; a failure is printed and exits non-zero. */
export function runAsChild(main: () => Promise<unknown>): void {
  main().then(reportResult, (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
