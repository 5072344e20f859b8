/**
 * JSON batching (`POST /{version}/$batch`): at most 20 sub-requests with unique ids, each
 * routed through the same endpoint logic with its own headers and the outer Authorization,
 * `dependsOn` honoured (a failed predecessor gives 424), faults drawn per sub-request, and
 * the responses returned in a seeded shuffled order.
 */
import type { FaultKind, WorldCore } from '../state';
import type { AuthContext, GraphCall, GraphState } from './context';
import {
  GRAPH_HOST,
  GRAPH_ORIGIN,
  type GraphReply,
  graphError,
  ok,
  type ReplyContext,
  replyContext,
} from './reply';

export interface BatchSubRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchSubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export const MAX_BATCH = 20;

/** Runs one authenticated call with faults; returns the reply and the fault drawn. */
export type CallRunner = (
  call: GraphCall,
  auth: AuthContext,
  rctx: ReplyContext,
  inBatch: boolean,
) => { reply: GraphReply; fault?: FaultKind };

/** Headers a sub-response carries (Graph keeps only the meaningful ones). */
const SUB_HEADERS = ['content-type', 'location', 'retry-after', 'cache-control', 'odata-version'];

function subBody(reply: GraphReply): unknown {
  if (reply.json !== undefined) return reply.json;
  if (reply.text === undefined) return undefined;
  const ct = (reply.headers['Content-Type'] ?? '').toLowerCase();
  // A $count answer (text/plain integer) is embedded as the number.
  if (ct.startsWith('text/plain') && /^\d+$/.test(reply.text)) return Number(reply.text);
  return reply.text;
}

