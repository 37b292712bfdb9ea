// The renderer's side of the contract, usable from any WebSocket implementation (the browser's, or `ws` in tests).
import {
  CONTRACT_PATH,
  EVENTS,
  REQUESTS,
  TOKEN_PARAM,
  serverMessage,
  type AppError,
  type EventData,
  type EventName,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
} from './app-contract.ts';

/** The part of the WebSocket interface the client needs; both the DOM's and `ws` satisfy it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

/** Where the core listens: what the preload (desktop) or the page's URL (web mode) provides. */
export interface ContractEndpoint {
  /** ws://127.0.0.1:PORT */
  origin: string;
  token: string;
}

export class ContractError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

export function contractUrl(endpoint: ContractEndpoint): string {
  return `${endpoint.origin}${CONTRACT_PATH}?${TOKEN_PARAM}=${encodeURIComponent(endpoint.token)}`;
}

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void; method: RequestMethod };
type Listener = (data: unknown) => void;

export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * Requests with typed, validated answers, and event subscriptions that return their unsubscribe function.
 * Reconnects with backoff when the socket drops; requests made while disconnected wait for the next connection.
 */
export class ContractClient {
  private socket: SocketLike | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private queue: string[] = [];
  private state: ConnectionState = 'connecting';
  private attempt = 0;
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly endpoint: ContractEndpoint,
    private readonly createSocket: (url: string) => SocketLike,
  ) {
    this.open();
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
    if (this.closed) return Promise.reject(new ContractError('closed', 'The connection to the core is closed.'));
    const valid = REQUESTS[method].params.safeParse(params);
    if (!valid.success) return Promise.reject(new ContractError('bad-params', `Bad parameters for ${method}: ${valid.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ')}`));
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params: valid.data });
    return new Promise<RequestResult<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
      if (this.state === 'open' && this.socket) this.socket.send(message);
      else this.queue.push(message);
    });
  }

  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const wrapped: Listener = (data) => listener(data as EventData<E>);
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'client closed');
    this.failPending(new ContractError('closed', 'The connection to the core is closed.'));
    this.setState('closed');
  }

  private open(): void {
    const socket = this.createSocket(contractUrl(this.endpoint));
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      const queued = this.queue;
      this.queue = [];
      for (const message of queued) socket.send(message);
    };
    socket.onmessage = (ev) => this.receive(typeof ev.data === 'string' ? ev.data : String(ev.data));
    socket.onerror = () => undefined;
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      // Answers to requests sent on this socket will never come; the caller can retry.
      this.failPending(new ContractError('disconnected', `The connection to the core dropped (${ev.code}${ev.reason ? `: ${ev.reason}` : ''}).`));
      if (this.closed) return;
      this.setState('connecting');
      // 4401/4403: refused for a bad token or origin; retrying cannot help.
      if (ev.code === 4401 || ev.code === 4403) {
        this.closed = true;
        this.setState('closed');
        return;
      }
      const delay = Math.min(10_000, 250 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  private receive(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    const message = serverMessage.safeParse(parsed);
    if (!message.success) return;
    const m = message.data;
    if (m.type === 'event') {
      const schema = EVENTS[m.event as EventName];
      const data = schema?.safeParse(m.data);
      if (!data?.success) return;
      for (const listener of this.listeners.get(m.event) ?? []) listener(data.data);
      return;
    }
    const pending = this.pending.get(m.id);
    if (!pending) return;
    this.pending.delete(m.id);
    if (m.type === 'error') {
      pending.reject(new ContractError(m.error.code, m.error.message));
      return;
    }
    const result = REQUESTS[pending.method].result.safeParse(m.result);
    if (result.success) pending.resolve(result.data);
    else pending.reject(new ContractError('contract', `The core's answer to ${pending.method} does not match the contract: ${result.error.issues[0]?.message ?? 'invalid'}`));
  }

  private failPending(err: Error): void {
    for (const pending of this.pending.values()) pending.reject(err);
    this.pending.clear();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

export function isAppError(value: unknown): value is AppError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
