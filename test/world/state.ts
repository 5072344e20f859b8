/**
 * The world's shared, mutable state: fault injection, the request log, the token signer,
 * the clock, and each service's own state. Tests and benchmarks switch faults on and off here
 * (in-process) or through the control API (`/__world/*` on 127.0.0.1).
 */
import { TokenSigner } from './tokens';

/** Kinds of fault Graph can inject. */
export type FaultKind =
  | '429' // TooManyRequests with Retry-After
  | '429-no-retry-after'
  | '503' // ServiceUnavailable with Retry-After
  | 'timeout' // the connection hangs then drops (outer requests only)
  | 'malformed' // 200 with a body that is not JSON
  | 'expired-token'; // 401 InvalidAuthenticationToken "Lifetime validation failed"

export interface FaultConfig {
  /** Fraction 0..1 of Graph requests (and batch sub-requests) that fail. */
  rate: number;
  /** Kinds drawn from (uniformly) when a request fails. */
  kinds: FaultKind[];
  /** Retry-After seconds on 429/503. */
  retryAfterSeconds: number;
  /** Latency added to every Graph and identity HTTP response (ms). */
  latencyMs: number;
  /** How long a 'timeout' fault hangs before dropping the connection (ms). */
  timeoutMs: number;
  /** Tenants that answer 429 to every request (a throttled tenant), by tenant id. */
  throttledTenants: string[];
  /** Seed of the fault draw (deterministic sequences). */
  seed: number;
}

export const NO_FAULTS: FaultConfig = {
  rate: 0,
  kinds: ['429'],
  retryAfterSeconds: 1,
  latencyMs: 0,
  timeoutMs: 3000,
  throttledTenants: [],
  seed: 1,
};

/** One logged request (outer HTTP requests and batch sub-requests). */
export interface LoggedRequest {
  at: number;
  host: string;
  method: string;
  /** Path + query. */
  path: string;
  status: number;
  /** Tenant id from the access token, when there was one. */
  tenantId?: string;
  /** True for a sub-request inside a $batch. */
  inBatch?: boolean;
  /** Fault injected, if any. */
  fault?: FaultKind;
}

/** Small deterministic PRNG (mulberry32) for fault draws. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The core every service handler receives. Services keep their own state in their modules. */
export interface WorldCore {
  faults: FaultConfig;
  /** Draws from the fault sequence (reset when faults are set). */
  random: () => number;
  log: LoggedRequest[];
  signer: TokenSigner;
  /** The world's clock (ms); tests may shift it. */
  now: () => number;
}

export function createCore(): WorldCore {
  const core: WorldCore = {
    faults: { ...NO_FAULTS },
    random: prng(NO_FAULTS.seed),
    log: [],
    signer: new TokenSigner(),
    now: () => Date.now(),
  };
  return core;
}

/** Replaces the fault configuration (partial) and restarts the draw sequence. */
export function setFaults(core: WorldCore, faults: Partial<FaultConfig>): void {
  core.faults = { ...NO_FAULTS, ...faults };
  core.random = prng(core.faults.seed);
}
