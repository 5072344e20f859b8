/**
 * The popup's data: it reads alerts straight from IndexedDB (same origin as the worker, so
 * the list opens fast) and changes data only through the background.
 */
import browser from 'webextension-polyfill';
import type { PopupBackend } from '../../components/popup/Popup';
import { sendMessage } from '../messaging';
import { alertsRevisionItem, DEFAULT_POPUP_FILTERS, popupFiltersItem } from '../settings';
import { openStore, popupFilterToQuery, type TenantLensStore } from '../store';

/** The popup's backend over the real store and background. */
export function createPopupBackend(): PopupBackend {
  let store: Promise<TenantLensStore> | null = null;
  const db = () => (store ??= openStore());
  return {
    async loadAlerts() {
      const page = await (await db()).queryAlerts({ state: 'open' }, { limit: Number.MAX_SAFE_INTEGER });
      return page.rows;
    },
    loadFirstPage: async (filters, now, limit) => (await db()).firstAlerts(popupFilterToQuery(filters, now), limit),
    status: () => sendMessage('getStatus', undefined),
    loadFilters: async () => ({ ...DEFAULT_POPUP_FILTERS, ...(await popupFiltersItem.getValue()) }),
    saveFilters: (f) => popupFiltersItem.setValue(f),
    acknowledge: async (ids) => void (await sendMessage('acknowledgeAlerts', { ids })),
    unacknowledge: async (ids) => void (await sendMessage('unacknowledgeAlerts', { ids })),
    snooze: async (ids, days, reason) => void (await sendMessage('snoozeAlerts', { ids, days, reason })),
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
