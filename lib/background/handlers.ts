/**
 * The background's answers to the one protocol (lib/messaging.ts). Every handler checks its
 * sender first: portal messages only from our content script on a portal origin, popup and
 * options messages only from our own extension pages.
 */
import browser from 'webextension-polyfill';
import { buildBackupFile, parseBackupFile } from '../backup-file';
import { t } from '../i18n';
import { buildExtensionStatus, buildTenantInsights, resolveTenant } from '../insights';
import type { TenantInsights, TenantResolution } from '../insights/types';
import { onMessage } from '../messaging';
import { pollingTenants } from '../poll';
import type { TenantPage } from '../portal/types';
import { assertSender, isPortalUrl } from '../sender';
import {
  type AccountHint,
  accountItem,
  clientIdItem,
  cloudItem,
  DEFAULT_THRESHOLDS,
  readUserSettings,
  resetUserSettings,
  type Thresholds,
  tenantMappingsItem,
  thresholdsItem,
  writeUserSettings,
} from '../settings';
import { forgetInsights, lastInsights, rememberInsights } from './last-insights';
import {
  applyPagePortalAlerts,
  ensurePollAlarm,
  pollRunning,
  refreshEverything,
  refreshTenant,
  updateBadge,
} from './polling';
import { rememberPortalTab } from './portal-tabs';
import type { BackgroundServices } from './services';

const RESOLUTIONS = 'resolutions';
/** How long a resolution is reused: resolved/ambiguous 10 min, unresolved 1 min. */
const RESOLVED_TTL = 10 * 60_000;
const UNRESOLVED_TTL = 60_000;

type ResolutionCache = Record<string, { resolution: TenantResolution; at: number }>;

async function readResolutions(): Promise<ResolutionCache> {
  const v = (await browser.storage.session.get(RESOLUTIONS))[RESOLUTIONS];
  return v && typeof v === 'object' ? (v as ResolutionCache) : {};
}

/** Forgets cached resolutions (sign-in, mapping changes). */
export async function clearResolutions(): Promise<void> {
  await browser.storage.session.remove(RESOLUTIONS);
}

/** The page's Microsoft Tenant text -> tenant id, cached briefly per text. */
async function resolvePageTenant(
  services: BackgroundServices,
  text: string | null,
): Promise<TenantResolution> {
  if (!text) return { state: 'unresolved', reason: t('reason_noMicrosoftTenant') };
  const key = text.trim().toLowerCase();
  const cache = await readResolutions();
  const hit = cache[key];
  const now = Date.now();
  if (hit && now - hit.at < (hit.resolution.state === 'unresolved' ? UNRESOLVED_TTL : RESOLVED_TTL))
    return hit.resolution;
  const graph = await services.graph();
  const resolution = await resolveTenant(text, {
    mappings: await tenantMappingsItem.getValue(),
    byDomain: (domain) => graph.resolveTenantByDomain(domain),
    delegatedCustomers: async () => {
      const account = await accountItem.getValue();
      if (!account) throw new Error(t('reason_signInToMatchByName'));
      return graph.listDelegatedAdminCustomers(account.tenantId);
    },
  });
  cache[key] = { resolution, at: now };
  await browser.storage.session.set({ [RESOLUTIONS]: cache });
  return resolution;
}

/** A TenantPage from a content script, checked for the fields the background relies on. */
function checkPage(page: unknown): TenantPage {
  const p = page as TenantPage;
  if (
    !p ||
    typeof p !== 'object' ||
    typeof p.syncroKey !== 'string' ||
    !isPortalUrl(p.syncroKey) ||
    typeof p.url !== 'string' ||
    !isPortalUrl(p.url)
  )
    throw new Error('Refused: not a Syncro tenant page');
  if (!p.microsoftTenant || typeof p.microsoftTenant !== 'object')
    throw new Error('Refused: malformed page reading');
  return p;
}

/**
 * Stores a page reading with its resolution: the observation, the tenant it shows (created on
 * first sight), its backup-failure alerts, and a first poll at once for a tenant never polled.
 */
