/**
 * One poll of one tenant: every source's first-page requests packed into `$batch`
 * envelopes, then rounds of next pages and retries (batched as well) until each source is
 * settled. Outer failures retry the whole envelope; sub-requests retry on their own.
 */
import {
  type BatchEnvelope,
  type BatchSubResponse,
  envelopeBody,
  packEnvelopes,
  readBatchResponse,
  readCollectionBody,
  readCountBody,
  readReportBody,
  splitGraphLink,
} from './batch';
import {
  type FailedStatus,
  failedOutcome,
  type GraphErrorInfo,
  headerValue,
  isExpiredToken,
  isRetryableOuterStatus,
  isRetryableSubStatus,
  outcomeFromResults,
  readGraphError,
  statusForGraphError,
  statusForTokenFailure,
  statusForTransportFailure,
  type TransportFailure,
} from './outcome';
import { decideRetry, type RetryPolicy } from './retry';
import {
  type ApiVersion,
  MalformedBodyError,
  SOURCES,
  type SourceDefinition,
  type SourceRequest,
  type SourceResults,
} from './sources';
import { NetworkError, type RawAnswer, type Transport } from './transport';
import type { SourceId, SourceOutcome, TenantPollResult } from './types';

/** Reported as each source settles. */
export interface PollProgressEvent {
  outcome: SourceOutcome;
  /** Sources settled so far in this poll, including this one. */
  settled: number;
  total: number;
}

/** Everything a session with one tenant needs from the client. */
export interface SessionDeps {
  transport: Transport;
  getToken(tenantId: string, options?: { forceRefresh?: boolean }): Promise<string>;
  sleep(ms: number): Promise<void>;
  now(): number;
  policy: RetryPolicy;
}

/** Why an outer request ended without a usable answer. */
export type OuterFailure =
  | { error: GraphErrorInfo }
  | { transport: TransportFailure }
  | { token: unknown };

/**
 * A tenant's token, wait budget and request count, shared by all requests of one operation.
 * Token refreshes are deduplicated: requests sent with an older token just retry.
 */
export class TenantSession {
  token = '';
  /** Bumped on each refresh; requests remember the generation they were sent with. */
  generation = 0;
  httpRequests = 0;
  budgetLeftSeconds: number;
  private refreshing: Promise<void> | null = null;

  constructor(
    readonly tenantId: string,
    readonly deps: SessionDeps,
  ) {
    this.budgetLeftSeconds = deps.policy.maxWaitSeconds;
  }

  /** Gets the first token; throws what getToken throws. */
  async start(): Promise<void> {
    this.token = await this.deps.getToken(this.tenantId);
  }

  /** Makes sure the token is newer than `sentWith`; throws what getToken throws. */
  async refreshAfter(sentWith: number): Promise<void> {
    if (this.generation > sentWith) return;
    if (!this.refreshing) {
      this.refreshing = (async () => {
        try {
          this.token = await this.deps.getToken(this.tenantId, { forceRefresh: true });
          this.generation++;
        } finally {
          this.refreshing = null;
        }
      })();
    }
    await this.refreshing;
  }

  async wait(seconds: number): Promise<void> {
    if (seconds <= 0) return;
    this.budgetLeftSeconds -= seconds;
    await this.deps.sleep(Math.round(seconds * 1000));
  }

  /**
   * Sends one outer request with the retry policy: 429/5xx, network errors and answers
   * `accept` rejects as malformed are retried; an expired token is refreshed once per
   * generation. Returns the accepted value or why it failed.
   */
  async send<T>(
    send: () => Promise<RawAnswer>,
    accept: (a: RawAnswer) => T,
    options: { graph: boolean } = { graph: true },
  ): Promise<{ ok: T } | { failed: OuterFailure }> {
    for (let retries = 0; ; retries++) {
      const sentWith = this.generation;
      let retryAfter: number | null = null;
      let failure: OuterFailure;
      try {
        this.httpRequests++;
        const answer = await send();
        if (answer.status >= 200 && answer.status < 300) {
          try {
            return { ok: accept(answer) };
          } catch (e) {
            failure = {
              transport: { kind: 'malformed', detail: e instanceof Error ? e.message : String(e) },
            };
          }
        } else {
          const info = readGraphError(answer.status, answer.text, answer.headers, this.deps.now());
          if (options.graph && isExpiredToken(info)) {
            if (retries >= this.deps.policy.maxRetries) return { failed: { error: info } };
            try {
              await this.refreshAfter(sentWith);
            } catch (e) {
              return { failed: { token: e } };
            }
            continue;
          }
          if (!isRetryableOuterStatus(info.status)) return { failed: { error: info } };
          failure = { error: info };
          retryAfter = info.retryAfterSeconds;
        }
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e;
        failure = { transport: { kind: 'network', detail: e.message } };
      }
      const decision = decideRetry(retries, retryAfter, this.budgetLeftSeconds, this.deps.policy);
      if (!decision.retry) {
        if ('error' in failure)
          return {
            failed: { error: { ...failure.error, retryAfterSeconds: decision.retryAfterSeconds } },
          };
        return { failed: failure };
      }
      await this.wait(decision.delaySeconds);
    }
  }
}

