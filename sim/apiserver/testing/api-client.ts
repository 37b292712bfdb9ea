import https from 'node:https';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WatchEvent = { type: string; object: any };

/** A bare HTTPS client for the simulated server's tests: every status comes back, nothing is thrown for 4xx/5xx. */
export function apiClient(server: string, caPem: string, token?: string) {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
      const req = https.request(
        new URL(path, server),
        {
          method,
          ca: caPem,
          headers: {
            accept: 'application/json',
            ...(token && { authorization: `Bearer ${token}` }),
            ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    request: call,
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, body: unknown, type: 'strategic' | 'merge' | 'json') =>
      call('PATCH', path, body, { 'content-type': { strategic: 'application/strategic-merge-patch+json', merge: 'application/merge-patch+json', json: 'application/json-patch+json' }[type] }),
    delete: (path: string, body?: unknown) => call('DELETE', path, body),
    /** Reads a watch's lines until `until` returns true or the stream ends; then closes it. */
    watch: (path: string, until: (events: WatchEvent[]) => boolean, timeoutMs = 10_000, headers: Record<string, string> = {}) =>
      new Promise<{ events: WatchEvent[]; ended: 'complete' | 'aborted' | 'stopped' }>((resolve, reject) => {
        const events: WatchEvent[] = [];
        let buffer = '';
        let done = false;
        const req = https.request(new URL(path, server), { method: 'GET', ca: caPem, headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
          const finish = (ended: 'complete' | 'aborted' | 'stopped') => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            resolve({ events, ended });
            req.destroy();
          };
          res.on('data', (c: Buffer) => {
            buffer += c.toString('utf8');
            let nl: number;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, nl);
              buffer = buffer.slice(nl + 1);
              if (line) events.push(JSON.parse(line));
            }
            if (until(events)) finish('stopped');
          });
          res.on('end', () => finish('complete'));
          res.on('aborted', () => finish('aborted'));
          res.on('error', () => finish('aborted'));
          res.on('close', () => finish(res.complete ? 'complete' : 'aborted'));
        });
        const timer = setTimeout(() => {
          if (!done) {
            done = true;
            req.destroy();
            reject(new Error(`watch ${path}: timed out with ${events.length} events: ${JSON.stringify(events.map((e) => e.type))}`));
          }
        }, timeoutMs);
        req.on('error', (err) => {
          if (!done) {
            done = true;
            clearTimeout(timer);
            reject(err);
          }
        });
        req.end();
      }),
  };
}
