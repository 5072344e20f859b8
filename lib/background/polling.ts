/**
 * Polling as the background runs it: the alarm, "refresh now" for one tenant and for all,
 * the alert rules inside each tenant's commit, and what follows a change (badge,
 * notifications, portal tabs told to refresh their panels).
 */
import browser from 'webextension-polyfill';
import { badgeFor } from '../alerts/badge';
import { t } from '../i18n';
import { planNotification, showNotification } from '../notify/notifications';
import {
  applyPortalAlerts,
  dueTenantIds,
  enabledSources,
  ensureAlarm,
  POLL_ALARM,
  type PollDeps,
  type PollProgressUpdate,
  pollableTenantIds,
  pollOne,
  resumeOrStart,
  runPoll,
  tenantAlertHook,
} from '../poll';
import type { TenantPage } from '../portal/types';
import {
  accountItem,
  alertsRevisionItem,
  clientIdItem,
  DEFAULT_THRESHOLDS,
  notificationsItem,
  pollConcurrencyItem,
  pollIntervalItem,
  sourcesItem,
  thresholdsItem,
} from '../settings';
import type { CommitResult, ReconcileResult } from '../store';
import type { AlertRecord } from '../store/types';
import { notifyPortalTabs } from './portal-tabs';
import type { BackgroundServices } from './services';

/** The latest progress update of the run going in this worker (for getStatus). */
let lastProgress: PollProgressUpdate | null = null;

/** True while this worker runs a poll. */
export function pollRunning(): boolean {
  return lastProgress !== null && !lastProgress.finished;
}

/** Builds the poller's dependencies from settings. */
export async function pollDeps(
  services: BackgroundServices,
  extra: Partial<PollDeps> = {},
): Promise<PollDeps> {
  const [store, graph, interval, concurrency, sources, thresholds] = await Promise.all([
    services.store(),
    services.graph(),
    pollIntervalItem.getValue(),
    pollConcurrencyItem.getValue(),
    sourcesItem.getValue(),
    thresholdsItem.getValue(),
  ]);
  return {
    store,
    graph,
    listDueTenants: (now) => dueTenantIds(store, interval, now),
    concurrency,
    sourcesEnabled: enabledSources(sources),
    now: () => new Date(),
    applyAlerts: tenantAlertHook({ ...DEFAULT_THRESHOLDS, ...thresholds }),
    onProgress: (u) => {
      lastProgress = u;
    },
    onTenantCommitted: (commit) => afterCommit(services, commit),
    ...extra,
  };
}

/** After a tenant's poll: notify about new alerts, refresh the badge and its portal tabs. */
async function afterCommit(services: BackgroundServices, commit: CommitResult): Promise<void> {
  await afterAlertsChanged(services, commit.alerts);
  for (const key of commit.tenant.syncroKeys) await notifyPortalTabs(key);
}

/** Notifications for new alerts, then the badge. */
export async function afterAlertsChanged(
  services: BackgroundServices,
  changes: ReconcileResult | null,
): Promise<void> {
  if (changes && changes.created.length > 0) {
    const plan = planNotification(changes.created, await notificationsItem.getValue(), new Date());
    if (plan)
      await showNotification(plan).catch((e) =>
        console.warn('[tenant-lens] notification failed:', e),
      );
  }
  await updateBadge(services);
}

/** Sets the badge from the store: active alerts by severity, or "!" when sign-in is needed. */
export async function updateBadge(services: BackgroundServices): Promise<void> {
  try {
    const store = await services.store();
    const now = new Date();
    const [active, tenants, clientId] = await Promise.all([
      store.countActiveAlerts(now.toISOString()),
      store.listTenants(),
      clientIdItem.getValue(),
    ]);
    const badge = badgeFor({
      active: active.count,
      highest: active.highestSeverity,
      signInNeeded: tenants.filter((t) => t.signInNeeded).length,
      configured: clientId !== '',
    });
    await browser.action.setBadgeText({ text: badge.text });
    await browser.action.setBadgeBackgroundColor({ color: badge.color });
    await browser.action.setTitle({ title: badge.title });
    await alertsRevisionItem.setValue(
      ((await alertsRevisionItem.getValue()) + 1) % Number.MAX_SAFE_INTEGER,
    );
    await scheduleSnoozeWake(store);
  } catch (e) {
    console.warn('[tenant-lens] badge update failed:', e);
  }
}

