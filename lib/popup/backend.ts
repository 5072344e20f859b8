/**
 * The popup's data: it reads alerts straight from IndexedDB (same origin as the worker, so the
 * list opens without waking the worker), one page at a time through the store's indexes, and
 * changes data only through the background (which checks the sender).
 */
import browser from 'webextension-polyfill';
import type { PopupBackend } from '../../components/popup/model';
import { sendMessage } from '../messaging';
import { alertsRevisionItem, DEFAULT_POPUP_FILTERS, popupFiltersItem } from '../settings';
import { popupFilterToQuery } from '../store/alerts';
import { openDatabase } from '../store/db';
import {
  popupAlerts,
  popupCounts,
  popupPage,
  popupTenants,
  popupUnacknowledgedIds,
} from '../store/popup';

/**
 * The popup's backend over the real store and background. The database opens and the saved
 * filters are read as soon as it is created (before the popup renders), in parallel.
 */
export function createPopupBackend(): PopupBackend {
  // Only the popup's read queries (lib/store/popup.ts), not the background's whole store.
  const opened = openDatabase();
  // Read when used; a failure shows there (not as an unhandled rejection now).
  opened.catch(() => undefined);
  const filters = popupFiltersItem.getValue();
  return {
    loadPage: async (f, now, before, limit) =>
      popupPage(await opened, popupFilterToQuery(f, now), before, limit),
    loadCounts: async (f, now) => popupCounts(await opened, popupFilterToQuery(f, now)),
    loadAll: async (f, now) => popupAlerts(await opened, popupFilterToQuery(f, now)),
    loadUnacknowledgedIds: async (f, now) =>
      popupUnacknowledgedIds(await opened, popupFilterToQuery(f, now)),
    loadTenants: async () => popupTenants(await opened),
    status: () => sendMessage('getStatus', undefined),
    loadFilters: async () => ({ ...DEFAULT_POPUP_FILTERS, ...(await filters) }),
    saveFilters: (f) => popupFiltersItem.setValue(f),
    acknowledge: async (ids) => void (await sendMessage('acknowledgeAlerts', { ids })),
    unacknowledge: async (ids) => void (await sendMessage('unacknowledgeAlerts', { ids })),
    snooze: async (ids, days, reason) =>
      void (await sendMessage('snoozeAlerts', { ids, days, reason })),
    refreshAll: () => sendMessage('refreshAll', undefined),
    signIn: () => sendMessage('signIn', undefined),
    openOptions: () => void browser.runtime.openOptionsPage(),
    onChange: (cb) => alertsRevisionItem.watch(() => cb()),
    download(name, text, type) {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
    now: () => new Date(),
  };
}