async function recordPage(
  services: BackgroundServices,
  page: TenantPage,
  resolution: TenantResolution,
): Promise<void> {
  const store = await services.store();
  const tenantId = resolution.state === 'resolved' ? resolution.tenantId : null;
  const now = new Date().toISOString();
  await store.putObservation({
    syncroKey: page.syncroKey,
    tenantId,
    ...(resolution.state === 'resolved' ? { resolvedVia: resolution.via } : {}),
    page,
    observedAt: now,
  });
  let firstSight = false;
  if (tenantId) {
    const before = await store.getTenant(tenantId);
    firstSight = !before || before.lastPollAt === null;
    await store.observeTenant(
      {
        tenantId,
        displayName: page.microsoftTenant.value ?? tenantId,
        syncroKey: page.syncroKey,
        cloud: await cloudItem.getValue(),
      },
      now,
    );
  }
  await applyPagePortalAlerts(services, page, tenantId);
  if (tenantId && firstSight && (await accountItem.getValue()))
    await refreshTenant(services, tenantId);
}

/**
 * The settings every tenant page's insights depend on, kept while the worker lives: each
 * storage read is a round trip through the browser, and every portal page load asks. Any change
 * in local storage drops them (`forgetInsightSettings`, registered with the handlers).
 */
let insightSettings: Promise<
  readonly [clientId: string, account: AccountHint | null, thresholds: Thresholds]
> | null = null;

function readInsightSettings() {
  if (!insightSettings) {
    const read = Promise.all([
      clientIdItem.getValue(),
      accountItem.getValue(),
      thresholdsItem.getValue(),
    ] as const);
    insightSettings = read;
    read.catch(() => {
      if (insightSettings === read) insightSettings = null;
    });
  }
  return insightSettings;
}

function forgetInsightSettings(_changes: unknown, area: string) {
  if (area !== 'local') return;
  insightSettings = null;
  forgetInsights(null);
}

/** Builds what a portal tab shows for one Syncro tenant page. */
async function insightsFor(
  services: BackgroundServices,
  syncroKey: string,
  resolution?: TenantResolution,
): Promise<TenantInsights> {
  const store = await services.store();
  const [view, [clientId, account, thresholds]] = await Promise.all([
    store.getPageView(syncroKey),
    readInsightSettings(),
  ]);
  const { observation } = view;
  const res =
    resolution ??
    (observation?.tenantId && observation.resolvedVia
      ? ({
          state: 'resolved',
          tenantId: observation.tenantId,
          via: observation.resolvedVia,
        } as const)
      : observation
        ? await resolvePageTenant(services, observation.page.microsoftTenant.value)
        : ({ state: 'pending' } as const));
  // A page read before its tenant could be matched (e.g. by name, before sign-in) that matches
  // now: record the tenant and poll it, as a fresh report would.
  if (!resolution && observation && !observation.tenantId && res.state === 'resolved')
    await recordPage(services, observation.page, res);
  const tenantId = res.state === 'resolved' ? res.tenantId : null;
  // The page's tenant came with its observation; another one (a fresh match) is read now.
  const [tenant, snapshot] = !tenantId
    ? [null, null]
    : tenantId === observation?.tenantId
      ? [view.tenant, view.snapshot]
      : await Promise.all([store.getTenant(tenantId), store.getSnapshot(tenantId)]);
  const insights = buildTenantInsights({
    syncroKey,
    configured: clientId !== '',
    signedIn: account !== null,
    resolution: res,
    tenant,
    snapshot,
    polling: tenantId !== null && pollingTenants(store).has(tenantId),
    thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
  });
  rememberInsights(syncroKey, insights);
  return insights;
}

