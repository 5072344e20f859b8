/** The table printed by `npm run bench` and the README's Performance section. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { PanelsResult, PopupCountResult } from './browser';
import type { PollCountResult } from './poll';
import type { EntrySize } from './size';

export interface BenchResults {
  generatedAt: string;
  command: string;
  machine: {
    cpus: number;
    node: string;
    platform: string;
    chromium: string | null;
    /** os.loadavg() at the start of the run: how busy the (shared) machine was. */
    loadAverage: number[];
  };
  totalSeconds: number;
  sizes: Record<string, EntrySize>;
  timeToPanels: PanelsResult;
  /** Per alert count ("100", "1000", "10000"), plus the growth ratios. */
  popup: Record<string, PopupCountResult | number> & {
    growth100to10000: number;
    filterGrowth100to10000: number;
  };
  /** Per tenant count ("10", "50", "200"), plus the run's settings and round-trip time. */
  poll: Record<string, PollCountResult | number> & {
    latencyMs: number;
    concurrency: number;
    roundTripMs: number;
  };
  goals: Goal[];
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean | null;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n >= 100 ? 0 : 1)} ms` : 'n/a');
const x = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');

export function goalsOf(r: Omit<BenchResults, 'goals'>): Goal[] {
  const goals: Goal[] = [];
  const cs = r.sizes?.contentScript;
  if (cs)
    goals.push({
      goal: 'Content script ≤ 25 KB gzip',
      measured: kb(cs.gzip),
      met: cs.gzip <= 25 * 1024,
    });
  const t = r.timeToPanels;
  if (t)
    goals.push({
      goal: `Panels within 50 ms of the page's sections appearing${t.cachedData ? ' (cached data)' : ' (signed out: no cached data)'}`,
      measured: `${ms(t.afterSectionsMedianMs)} after the sections (median)`,
      met: t.cachedData ? t.afterSectionsMedianMs <= 50 : null,
    });
  const p = r.popup;
  const top = p?.['10000'] as PopupCountResult | undefined;
  if (top)
    goals.push({
      goal: 'Popup first rows ≤ 150 ms at 10,000 alerts',
      measured: ms(top.firstRowsMedianMs),
      met: top.firstRowsMedianMs <= 150,
    });
  if (p)
    goals.push({
      goal: 'Popup growth 100 → 10,000 alerts under 2×',
      measured: x(p.growth100to10000),
      met: p.growth100to10000 < 2,
    });
  const poll = r.poll;
  const p200 = poll?.['200'] as PollCountResult | undefined;
  if (p200) {
    goals.push({
      goal: 'One HTTP round trip per tenant per poll (batched sources)',
      measured: `${p200.firstRoundRequestsPerTenant} parallel $batch envelopes in the first round trip; ${p200.roundTripsPerTenant} round trips and ${p200.requestsPerTenant} requests per tenant in all (the rest: next pages)`,
      met: p200.roundTripsPerTenant <= 1,
    });
    goals.push({
      goal: 'Poll of 200 tenants ≥ 8× faster than the naive baseline',
      measured: x(p200.speedupVsNaive),
      met: p200.speedupVsNaive >= 8,
    });
    goals.push({
      goal: 'Poll of 200 tenants within 1.5× of the lower bound',
      measured: x(p200.ratioToLowerBound),
      met: p200.ratioToLowerBound <= 1.5,
    });
  }
  return goals;
}

