/**
 * Desktop notifications for new alerts: grouped so a burst makes one notification, only for
 * types switched on and severities at or above the chosen one, never for acknowledged or
 * snoozed alerts. Clicking opens the Syncro tenant page (or the popup where none is known).
 */
import browser from 'webextension-polyfill';
import { atLeast, highest } from '../alerts/severity';
import { t } from '../i18n';
import type { NotificationSettings } from '../settings';
import type { AlertRecord } from '../store/types';

/** What one notification says and where a click goes. */
export interface NotificationPlan {
  title: string;
  message: string;
  /** Up to 5 lines for a list notification. */
  items: { title: string; message: string }[];
  /** URL to open on click; null opens the popup page. */
  target: string | null;
  priority: 0 | 1 | 2;
}

/** Pure: which of the new alerts deserve a notification, and how it reads. */
export function planNotification(newAlerts: AlertRecord[], settings: NotificationSettings, now: Date): NotificationPlan | null {
  if (!settings.enabled) return null;
  const due = newAlerts.filter(
    (a) =>
      settings.types[a.type] &&
      atLeast(a.severity, settings.minSeverity) &&
      a.acknowledgedAt === null &&
      a.resolvedAt === null &&
      !(a.snoozedUntil && Date.parse(a.snoozedUntil) > now.getTime()),
  );
  if (due.length === 0) return null;
  const top = highest(due.map((a) => a.severity));
  const first = due[0] as AlertRecord;
  const tenants = new Set(due.map((a) => a.tenantName));
  const sameTenantPage = new Set(due.map((a) => a.syncroKey)).size === 1 ? first.syncroKey : null;
  if (due.length === 1) {
    return {
      title: `${first.tenantName}: ${first.title}`,
      message: first.detail,
      items: [],
      target: first.syncroKey,
      priority: top === 'high' ? 2 : 1,
    };
  }
  return {
    title:
      tenants.size === 1
        ? t('notify_newAlertsInTenant', due.length, first.tenantName)
        : t('notify_newAlertsInTenants', due.length, tenants.size),
    message: due
      .slice(0, 3)
      .map((a) => `${a.tenantName}: ${a.title}`)
      .join('\n'),
    items: due.slice(0, 5).map((a) => ({ title: a.tenantName, message: a.title })),
    target: sameTenantPage,
    priority: top === 'high' ? 2 : 1,
  };
}

const TARGET_PREFIX = 'notification-target:';

/** Shows the planned notification and remembers where a click goes. */
export async function showNotification(plan: NotificationPlan): Promise<string> {
  const id = `tenant-lens-${Date.now()}`;
  await browser.storage.session.set({ [TARGET_PREFIX + id]: plan.target ?? '' });
  await browser.notifications.create(id, {
    // 'basic' everywhere: Firefox has no list notifications; the message lists the items.
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: plan.title,
    message: plan.message,
    priority: plan.priority,
  } as browser.Notifications.CreateNotificationOptions);
  return id;
}

/** Opens what a clicked notification points at. Registered by the background. */
export async function openNotificationTarget(id: string): Promise<void> {
  const key = TARGET_PREFIX + id;
  const stored = (await browser.storage.session.get(key))[key];
  const target = typeof stored === 'string' && stored.startsWith('https://') ? stored : browser.runtime.getURL('/popup.html');
  await browser.tabs.create({ url: target });
  await browser.notifications.clear(id);
  await browser.storage.session.remove(key);
}