/** A request of a source on its way: one page of one SourceRequest. */
interface Pending {
  source: SourceId;
  spec: SourceRequest;
  version: ApiVersion;
  url: string;
  /** Retries of this page so far. */
  retries: number;
  /** Pages fetched before this one. */
  page: number;
  /** Items of earlier pages. */
  items: unknown[];
  /** Seconds to wait before sending (a retry's delay). */
  delaySeconds: number;
  /** Token generation it was last sent with. */
  sentWith: number;
}

interface SourceState {
  def: SourceDefinition;
  open: Set<string>;
  results: SourceResults;
  done: boolean;
}

/** How the poll of one tenant runs. */
export interface PollOptions {
  maxPages: number;
  consentUrl: string;
  onProgress?: (event: PollProgressEvent) => void;
}

/** Polls the given sources of one tenant. Never throws for Graph or token failures. */
export async function pollTenant(
  session: TenantSession,
  sources: readonly SourceId[],
  options: PollOptions,
): Promise<TenantPollResult> {
  const wanted = [...new Set(sources)].filter((s) => s in SOURCES);
  const outcomes: TenantPollResult['outcomes'] = {};
  const states = new Map<SourceId, SourceState>();
  let settled = 0;
  const result = (): TenantPollResult => ({
    tenantId: session.tenantId,
    outcomes,
    httpRequests: session.httpRequests,
  });

  const settle = (outcome: SourceOutcome) => {
    const st = states.get(outcome.source);
    if (st) st.done = true;
    (outcomes as Record<string, SourceOutcome>)[outcome.source] = outcome;
    settled++;
    try {
      options.onProgress?.({ outcome, settled, total: wanted.length });
    } catch {
      // A progress listener's failure must not break the poll.
    }
  };
  const fail = (source: SourceId, status: FailedStatus) => {
    if (states.get(source)?.done) return;
    settle(failedOutcome(source, status));
  };
  const failAll = (status: FailedStatus) => {
    for (const s of wanted) if (!states.get(s)?.done) fail(s, status);
  };

  if (wanted.length === 0) return result();
  try {
    await session.start();
  } catch (e) {
    failAll(statusForTokenFailure(e, options.consentUrl));
    return result();
  }

  let queue: Pending[] = [];
  for (const s of wanted) {
    const def = SOURCES[s] as SourceDefinition;
    states.set(s, { def, open: new Set(def.requests.map((r) => r.key)), results: {}, done: false });
    for (const spec of def.requests) {
      queue.push({
        source: s,
        spec,
        version: spec.version,
        url: spec.url,
        retries: 0,
        page: 0,
        items: [],
        delaySeconds: 0,
        sentWith: 0,
      });
    }
  }

  const complete = (p: Pending, value: unknown[] | number) => {
    const st = states.get(p.source);
    if (!st || st.done) return;
    st.results[p.spec.key] = value;
    st.open.delete(p.spec.key);
    if (st.open.size === 0) settle(outcomeFromResults(st.def, st.results));
  };
  const def = (p: Pending) => (states.get(p.source) as SourceState).def;

  /** Schedules a retry of `p` or settles its source as failed. */
  const retryOrFail = (
    p: Pending,
    next: Pending[],
    retryAfter: number | null,
    onGiveUp: (retryAfterSeconds: number | null) => FailedStatus,
  ) => {
    const decision = decideRetry(
      p.retries,
      retryAfter,
      session.budgetLeftSeconds,
      session.deps.policy,
    );
    if (decision.retry)
      next.push({ ...p, retries: p.retries + 1, delaySeconds: decision.delaySeconds });
    else fail(p.source, onGiveUp(decision.retryAfterSeconds));
  };

  /** Handles one sub-response; pushes follow-ups (next page, retry) onto `next`. */
  const handle = async (
    p: Pending,
    sub: BatchSubResponse | undefined,
    next: Pending[],
  ): Promise<void> => {
    const d = def(p);
    if (!sub) {
      retryOrFail(p, next, null, () =>
        statusForTransportFailure(d, {
          kind: 'malformed',
          detail: 'no answer for a request in the $batch',
        }),
      );
      return;
    }
    const { status } = sub;
    if (status >= 200 && status < 300) {
      try {
        if (p.spec.kind === 'count') {
          complete(p, readCountBody(sub.body));
          return;
        }
        const page =
          p.spec.kind === 'report'
            ? readReportBody(sub.body, sub.headers, p.spec.csvColumns ?? [])
            : readCollectionBody(sub.body, sub.headers);
        const items = [...p.items, ...page.items];
        if (!page.nextLink || p.spec.singlePage) {
          complete(p, items);
          return;
        }
        const link = splitGraphLink(page.nextLink);
        if (!link) throw new MalformedBodyError('unreadable @odata.nextLink');
        if (p.page + 1 >= options.maxPages) {
          fail(p.source, statusForTransportFailure(d, { kind: 'too-many-pages' }));
          return;
        }
        next.push({
          ...p,
          version: link.version,
          url: link.url,
          retries: 0,
          page: p.page + 1,
          items,
          delaySeconds: 0,
        });
      } catch (e) {
        if (!(e instanceof MalformedBodyError)) throw e;
        retryOrFail(p, next, null, () =>
          statusForTransportFailure(d, { kind: 'malformed', detail: e.message }),
        );
      }
      return;
    }
    const location = headerValue(sub.headers, 'Location');
    if (status >= 300 && status < 400 && location && p.spec.kind === 'report') {
      // The report came as a redirect to a short-lived CSV: fetch it without our token.
      const got = await session.send(
        () => session.deps.transport.plain(location),
        (a) => readReportBody(a.text, { 'Content-Type': 'text/csv' }, p.spec.csvColumns ?? []),
        { graph: false },
      );
      if ('ok' in got) complete(p, [...p.items, ...got.ok.items]);
      else fail(p.source, outerFailureStatus(d, got.failed, options.consentUrl));
      return;
    }
    const info = readGraphError(status, sub.body, sub.headers, session.deps.now());
    if (isRetryableSubStatus(status)) {
      retryOrFail(p, next, info.retryAfterSeconds, (retryAfterSeconds) =>
        statusForGraphError(d, { ...info, retryAfterSeconds }),
      );
      return;
    }
    if (isExpiredToken(info) && p.retries < session.deps.policy.maxRetries) {
      try {
        await session.refreshAfter(p.sentWith);
      } catch (e) {
        failAll(statusForTokenFailure(e, options.consentUrl));
        return;
      }
      next.push({ ...p, retries: p.retries + 1, delaySeconds: 0 });
      return;
    }
    fail(p.source, statusForGraphError(d, info));
  };

  let seq = 0;
  while (queue.length > 0) {
    queue = queue.filter((p) => !states.get(p.source)?.done);
    if (queue.length === 0) break;
    // One wait for the round (the longest delay due), then one envelope per version.
    await session.wait(Math.max(0, ...queue.map((p) => p.delaySeconds)));
    const byId = new Map<string, Pending>();
    const subs = queue.map((p) => {
      const id = String(++seq);
      p.sentWith = session.generation;
      byId.set(id, p);
      return {
        id,
        version: p.version,
        method: p.spec.method,
        url: p.url,
        ...(p.spec.headers ? { headers: { ...p.spec.headers } } : {}),
      };
    });
    const envelopes = packEnvelopes(subs);
    const answers = await Promise.all(envelopes.map((env) => sendEnvelope(session, env)));
    const next: Pending[] = [];
    const handlers: Promise<void>[] = [];
    envelopes.forEach((env, i) => {
      const answer = answers[i] as Awaited<ReturnType<typeof sendEnvelope>>;
      const members = env.requests.map((r) => byId.get(r.id) as Pending);
      if ('failed' in answer) {
        for (const p of members)
          fail(p.source, outerFailureStatus(def(p), answer.failed, options.consentUrl));
        return;
      }
      const responses = new Map(answer.ok.map((r) => [r.id, r]));
      env.requests.forEach((r, j) => {
        handlers.push(handle(members[j] as Pending, responses.get(r.id), next));
      });
    });
    await Promise.all(handlers);
    queue = next;
  }
  return result();
}

/** Posts one envelope with the outer retry policy. */
function sendEnvelope(session: TenantSession, env: BatchEnvelope) {
  return session.send(
    () =>
      session.deps.transport.graph(
        'POST',
        env.version,
        '/$batch',
        session.token,
        envelopeBody(env),
      ),
    (a) => readBatchResponse(a.text),
  );
}

/** The status a source gets when its outer request failed for good. */
export function outerFailureStatus(
  def: SourceDefinition,
  failure: OuterFailure,
  consentUrl: string,
): FailedStatus {
  if ('token' in failure) return statusForTokenFailure(failure.token, consentUrl);
  if ('transport' in failure) return statusForTransportFailure(def, failure.transport);
  return statusForGraphError(def, failure.error);
}
