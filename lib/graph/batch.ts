/**
 * JSON batching (`POST /{version}/$batch`): packing requests into envelopes and reading the
 * envelopes and sub-response bodies back. Pure.
 *
 * An envelope targets one API version: sub-request URLs are relative to it, and Graph answers
 * "/beta/…" inside a v1.0 envelope with 400 (Resource not found for the segment 'beta'). So
 * requests are grouped by version first, then cut into envelopes of at most 20.
 */

import { headerValue } from './outcome';
import { type CsvColumn, parseReportCsv } from './report-csv';
import { type ApiVersion, MalformedBodyError } from './sources';

/** Graph's limit of requests per envelope. */
export const MAX_BATCH_REQUESTS = 20;

/** One sub-request as sent. */
export interface BatchSubRequest {
  /** Unique within the envelope. */
  id: string;
  method: string;
  /** Relative to the envelope's version root, with a leading slash. */
  url: string;
  headers?: Record<string, string>;
}

/** One `$batch` POST. */
export interface BatchEnvelope {
  version: ApiVersion;
  requests: BatchSubRequest[];
}

/** One sub-response as received. */
export interface BatchSubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Groups requests by version (in order of first appearance) and cuts them into envelopes of ≤20. */
export function packEnvelopes(
  requests: readonly (BatchSubRequest & { version: ApiVersion })[],
): BatchEnvelope[] {
  const byVersion = new Map<ApiVersion, BatchSubRequest[]>();
  for (const { version, ...req } of requests) {
    const list = byVersion.get(version) ?? [];
    list.push(req);
    byVersion.set(version, list);
  }
  const envelopes: BatchEnvelope[] = [];
  for (const [version, list] of byVersion) {
    for (let i = 0; i < list.length; i += MAX_BATCH_REQUESTS) {
      envelopes.push({ version, requests: list.slice(i, i + MAX_BATCH_REQUESTS) });
    }
  }
  return envelopes;
}

/** The JSON body of an envelope. */
export function envelopeBody(envelope: BatchEnvelope): { requests: BatchSubRequest[] } {
  return {
    requests: envelope.requests.map((r) => ({
      id: r.id,
      method: r.method,
      url: r.url,
      ...(r.headers && Object.keys(r.headers).length ? { headers: r.headers } : {}),
    })),
  };
}

/** Reads a 200 `$batch` answer; throws MalformedBodyError when it is not one. */
export function readBatchResponse(text: string): BatchSubResponse[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedBodyError('the $batch answer is not JSON');
  }
  const responses = (parsed as { responses?: unknown } | null)?.responses;
  if (!Array.isArray(responses)) throw new MalformedBodyError('the $batch answer has no responses');
  return responses.map((r) => {
    const o = (typeof r === 'object' && r !== null ? r : {}) as {
      id?: unknown;
      status?: unknown;
      headers?: unknown;
      body?: unknown;
    };
    if (typeof o.id !== 'string' || typeof o.status !== 'number')
      throw new MalformedBodyError('a $batch response lacks id or status');
    const headers: Record<string, string> = {};
    if (typeof o.headers === 'object' && o.headers !== null) {
      for (const [k, v] of Object.entries(o.headers)) if (v != null) headers[k] = String(v);
    }
    return { id: o.id, status: o.status, headers, body: o.body };
  });
}

/**
 * Splits an absolute `@odata.nextLink` into the version and the path relative to it, so the
 * next page can ride in a `$batch` envelope. Null when it is not a v1.0/beta Graph link.
 */
export function splitGraphLink(link: string): { version: ApiVersion; url: string } | null {
  // Kept verbatim (a nextLink is opaque): only the origin is cut off.
  const m = /^(?:https:\/\/[^/?#]+)?\/(v1\.0|beta)(\/[^#]*)$/i.exec(link.trim());
  if (!m) return null;
  return {
    version: (m[1] as string).toLowerCase() === 'beta' ? 'beta' : 'v1.0',
    url: m[2] as string,
  };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decodes base64 to UTF-8 text ($batch carries non-JSON bodies base64-encoded); null if not base64. */
export function decodeBase64Text(s: string): string | null {
  const t = s.trim();
  if (t.length === 0 || t.length % 4 !== 0 || !BASE64.test(t)) return null;
  try {
    const bin = atob(t);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A body as text when it came as a string (raw or base64), else null. */
function bodyText(body: unknown, headers: Record<string, string>): string | null {
  if (typeof body !== 'string') return null;
  const type = headerValue(headers, 'Content-Type') ?? '';
  if (/json|text\/plain|text\/csv/i.test(type) || !BASE64.test(body.trim())) return body;
  return decodeBase64Text(body) ?? body;
}

/** Reads a `$count` answer: a plain integer (as a number, a string, or base64 text). */
export function readCountBody(body: unknown): number {
  if (typeof body === 'number' && Number.isInteger(body) && body >= 0) return body;
  if (typeof body === 'string') {
    for (const t of [body, decodeBase64Text(body) ?? '']) {
      const s = t.replace(/^\uFEFF/, '').trim();
      if (/^\d+$/.test(s)) return Number(s);
    }
  }
  throw new MalformedBodyError('the $count answer is not a number');
}

/** One page of a collection: its items and the next link. */
export interface CollectionPage {
  items: unknown[];
  nextLink: string | null;
}

/** Reads one page of `{value: [...], @odata.nextLink?}` (a JSON string body is parsed first). */
export function readCollectionBody(
  body: unknown,
  headers: Record<string, string> = {},
): CollectionPage {
  let b = body;
  if (typeof b === 'string') {
    const text = bodyText(b, headers) ?? b;
    try {
      b = JSON.parse(text);
    } catch {
      throw new MalformedBodyError('the answer is not JSON');
    }
  }
  const value = (b as { value?: unknown } | null)?.value;
  if (typeof b !== 'object' || b === null || !Array.isArray(value))
    throw new MalformedBodyError('the answer has no value array');
  const next = (b as Record<string, unknown>)['@odata.nextLink'];
  return { items: value, nextLink: typeof next === 'string' && next !== '' ? next : null };
}

/**
 * Reads a usage report page: JSON (the beta `$format=application/json` form) or CSV (what
 * v1.0 gives, also when a JSON request is answered with CSV anyway).
 */
export function readReportBody(
  body: unknown,
  headers: Record<string, string>,
  columns: readonly CsvColumn[],
): CollectionPage {
  if (typeof body === 'string') {
    const text = bodyText(body, headers) ?? body;
    const trimmed = text.replace(/^\uFEFF/, '').trimStart();
    if (!trimmed.startsWith('{')) {
      try {
        return { items: parseReportCsv(text, columns), nextLink: null };
      } catch (e) {
        throw new MalformedBodyError(e instanceof Error ? e.message : 'unreadable report');
      }
    }
  }
  return readCollectionBody(body, headers);
}
