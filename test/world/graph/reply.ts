/**
 * Graph's response conventions: the error body, the headers every answer carries, CORS.
 * Handlers build a `GraphReply` (body still structured), which becomes a WorldResponse for
 * an HTTP answer or a `{id, status, headers, body}` entry inside a `$batch` envelope.
 */
import { randomUUID } from 'node:crypto';

export const GRAPH_HOST = 'graph.microsoft.com';
export const GRAPH_ORIGIN = `https://${GRAPH_HOST}`;
export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface GraphReply {
  status: number;
  headers: Record<string, string>;
  /** JSON bodies stay structured so a batch can embed them. */
  json?: unknown;
  /** Non-JSON bodies (text/plain counts, CSV, truncated "malformed" bodies). */
  text?: string;
}

/** Per-request context for error bodies. */
export interface ReplyContext {
  requestId: string;
  clientRequestId: string;
  nowMs: number;
}

export function replyContext(headers: Record<string, string>, nowMs: number): ReplyContext {
  const requestId = randomUUID();
  return { requestId, clientRequestId: headers['client-request-id'] || requestId, nowMs };
}

/** Graph's error date format: ISO without milliseconds or zone. */
const errorDate = (ms: number) => new Date(ms).toISOString().slice(0, 19);

export function graphError(
  ctx: ReplyContext,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): GraphReply {
  return {
    status,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
    json: {
      error: {
        code,
        message,
        innerError: {
          date: errorDate(ctx.nowMs),
          'request-id': ctx.requestId,
          'client-request-id': ctx.clientRequestId,
        },
      },
    },
  };
}

export function ok(json: unknown, headers: Record<string, string> = {}): GraphReply {
  return {
    status: 200,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, 'OData-Version': '4.0', ...headers },
    json,
  };
}

export function text(
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): GraphReply {
  return { status, headers: { 'Content-Type': contentType, ...headers }, text: body };
}

/** 401 with the WWW-Authenticate header Graph sends. */
export function unauthorized(ctx: ReplyContext, message: string): GraphReply {
  return graphError(ctx, 401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}

export const ALLOWED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'consistencylevel',
  'client-request-id',
  'return-client-request-id',
  'sdkversion',
  'prefer',
  'cache-control',
  'ocp-client-name',
  'ocp-client-version',
  'x-anchormailbox',
];

export const EXPOSED_HEADERS = [
  'Retry-After',
  'request-id',
  'client-request-id',
  'Location',
  'Content-Type',
  'x-ms-ags-diagnostic',
  'Date',
];

export function corsHeaders(reqHeaders: Record<string, string>): Record<string, string> {
  const origin = reqHeaders.origin;
  return {
    'Access-Control-Allow-Origin': origin || '*',
    ...(origin ? { Vary: 'Origin' } : {}),
    'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(', '),
  };
}

export function preflightHeaders(reqHeaders: Record<string, string>): Record<string, string> {
  const asked = (reqHeaders['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allowed = [...new Set([...ALLOWED_REQUEST_HEADERS, ...asked])];
  return {
    ...corsHeaders(reqHeaders),
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': allowed.join(', '),
    'Access-Control-Max-Age': '3600',
  };
}

export const DIAGNOSTIC =
  '{"ServerInfo":{"DataCenter":"West Europe","Slice":"E","Ring":"5","ScaleUnit":"003","RoleInstance":"AM2PEPF0001C3B4"}}';
