import type { KubeConfig } from '@kubernetes/client-node';
import { isRecord, type KubeObject, type KubeStatus } from './kube-object.ts';
import { NdjsonLineSplitter } from './ndjson-lines.ts';
import { openKubeStream } from './kube-stream.ts';

export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: KubeObject }
  | { type: 'ERROR'; object: KubeStatus };

/** How a watch ended, when it did not end with a thrown error before its first byte (those are KubeApiError etc.). */
export type WatchEnd =
  /** The server ended the stream (its timeoutSeconds passed, or it is shutting down). */
  | { how: 'closed'; events: number }
  /** The connection broke mid-stream, or the client-side deadline fired. */
  | { how: 'dropped'; events: number; error: unknown }
  /** A line was not a watch event. */
  | { how: 'undecodable'; events: number; error: Error }
  /** The consumer asked to end it (an ERROR event, or stop()). */
  | { how: 'ended-by-consumer'; events: number }
  /** The consumer threw while handling an event (thrown from a stream callback, it would crash the process). */
  | { how: 'consumer-failed'; events: number; error: unknown };

const EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

export function parseWatchEvent(line: string): WatchEvent {
  const parsed: unknown = JSON.parse(line);
  if (!isRecord(parsed) || typeof parsed.type !== 'string' || !EVENT_TYPES.has(parsed.type) || !isRecord(parsed.object)) {
    throw new Error(`not a watch event: ${line.slice(0, 200)}`);
  }
  return parsed as WatchEvent;
}

export interface WatchRequest {
  path: string;
  deadlineMs: number;
  signal: AbortSignal;
  /** Answer 'stop' to end the watch after this event. */
  onEvent: (event: WatchEvent) => 'stop' | void;
  /** The server accepted the watch (200): the stream is open. */
  onOpen?: () => void;
}

/**
 * Streams one watch: events in order until the stream ends, which the result tells apart (a clean close from a
 * dropped connection). Throws what openKubeStream throws when the server refuses the watch outright (HTTP 410, 403, 429…).
 */
export async function streamWatch(kc: KubeConfig, request: WatchRequest): Promise<WatchEnd> {
  const res = await openKubeStream(kc, { path: request.path, deadlineMs: request.deadlineMs, signal: request.signal });
  request.onOpen?.();
  const splitter = new NdjsonLineSplitter();
  let events = 0;

  return new Promise<WatchEnd>((resolve) => {
    let ended: WatchEnd | undefined;
    const finish = (end: WatchEnd) => {
      if (ended) return;
      ended = end;
      res.destroy();
      resolve(end);
    };
    const handle = (line: string) => {
      let event: WatchEvent;
      try {
        event = parseWatchEvent(line);
      } catch (err) {
        finish({ how: 'undecodable', events, error: err instanceof Error ? err : new Error(String(err)) });
        return;
      }
      events++;
      try {
        if (request.onEvent(event) === 'stop') finish({ how: 'ended-by-consumer', events });
      } catch (error) {
        finish({ how: 'consumer-failed', events, error });
      }
    };

    res.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) {
        if (ended) return;
        handle(line);
      }
    });
    res.on('end', () => {
      const last = splitter.end();
      if (last !== undefined && !ended) handle(last);
      finish({ how: 'closed', events });
    });
    res.on('error', (error) => finish(request.signal.aborted ? { how: 'ended-by-consumer', events } : { how: 'dropped', events, error }));
    res.on('close', () => {
      if (request.signal.aborted) finish({ how: 'ended-by-consumer', events });
      else if (!res.complete) finish({ how: 'dropped', events, error: new Error('the watch connection closed mid-stream') });
    });
  });
}
