/**
 * The one retry policy of the Graph module, for whole `$batch` envelopes and for the
 * sub-requests inside them alike. Pure: the clock, the dice and the sleeping are passed in.
 *
 * Why our own policy and not graph-client's RetryHandler:
 * - RetryHandler never sees a 429 inside a 200 `$batch` envelope, so sub-requests need this
 *   policy anyway; one policy for both levels keeps one attempt count and one wait budget.
 * - It sleeps with its own timers for as long as Retry-After says. In an MV3 service worker a
 *   long idle wait can outlive the worker; we cap the total wait per tenant poll
 *   (`maxWaitSeconds`) and report `throttled` with the server's Retry-After instead, so the
 *   poller reschedules that tenant.
 * - It does not retry network errors or malformed JSON, which we must.
 * - Its sleeps cannot be injected, so tests would wait in wall time.
 */

/** Knobs of the retry policy. */
export interface RetryPolicy {
  /** Retries per request (or envelope) after the first attempt. */
  maxRetries: number;
  /** Total seconds one tenant poll may spend waiting before it gives up and reports. */
  maxWaitSeconds: number;
  /** First backoff step when no Retry-After is given (seconds). */
  baseDelaySeconds: number;
  /** Largest backoff step (seconds). */
  maxDelaySeconds: number;
  /** Uniform [0, 1). */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'random'> = {
  maxRetries: 4,
  maxWaitSeconds: 20,
  baseDelaySeconds: 1,
  maxDelaySeconds: 16,
};

/**
 * Reads a Retry-After header: delta seconds ("7") or an HTTP-date. Returns seconds from
 * `nowMs` (never negative), or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const v = String(value).trim();
  if (v === '') return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * Exponential backoff with "equal jitter": for the n-th retry (0-based) a delay in
 * [step/2, step) where step = min(maxDelay, base * 2^n). Never zero, never above the cap.
 */
export function backoffSeconds(retry: number, policy: RetryPolicy): number {
  const step = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** retry);
  return step / 2 + (policy.random() * step) / 2;
}

/** The decision for a request that failed in a retryable way. */
export type RetryDecision =
  | { retry: true; delaySeconds: number }
  | { retry: false; retryAfterSeconds: number | null };

/**
 * Whether to retry after `retriesDone` retries, given the server's Retry-After (or null) and
 * the wait budget left. Gives up when the attempts are spent or the wait would not fit.
 */
export function decideRetry(
  retriesDone: number,
  retryAfterSeconds: number | null,
  budgetLeftSeconds: number,
  policy: RetryPolicy,
): RetryDecision {
  const delaySeconds = retryAfterSeconds ?? backoffSeconds(retriesDone, policy);
  if (retriesDone >= policy.maxRetries || delaySeconds > budgetLeftSeconds) {
    return { retry: false, retryAfterSeconds: retryAfterSeconds ?? Math.ceil(delaySeconds) };
  }
  return { retry: true, delaySeconds };
}
