/**
 * A `fetch` for Node that reaches the emulated world over real HTTPS: every request goes to
 * 127.0.0.1:PORT with the real hostname as Host and SNI (as Chromium does with
 * --host-resolver-rules), through one keep-alive agent, so connection reuse, TLS and the
 * world's injected latency cost what they would in the extension. Node 20's own fetch cannot
 * be pointed at another address without undici, which is not a dependency here.
 *
 * It also counts what the benchmark reports: HTTP requests, and per "tag" (the tenant being
 * polled, from an AsyncLocalStorage) the sequential round trips: a round trip starts whenever
 * a tag with nothing in flight sends a request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent, request as httpsRequest } from 'node:https';

export interface NetStats {
  requests: number;
  /** Per tag: HTTP requests. */
  requestsByTag: Map<string, number>;
  /** Per tag: sequential round trips (0 -> 1 in flight transitions). */
  roundTripsByTag: Map<string, number>;
  /** Requests by kind: `POST /v1.0/$batch`, `GET /__reports/*.csv`... */
  byKind: Map<string, number>;
}

export interface WorldFetch {
  fetch: typeof fetch;
  stats: NetStats;
  /** Runs `fn` with every request it makes counted under `tag`. */
  tagged<T>(tag: string, fn: () => Promise<T>): Promise<T>;
  reset(): void;
  close(): void;
}

export function createWorldFetch(port: number): WorldFetch {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: Number.POSITIVE_INFINITY,
    rejectUnauthorized: false,
  });
  const als = new AsyncLocalStorage<string>();
  const inFlight = new Map<string, number>();
  const stats: NetStats = {
    requests: 0,
    requestsByTag: new Map(),
    roundTripsByTag: new Map(),
    byKind: new Map(),
  };

  const worldFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body =
      request.method === 'GET' || request.method === 'HEAD'
        ? undefined
        : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    headers.host = url.host;
    if (body) headers['content-length'] = String(body.length);

    const tag = als.getStore();
    stats.requests++;
    const kind = `${request.method} ${url.pathname.replace(/\/__reports\/.*$/, '/__reports/*.csv')}`;
    stats.byKind.set(kind, (stats.byKind.get(kind) ?? 0) + 1);
    if (tag !== undefined) {
      stats.requestsByTag.set(tag, (stats.requestsByTag.get(tag) ?? 0) + 1);
      const n = inFlight.get(tag) ?? 0;
      if (n === 0) stats.roundTripsByTag.set(tag, (stats.roundTripsByTag.get(tag) ?? 0) + 1);
      inFlight.set(tag, n + 1);
    }
    try {
      return await new Promise<Response>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port,
            servername: url.hostname,
            method: request.method,
            path: url.pathname + url.search,
            headers,
            agent,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', reject);
            res.on('end', () => {
              const out = new Headers();
              for (const [k, v] of Object.entries(res.headers)) {
                if (v === undefined) continue;
                for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
              }
              const status = res.statusCode ?? 0;
              const bodyless = status === 204 || status === 304 || request.method === 'HEAD';
              resolve(
                new Response(bodyless ? null : Buffer.concat(chunks), { status, headers: out }),
              );
            });
          },
        );
        req.on('error', (e) => reject(new TypeError(`fetch failed: ${e.message}`)));
        const signal = request.signal;
        if (signal) {
          if (signal.aborted) req.destroy(new Error('aborted'));
          signal.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true });
        }
        req.end(body);
      });
    } finally {
      if (tag !== undefined) inFlight.set(tag, (inFlight.get(tag) ?? 1) - 1);
    }
  };

  return {
    fetch: worldFetch as typeof fetch,
    stats,
    tagged: (tag, fn) => als.run(tag, fn),
    reset() {
      stats.requests = 0;
      stats.requestsByTag.clear();
      stats.roundTripsByTag.clear();
      stats.byKind.clear();
      inFlight.clear();
    },
    close: () => agent.destroy(),
  };
}