/** The results as Markdown tables (also printed to the terminal). */
export function markdown(r: BenchResults): string {
  const out: string[] = [];
  out.push('| Entry | raw | gzip |', '|---|---:|---:|');
  for (const [name, s] of Object.entries(r.sizes ?? {}))
    out.push(`| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
  out.push('');
  const t = r.timeToPanels;
  if (t) {
    out.push(
      `Time to panels (${t.loads} loads, ${t.cachedData ? 'tenant data cached' : 'signed out, no cached data'}; medians from navigation start):`,
      '',
      '| all panels mounted | page sections appear | panels after sections | page load event | panels / page load |',
      '|---:|---:|---:|---:|---:|',
      `| ${ms(t.medianMs)} | ${ms(t.sectionsMedianMs)} | ${ms(t.afterSectionsMedianMs)} | ${ms(t.pageLoadMedianMs)} | ${x(t.ratio)} |`,
      '',
    );
  }
  if (r.popup) {
    out.push(
      '| Stored alerts | popup open → first rows (median) | filter change → list updated (median) |',
      '|---:|---:|---:|',
    );
    for (const [n, c] of Object.entries(r.popup)) {
      if (typeof c !== 'object' || c === null) continue;
      out.push(
        `| ${Number(n).toLocaleString('en-US')} | ${ms(c.firstRowsMedianMs)} | ${ms(c.filterMedianMs)} |`,
      );
    }
    out.push(
      '',
      `Growth of popup open time from 100 to 10,000 alerts: ${x(r.popup.growth100to10000)} (filter: ${x(r.popup.filterGrowth100to10000)}).`,
      '',
    );
  }
  if (r.poll) {
    out.push(
      `Polling (${r.poll.latencyMs} ms added per request, measured round trip ${ms(r.poll.roundTripMs)}, concurrency ${r.poll.concurrency}):`,
      '',
      '| Tenants | requests / tenant | round trips / tenant | wall time | naive baseline | speedup vs naive | lower bound | ratio to lower bound |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const [n, c] of Object.entries(r.poll)) {
      if (typeof c !== 'object' || c === null) continue;
      out.push(
        `| ${n} | ${c.requestsPerTenant} (naive ${c.naiveRequestsPerTenant}) | ${c.roundTripsPerTenant} | ${ms(c.wallMs)} | ${ms(c.naiveWallMs)}${c.naiveTenantsMeasured < c.tenants ? ` ¹` : ''} | ${x(c.speedupVsNaive)} | ${ms(c.lowerBoundMs)} | ${x(c.ratioToLowerBound)} |`,
      );
    }
    const sampled = Object.values(r.poll).filter(
      (c): c is PollCountResult =>
        typeof c === 'object' && c !== null && c.naiveTenantsMeasured < c.tenants,
    );
    if (sampled.length)
      out.push(
        '',
        `¹ The naive baseline is strictly sequential, so its time is linear in tenants: it polled the first ${sampled[0]?.naiveTenantsMeasured} tenants in this run and was scaled.`,
      );
    out.push('');
  }
  out.push('Goals:', '', '| Goal | Measured | Met |', '|---|---|:---:|');
  for (const g of r.goals)
    out.push(
      `| ${g.goal} | ${g.measured} | ${g.met === null ? 'not measured' : g.met ? 'yes' : '**no**'} |`,
    );
  return out.join('\n');
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** Replaces (or appends) the marked Performance section of README.md. */
export function updateReadme(r: BenchResults, notes: string, file = 'README.md'): void {
  const text = readFileSync(file, 'utf8');
  const section = [
    README_START,
    '## Performance',
    '',
    `Measured with \`${r.command}\` on ${r.generatedAt.slice(0, 10)} (${r.machine.cpus} CPUs, load average ${r.machine.loadAverage.map((l) => l.toFixed(1)).join(' / ')} at the start, Node ${r.machine.node}, ${r.machine.chromium ?? 'Chromium'}; the whole run took ${Math.round(r.totalSeconds)} s). The machine is shared and noisy: compare the ratios and the side-by-side numbers of one run rather than absolute times across runs. Raw numbers: \`bench-results.json\`; code: \`test/bench/\`.`,
    '',
    markdown(r),
    '',
    notes,
    README_END,
  ].join('\n');
  const a = text.indexOf(README_START);
  const b = text.indexOf(README_END);
  const next =
    a >= 0 && b > a
      ? text.slice(0, a) + section + text.slice(b + README_END.length)
      : `${text.replace(/\s*$/, '')}\n\n${section}\n`;
  writeFileSync(file, next);
}
