import type { WebSocket } from 'ws';
import { REQUESTS, clientMessage, type EventData, type EventName, type RequestMethod, type ServerMessage } from '../contract/app-contract.ts';
import { toAppError } from './app-session.ts';
import type { Handlers } from './contract-handlers.ts';

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Answers one socket's requests: each validated against the contract before it reaches a handler. */
export function serveContract(socket: WebSocket, handlers: Handlers, onError: (err: unknown) => void): void {
  socket.on('message', (raw, isBinary) => {
    if (isBinary) {
      socket.close(1003, 'text frames only');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString());
    } catch {
      socket.close(1007, 'not JSON');
      return;
    }
    const message = clientMessage.safeParse(parsed);
    if (!message.success) {
      socket.close(1007, 'not a contract request');
      return;
    }
    const { id, method, params } = message.data;
    const spec = REQUESTS[method as RequestMethod];
    if (!spec) {
      send(socket, { type: 'error', id, error: { code: 'unknown-method', message: `No request named ${method} in the contract.` } });
      return;
    }
    const valid = spec.params.safeParse(params ?? {});
    if (!valid.success) {
      send(socket, { type: 'error', id, error: { code: 'bad-params', message: `Bad parameters for ${method}: ${valid.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ')}` } });
      return;
    }
    const handler = handlers[method as RequestMethod] as (p: unknown) => unknown;
    Promise.resolve()
      .then(() => handler(valid.data))
      .then(
        (result) => send(socket, { type: 'result', id, result }),
        (err: unknown) => {
          const error = toAppError(err);
          if (error.code === 'internal') onError(err);
          send(socket, { type: 'error', id, error });
        },
      );
  });
}

export function broadcast<E extends EventName>(sockets: Iterable<WebSocket>, event: E, data: EventData<E>): void {
  for (const socket of sockets) send(socket, { type: 'event', event, data });
}
