/**
 * Wires the overlay to the real browser: WXT's content-script context, the panels' shadow-root
 * hosts (shadow-host.ts), the portal's side of the protocol (lib/messaging-portal.ts), and the portal reader
 * (lib/portal).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage, sendMessage } from '../../lib/messaging-portal';
import { detectTenantPage } from '../../lib/portal/detect';
import { readTenantPage } from '../../lib/portal/read';
import { type Sections, sectionsOnce } from '../../lib/portal/sections';
import { assertSender } from '../../lib/sender';
import { createOverlay } from './overlay';
import { PANELS } from './registry';
import { createShadowHost } from './shadow-host';

/**
 * The page's sections for the overlay's current pass: detection, reading and the panels'
 * anchors find them with one walk of the page. None on markup the finder cannot take (as
 * detection and reading do on their own).
 */
function sectionsOf(doc: Document): Sections {
  try {
    return sectionsOnce(doc);
  } catch {
    return {};
  }
}

/** Runs the overlay for this tab until the content script is invalidated. */
export function startPortalOverlay(ctx: ContentScriptContext) {
  return createOverlay({
    doc: document,
    url: () => location.href,
    panels: PANELS,
    isTenantDetailsPage: (doc, url) =>
      detectTenantPage(doc, url, { sections: sectionsOf(doc) }).isTenantDetails,
    readTenantPage: (doc, url, now) => readTenantPage(doc, url, now, { sections: sectionsOf(doc) }),
    reportTenantPage: (page) => sendMessage('reportTenantPage', page),
    getInsights: (req) => sendMessage('getInsights', req),
    refreshTenant: (req) => sendMessage('refreshTenant', req),
    requestSignIn: () => sendMessage('requestSignIn', undefined),
    onInsightsChanged: (cb) =>
      onMessage('insightsChanged', ({ data, sender }) => {
        assertSender(sender, 'extension-page');
        cb(data.syncroKey);
      }),
    onLocationChange: (cb) => ctx.addEventListener(window, 'wxt:locationchange', cb),
    onInvalidated: (cb) => {
      ctx.onInvalidated(cb);
    },
    createUi: (o) => Promise.resolve(createShadowHost(o)),
    optionsUrl: browser.runtime.getURL('/options.html'),
    openOptions: () => sendMessage('openOptions', undefined),
  });
}
