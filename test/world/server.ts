/**
 * The world's one HTTPS server. Chromium reaches it through --host-resolver-rules (every
 * emulated hostname maps to 127.0.0.1:PORT) and sends the real hostname as Host and SNI, so
 * the server routes by Host: the Syncro portal replica, the identity platform, Microsoft
 * Graph, and on 127.0.0.1/localhost the control API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  CONTROL_HOSTS,
  GRAPH_HOSTS,
  LOGIN_HOSTS,
  makeCertificate,
  PORTAL_HOST_PATTERNS,
} from './cert';
import { handleControl } from './control';
import {
  createGraphState,
  FAULT_HEADER,
  type GraphState,
  handleGraph,
  TENANT_HEADER,
} from './graph/index';
import type { WorldRequest, WorldResponse } from './http';
import { createIdentityState, handleIdentity, type IdentityState } from './identity/index';
import { handlePortal } from './portal/index';
import { createCore, type FaultKind, type LoggedRequest, type WorldCore } from './state';

export type { GraphState } from './graph/index';

export interface RunningWorld {
  port: number;
  /** https://127.0.0.1:PORT (the control API and index page). */
  url: string;
  core: WorldCore;
  identity: IdentityState;
  graph: GraphState;
  /** Value for Chromium's --host-resolver-rules. */
  hostResolverRules: string;
  /** Flags Chromium needs to reach the world. */
  chromiumFlags: string[];
  close(): Promise<void>;
}

export type Service = 'portal' | 'identity' | 'graph' | 'control' | 'unknown';

/** Which emulated service a hostname belongs to. */
export function serviceOf(hostname: string): Service {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === 'syncromsp.com' || h.endsWith('.syncromsp.com')) return 'portal';
  if (LOGIN_HOSTS.includes(h)) return 'identity';
  if (GRAPH_HOSTS.includes(h)) return 'graph';
  if (CONTROL_HOSTS.includes(h) || h === '[::1]' || h === '::1') return 'control';
  return 'unknown';
}

/** `MAP <host> 127.0.0.1:PORT, ...` for every hostname the world answers as. */
export function hostResolverRulesFor(port: number): string {
  return [...PORTAL_HOST_PATTERNS, ...LOGIN_HOSTS, ...GRAPH_HOSTS]
    .map((h) => `MAP ${h} 127.0.0.1:${port}`)
    .join(', ');
}

export function chromiumFlagsFor(port: number): string[] {
  return [`--host-resolver-rules=${hostResolverRulesFor(port)}`, '--ignore-certificate-errors'];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The tenant id in a bearer token, decoded without verification (for the log only). */
function tenantOfBearer(headers: Record<string, string>): string | undefined {
  const m = /^Bearer\s+([^.]+)\.([^.]+)\./i.exec(headers.authorization ?? '');
  if (!m) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(m[2] as string, 'base64url').toString('utf8')) as {
      tid?: unknown;
    };
    return typeof claims.tid === 'string' ? claims.tid : undefined;
  } catch {
    return undefined;
  }
}

function headerOf(res: WorldResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(res.headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Generic CORS preflight answer, for services whose handler does not answer OPTIONS. */
function preflight(headers: Record<string, string>): WorldResponse {
  return {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': headers.origin || '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': headers['access-control-request-headers'] || '*',
      'Access-Control-Max-Age': '86400',
    },
    body: '',
  };
}

export async function startWorld(
  opts: { port?: number; host?: string } = {},
): Promise<RunningWorld> {
  const core = createCore();
  const identity = createIdentityState(core);
  const graph: GraphState = createGraphState(core, identity);
  const certificate = await makeCertificate();

  const world = { core, identity, graph };
  const sockets = new Set<Socket>();
  let port = 0;

  async function dispatch(service: Service, wreq: WorldRequest): Promise<WorldResponse> {
    switch (service) {
      case 'identity':
        return handleIdentity(wreq, core, identity);
      case 'graph':
        return handleGraph(wreq, core, graph);
      case 'portal':
        return handlePortal(wreq, core);
      case 'control':
        return handleControl(wreq, world, { port });
      default:
        return {
          status: 421,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
          body: `The emulated world does not answer for host '${wreq.url.hostname}'.`,
        };
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = lowerHeaders(req);
    const hostHeader =
      headers.host || (req.socket as Socket & { servername?: string }).servername || '127.0.0.1';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `https://${hostHeader}`);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request URL');
      return;
    }
    const service = serviceOf(url.hostname);
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    const isHead = method === 'HEAD';
    const wreq: WorldRequest = { method: isHead ? 'GET' : method, url, headers, body };
    const logStart = core.log.length;

    let wres: WorldResponse;
    try {
      wres = await dispatch(service, wreq);
      if (
        method === 'OPTIONS' &&
        service !== 'control' &&
        (wres.status === 404 || wres.status === 405)
      )
        wres = preflight(headers);
    } catch (err) {
      wres = {
        status: 500,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: `World handler error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      };
    }

    // Log the outer request unless the handler already did (the Graph emulator may log its
    // own, with the fault it injected).
    if (service !== 'control') {
      const path = url.pathname + url.search;
      const already = core.log
        .slice(logStart)
        .find(
          (e) =>
            !e.inBatch && e.method === wreq.method && e.path === path && e.host === url.hostname,
        );
      if (already) {
        if (isHead) already.method = 'HEAD';
      } else {
        const entry: LoggedRequest = {
          at: core.now(),
          host: url.hostname,
          method,
          path,
          status: wres.drop ? 0 : wres.status,
        };
        const tid =
          service === 'graph'
            ? (headerOf(wres, TENANT_HEADER) ?? tenantOfBearer(headers))
            : undefined;
        if (tid) entry.tenantId = tid;
        const fault = headerOf(wres, FAULT_HEADER);
        if (fault) entry.fault = fault as FaultKind;
        else if (wres.drop) entry.fault = 'timeout';
        core.log.push(entry);
      }
    }

    const latency = service === 'identity' || service === 'graph' ? core.faults.latencyMs : 0;
    const delay = (wres.delayMs ?? 0) + latency;
    if (delay > 0) await sleep(delay);
    if (wres.drop) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return;
    // The world's own bookkeeping headers never reach the client.
    const internal = new Set([TENANT_HEADER.toLowerCase(), FAULT_HEADER.toLowerCase()]);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(wres.headers))
      if (!internal.has(k.toLowerCase())) out[k] = v;
    const hasLength = Object.keys(out).some((k) => k.toLowerCase() === 'content-length');
    if (!hasLength) out['Content-Length'] = String(Buffer.byteLength(wres.body));
    res.writeHead(wres.status, out);
    res.end(isHead ? undefined : wres.body);
  }

  const server: Server = createServer(
    { key: certificate.key, cert: certificate.cert, keepAlive: true, requestTimeout: 0 },
    (req, res) => {
      onRequest(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(err));
      });
    },
  );
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {
    /* a client gave up during the handshake; nothing to do */
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const running: RunningWorld = {
    port,
    url: `https://127.0.0.1:${port}`,
    core,
    identity,
    graph,
    hostResolverRules: hostResolverRulesFor(port),
    chromiumFlags: chromiumFlagsFor(port),
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
  return running;
}