export function handleBatch(
  outer: GraphCall,
  auth: AuthContext,
  core: WorldCore,
  graph: GraphState,
  rctx: ReplyContext,
  run: CallRunner,
): GraphReply {
  let payload: unknown;
  try {
    payload = JSON.parse(outer.body || 'null');
  } catch {
    return graphError(rctx, 400, 'BadRequest', 'Invalid batch payload format.');
  }
  const requests = (payload as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    return graphError(rctx, 400, 'BadRequest', 'Invalid batch payload format.');
  }
  if (requests.length > MAX_BATCH) {
    return graphError(
      rctx,
      400,
      'BadRequest',
      `The number of requests in the batch exceeds ${MAX_BATCH}`,
    );
  }
  const subs: BatchSubRequest[] = [];
  const ids = new Set<string>();
  for (const raw of requests as Record<string, unknown>[]) {
    const id = raw?.id;
    if (
      (typeof id !== 'string' && typeof id !== 'number') ||
      typeof raw.method !== 'string' ||
      typeof raw.url !== 'string'
    ) {
      return graphError(
        rctx,
        400,
        'BadRequest',
        "Invalid batch payload format: every request needs 'id', 'method' and 'url'.",
      );
    }
    const sid = String(id);
    if (ids.has(sid))
      return graphError(
        rctx,
        400,
        'BadRequest',
        `Batch request ids must be unique; '${sid}' appears more than once.`,
      );
    ids.add(sid);
    const dependsOn = raw.dependsOn;
    if (
      dependsOn !== undefined &&
      (!Array.isArray(dependsOn) ||
        dependsOn.some((d) => typeof d !== 'string' && typeof d !== 'number'))
    ) {
      return graphError(rctx, 400, 'BadRequest', `Invalid dependsOn of request '${sid}'.`);
    }
    subs.push({
      id: sid,
      method: raw.method.toUpperCase(),
      url: raw.url,
      headers: (raw.headers as Record<string, string> | undefined) ?? {},
      body: raw.body,
      dependsOn: (dependsOn as (string | number)[] | undefined)?.map(String),
    });
  }
  for (const s of subs) {
    for (const d of s.dependsOn ?? []) {
      if (!ids.has(d))
        return graphError(
          rctx,
          400,
          'BadRequest',
          `Request '${s.id}' depends on '${d}', which is not in the batch.`,
        );
    }
  }

  const byId = new Map(subs.map((s) => [s.id, s]));
  const done = new Map<string, BatchSubResponse>();
  const visiting = new Set<string>();
  let cycle = false;

  const execute = (s: BatchSubRequest): BatchSubResponse => {
    const have = done.get(s.id);
    if (have) return have;
    if (visiting.has(s.id)) {
      cycle = true;
      return { id: s.id, status: 400, headers: {}, body: undefined };
    }
    visiting.add(s.id);
    const subHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.headers ?? {})) subHeaders[k.toLowerCase()] = String(v);
    const srctx = replyContext(
      { 'client-request-id': subHeaders['client-request-id'] ?? rctx.clientRequestId },
      core.now(),
    );
    let result: BatchSubResponse;
    const failedDep = (s.dependsOn ?? [])
      .map((d) => execute(byId.get(d) as BatchSubRequest))
      .find((r) => r.status >= 400);
    if (failedDep) {
      const reply = graphError(
        srctx,
        424,
        'FailedDependency',
        `The request depends on request '${failedDep.id}', which failed.`,
      );
      result = toSub(s.id, reply);
      core.log.push({
        at: core.now(),
        host: GRAPH_HOST,
        method: s.method,
        path: subPath(outer, s.url),
        status: 424,
        tenantId: auth.tenantId,
        inBatch: true,
      });
    } else {
      const call = subCall(outer, s, subHeaders);
      let reply: GraphReply;
      let fault: FaultKind | undefined;
      if (!call) {
        reply = graphError(
          srctx,
          400,
          'BadRequest',
          `Invalid request URL '${s.url}': a batch request's url must be relative to the version, e.g. '/users'.`,
        );
      } else {
        ({ reply, fault } = run(call, auth, srctx, true));
      }
      result = toSub(s.id, reply);
      core.log.push({
        at: core.now(),
        host: GRAPH_HOST,
        method: s.method,
        path: subPath(outer, s.url),
        status: reply.status,
        tenantId: auth.tenantId,
        inBatch: true,
        ...(fault ? { fault } : {}),
      });
    }
    visiting.delete(s.id);
    done.set(s.id, result);
    return result;
  };

  for (const s of subs) execute(s);
  if (cycle)
    return graphError(rctx, 400, 'BadRequest', 'The dependsOn of the batch requests form a cycle.');

  const responses = subs.map((s) => done.get(s.id) as BatchSubResponse);
  // Graph answers in any order; a seeded Fisher-Yates shuffle keeps tests reproducible.
  for (let i = responses.length - 1; i > 0; i--) {
    const j = Math.floor(graph.shuffleRandom() * (i + 1));
    [responses[i], responses[j]] = [
      responses[j] as BatchSubResponse,
      responses[i] as BatchSubResponse,
    ];
  }
  return ok({ responses });
}

function toSub(id: string, reply: GraphReply): BatchSubResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(reply.headers))
    if (SUB_HEADERS.includes(k.toLowerCase())) headers[k] = v;
  const body = subBody(reply);
  return body === undefined
    ? { id, status: reply.status, headers }
    : { id, status: reply.status, headers, body };
}

function subPath(outer: GraphCall, url: string): string {
  return `/${outer.version}/${url.replace(/^\/+/, '')}`;
}

/** The sub-request as a call on the outer version; null for absolute URLs. */
function subCall(
  outer: GraphCall,
  s: BatchSubRequest,
  headers: Record<string, string>,
): GraphCall | null {
  if (/^[a-z]+:\/\//i.test(s.url)) return null;
  const rel = s.url.replace(/^\/+/, '');
  const url = new URL(`${GRAPH_ORIGIN}/${outer.version}/${rel}`);
  const prefix = `/${outer.version}`;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.slice(prefix.length));
  } catch {
    return null;
  }
  // The outer Authorization applies to every sub-request.
  const merged = { ...headers, authorization: outer.headers.authorization ?? '' };
  const body =
    s.body === undefined ? '' : typeof s.body === 'string' ? s.body : JSON.stringify(s.body);
  return { method: s.method, version: outer.version, path, url, headers: merged, body };
}
