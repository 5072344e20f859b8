/**
 * The background service worker: the single writer. Registers every listener synchronously
 * (MV3 wakes the worker for an event and only listeners registered in the first turn get it),
 * then makes sure of the poll alarm and resumes a poll a killed worker left unfinished.
 */
import browser from 'webextension-polyfill';
import { registerAuthHandlers } from '../auth';
import { extensionRedirectUri } from '../auth/web-auth-flow';
import { openNotificationTarget } from '../notify/notifications';
import { accountItem, clientIdItem, pollIntervalItem, tenantMappingsItem } from '../settings';
import { clearResolutions, registerProtocolHandlers } from './handlers';
import {
  ensurePollAlarm,
  POLL_ALARM,
  pollDue,
  refreshEverything,
  SNOOZE_ALARM,
  updateBadge,
} from './polling';
import { notifyPortalTabs } from './portal-tabs';
import { createServices } from './services';

export function startBackground(): void {
  const services = createServices(extensionRedirectUri);

  registerAuthHandlers(services.tokenSource, {
    onSignedIn: async () => {
      const store = await services.store();
      await store.clearSignInNeeded();
      await clearResolutions();
      await updateBadge(services);
      void refreshEverything(services);
      // Open portal tabs ask again: pages matched by name can be matched now.
      void notifyPortalTabs(null);
    },
    onSignedOut: () => updateBadge(services),
  });
  registerProtocolHandlers(services);

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM)
      void pollDue(services).catch((e) => console.warn('[tenant-lens] poll failed:', e));
    if (alarm.name === SNOOZE_ALARM) void updateBadge(services);
  });
  browser.notifications.onClicked.addListener((id) => void openNotificationTarget(id));
  browser.runtime.onInstalled.addListener(() => void ensurePollAlarm());
  browser.runtime.onStartup.addListener(() => void ensurePollAlarm());
  pollIntervalItem.watch(() => void ensurePollAlarm());
  clientIdItem.watch(() => void updateBadge(services));
  accountItem.watch(() => void updateBadge(services));
  tenantMappingsItem.watch(() => void clearResolutions());

  // Every worker start: the alarm exists, the badge is right, an unfinished poll resumes.
  void ensurePollAlarm()
    .then(() => updateBadge(services))
    .then(async () => {
      const store = await services.store();
      await store.dropLease();
      const progress = await store.getPollProgress();
      if (progress && progress.finishedAt === null) await pollDue(services);
    })
    .catch((e) => console.warn('[tenant-lens] start-up failed:', e));
}