/** Registers every protocol handler except the auth ones (lib/auth). Synchronous. */
export function registerProtocolHandlers(services: BackgroundServices): void {
  browser.storage.onChanged.addListener(forgetInsightSettings);
  onMessage('reportTenantPage', async ({ data, sender }) => {
    assertSender(sender, 'portal-content');
    const page = checkPage(data);
    await rememberPortalTab(sender.tab?.id, page.syncroKey);
    const resolution = await resolvePageTenant(services, page.microsoftTenant.value);
    await recordPage(services, page, resolution);
    return insightsFor(services, page.syncroKey, resolution);
  });

  onMessage('openOptions', async ({ sender }) => {
    assertSender(sender, 'portal-content', 'extension-page');
    await browser.runtime.openOptionsPage();
  });

  onMessage('getInsights', async ({ data, sender }) => {
    assertSender(sender, 'portal-content', 'extension-page');
    const known = data.lastKnown === true ? lastInsights(data.syncroKey) : undefined;
    return known ?? insightsFor(services, data.syncroKey);
  });

  onMessage('refreshTenant', async ({ data, sender }) => {
    assertSender(sender, 'portal-content', 'extension-page');
    const store = await services.store();
    const observation = await store.getObservation(data.syncroKey);
    if (!observation?.tenantId) return { started: false, reason: t('reason_tenantNotMatched') };
    return refreshTenant(services, observation.tenantId);
  });

  onMessage('getStatus', async ({ sender }) => {
    assertSender(sender, 'extension-page');
    const store = await services.store();
    const [clientId, account, tenants, progress] = await Promise.all([
      clientIdItem.getValue(),
      accountItem.getValue(),
      store.listTenants(),
      store.getPollProgress(),
    ]);
    return buildExtensionStatus({
      configured: clientId !== '',
      account,
      tenants,
      progress,
      running: pollRunning() || pollingTenants(store).size > 0,
    });
  });

  onMessage('refreshAll', ({ sender }) => {
    assertSender(sender, 'extension-page');
    return refreshEverything(services);
  });

  onMessage('acknowledgeAlerts', async ({ data, sender }) => {
    assertSender(sender, 'extension-page');
    const changed = await (await services.store()).acknowledge(data.ids, new Date().toISOString());
    await updateBadge(services);
    return { changed };
  });

  onMessage('unacknowledgeAlerts', async ({ data, sender }) => {
    assertSender(sender, 'extension-page');
    const changed = await (await services.store()).unacknowledge(data.ids);
    await updateBadge(services);
    return { changed };
  });

  onMessage('snoozeAlerts', async ({ data, sender }) => {
    assertSender(sender, 'extension-page');
    if (![7, 14, 30].includes(data.days)) throw new Error(t('error_snoozeDays'));
    const until = new Date(Date.now() + data.days * 86_400_000).toISOString();
    const changed = await (await services.store()).snooze(
      data.ids,
      until,
      String(data.reason ?? '').slice(0, 500),
    );
    await updateBadge(services);
    return { changed };
  });

  onMessage('forgetAllData', async ({ data, sender }) => {
    assertSender(sender, 'extension-page');
    await (await services.store()).forgetAll();
    forgetInsights(null);
    await services.tokenSource
      .signOut()
      .catch((e) => console.warn('[tenant-lens] sign-out failed:', e));
    await clearResolutions();
    if (data.settings) await resetUserSettings();
    await updateBadge(services);
  });

  onMessage('exportData', async ({ sender }) => {
    assertSender(sender, 'extension-page');
    const acknowledgements = await (await services.store()).exportAcknowledgements();
    return buildBackupFile(await readUserSettings(), acknowledgements, new Date());
  });

  onMessage('importData', async ({ data, sender }) => {
    assertSender(sender, 'extension-page');
    const parsed = parseBackupFile(data.json);
    if (!parsed.ok) return parsed;
    await writeUserSettings(parsed.value.settings);
    const acks = await (await services.store()).importAcknowledgements(
      parsed.value.acknowledgements,
    );
    await clearResolutions();
    await ensurePollAlarm();
    await updateBadge(services);
    return { ok: true as const, settings: 9, acknowledgements: acks.applied + acks.pending };
  });
}
