/**
 * Which portal tabs show which Syncro tenant page, so the background can tell them when their
 * data changed. Kept in storage.session (the worker forgets everything when it stops); no
 * "tabs" permission: the ids come from the content scripts' own messages.
 */
import browser from 'webextension-polyfill';
import { sendMessage } from '../messaging';
import { forgetInsights } from './last-insights';

const KEY = 'portalTabs';

type TabMap = Record<string, string>; // tabId -> syncroKey

async function read(): Promise<TabMap> {
  const v = (await browser.storage.session.get(KEY))[KEY];
  return v && typeof v === 'object' ? (v as TabMap) : {};
}

/** Remembers that a tab shows a Syncro tenant page. */
export async function rememberPortalTab(
  tabId: number | undefined,
  syncroKey: string,
): Promise<void> {
  if (tabId === undefined || tabId < 0) return;
  const map = await read();
  if (map[String(tabId)] === syncroKey) return;
  map[String(tabId)] = syncroKey;
  await browser.storage.session.set({ [KEY]: map });
}

/** Tells the tabs showing `syncroKey` (or every portal tab for null) to fetch insights again. */
export async function notifyPortalTabs(syncroKey: string | null): Promise<void> {
  forgetInsights(syncroKey);
  const map = await read();
  let changed = false;
  for (const [tab, key] of Object.entries(map)) {
    if (syncroKey !== null && key !== syncroKey) continue;
    try {
      await sendMessage('insightsChanged', { syncroKey: key }, Number(tab));
    } catch {
      // The tab closed or navigated away: forget it.
      delete map[tab];
      changed = true;
    }
  }
  if (changed) await browser.storage.session.set({ [KEY]: map });
}