const SNOOZE_ALARM = 'snooze-end';

/** An alarm at the earliest snooze end, so the badge updates when a snooze expires. */
async function scheduleSnoozeWake(
  store: Awaited<ReturnType<BackgroundServices['store']>>,
): Promise<void> {
  const now = new Date().toISOString();
  const page = await store.queryAlerts({ state: 'open' }, { limit: 100_000 });
  let next: string | null = null;
  for (const a of page.rows as AlertRecord[])
    if (a.snoozedUntil && a.snoozedUntil > now && (!next || a.snoozedUntil < next))
      next = a.snoozedUntil;
  if (next) await browser.alarms.create(SNOOZE_ALARM, { when: Date.parse(next) + 1000 });
  else await browser.alarms.clear(SNOOZE_ALARM);
}

/** The alarm: resume an unfinished run or poll the due tenants. */
export async function pollDue(services: BackgroundServices): Promise<void> {
  if (!(await accountItem.getValue())) return;
  const deps = await pollDeps(services);
  await resumeOrStart(deps);
  lastProgress = null;
  await updateBadge(services);
}

/** "Refresh all" from the popup: a new run over every tenant (not awaited by the caller). */
export async function refreshEverything(
  services: BackgroundServices,
): Promise<{ started: boolean; reason?: string }> {
  if (!(await clientIdItem.getValue()))
    return { started: false, reason: t('reason_notConfigured') };
  if (!(await accountItem.getValue())) return { started: false, reason: t('reason_notSignedIn') };
  const deps = await pollDeps(services);
  const ids = await pollableTenantIds(deps.store);
  if (ids.length === 0) return { started: false, reason: t('reason_noTenants') };
  lastProgress = {
    runId: 'pending',
    total: ids.length,
    done: 0,
    inFlight: [],
    failures: [],
    finished: false,
    text: '',
  };
  void runPoll(deps, { tenantIds: ids })
    .catch((e) => console.warn('[tenant-lens] poll failed:', e))
    .finally(async () => {
      lastProgress = null;
      await updateBadge(services);
    });
  return { started: true };
}

/** "Refresh now" for one tenant (from its panel); not awaited by the caller. */
export async function refreshTenant(
  services: BackgroundServices,
  tenantId: string,
): Promise<{ started: boolean; reason?: string }> {
  if (!(await accountItem.getValue())) return { started: false, reason: t('reason_notSignedIn') };
  const deps = await pollDeps(services);
  void pollOne(deps, tenantId)
    .catch((e) => console.warn('[tenant-lens] poll failed:', e))
    .finally(() => updateBadge(services));
  return { started: true };
}

/** The portal's backup errors as alerts (Backup Failure), reconciled per Syncro tenant page. */
export async function applyPagePortalAlerts(
  services: BackgroundServices,
  page: TenantPage,
  tenantId: string | null,
): Promise<void> {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...(await thresholdsItem.getValue()) };
  const changes = await applyPortalAlerts(
    await services.store(),
    page,
    tenantId,
    thresholds,
    new Date(),
  );
  await afterAlertsChanged(services, changes);
}

/** Makes sure the poll alarm exists with the current interval (on install, start, change). */
export async function ensurePollAlarm(): Promise<void> {
  await ensureAlarm(browser.alarms as never, await pollIntervalItem.getValue());
}

export { POLL_ALARM, SNOOZE_ALARM };
