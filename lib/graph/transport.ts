/**
 * The HTTP layer: `@microsoft/microsoft-graph-client` v3 with our own middleware chain, plus
 * plain fetches for the non-Graph URLs (identity platform metadata, report CSV downloads).
 * Everything above this file speaks RawAnswer, so the client library can be swapped here.
 *
 * Chain: AuthenticationHandler (our per-tenant token provider) → TelemetryHandler
 * (client-request-id, SdkVersion) → FetchHandler (the injectable fetch). No RetryHandler and
 * no RedirectHandler: retries follow one policy for envelopes and sub-requests (see retry.ts),
 * and a report's 302 must be followed without the bearer token, which we do ourselves.
 */
import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  type AuthenticationProvider,
  Client,
  type Context,
  type Middleware,
  ResponseType,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { ApiVersion } from './sources';

/** A whole HTTP answer, read. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** The request never got an HTTP answer (DNS, TLS, reset, timeout). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** Last link of the chain: sends with the injected fetch. */
class FetchHandler implements Middleware {
  constructor(private readonly fetchImpl: typeof fetch) {}
  async execute(context: Context): Promise<void> {
    context.response = await this.fetchImpl(context.request, context.options as RequestInit);
  }
}

/** Hands the graph-client the token already obtained for one tenant. */
class TenantTokenProvider implements AuthenticationProvider {
  constructor(private readonly token: string) {}
  getAccessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
}

/** Used only if a request forgot its tenant token: fail loudly rather than send no token. */
const NO_DEFAULT_TOKEN: AuthenticationProvider = {
  getAccessToken: () => Promise.reject(new Error('Graph request without a tenant token')),
};

async function readAnswer(res: Response): Promise<RawAnswer> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new NetworkError(
      `the answer was cut off (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  return { status: res.status, headers, text };
}

function networkDetail(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
    return e.message || e.name;
  }
  // graph-client wraps fetch failures in a GraphError {statusCode: -1, message}.
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : 'network error';
}

/** What the Graph module sends through. */
export interface Transport {
  /** Sends a Graph request (`path` relative to the version root, or an absolute Graph URL). */
  graph(
    method: 'GET' | 'POST',
    version: ApiVersion,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<RawAnswer>;
  /** A plain GET without credentials (metadata, pre-signed report downloads). */
  plain(url: string): Promise<RawAnswer>;
}

export interface TransportOptions {
  graphHost: string;
  fetch: typeof fetch;
  /** Per-request timeout (ms). */
  timeoutMs: number;
}

/** Builds the graph-client and the plain fetch behind one Transport. */
export function createTransport(opts: TransportOptions): Transport {
  const client = Client.initWithMiddleware({
    baseUrl: `${opts.graphHost}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(opts.graphHost).host]),
    middleware: [
      new AuthenticationHandler(NO_DEFAULT_TOKEN),
      new TelemetryHandler(),
      new FetchHandler(opts.fetch),
    ],
  });
  const signal = () =>
    typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(opts.timeoutMs) : undefined;

  return {
    async graph(method, version, path, token, body, headers) {
      const request = client
        .api(path)
        .version(version)
        .responseType(ResponseType.RAW)
        .middlewareOptions([new AuthenticationHandlerOptions(new TenantTokenProvider(token))])
        .headers(headers ?? {})
        .option('signal', signal());
      let res: Response;
      try {
        res = (await (method === 'POST' ? request.post(body) : request.get())) as Response;
      } catch (e) {
        throw new NetworkError(networkDetail(e));
      }
      return readAnswer(res);
    },
    async plain(url) {
      let res: Response;
      try {
        res = await opts.fetch(url, { method: 'GET', credentials: 'omit', signal: signal() });
      } catch (e) {
        throw new NetworkError(networkDetail(e));
      }
      return readAnswer(res);
    },
  };
}
