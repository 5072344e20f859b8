/**
 * Wires the overlay to the real browser: WXT's content-script context and shadow-root UIs,
 * the typed protocol (lib/messaging.ts), and the portal reader (lib/portal).
 */
import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { onMessage, sendMessage } from '../../lib/messaging';
import { isTenantDetailsPage } from '../../lib/portal/detect';
import { readTenantPage } from '../../lib/portal/read';
import { assertSender } from '../../lib/sender';
import { createOverlay } from './overlay';
import { PANELS } from './registry';

/** Runs the overlay for this tab until the content script is invalidated. */
export function startPortalOverlay(ctx: ContentScriptContext) {
  return createOverlay({
    doc: document,
    url: () => location.href,
    panels: PANELS,
    isTenantDetailsPage,
    readTenantPage,
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
    createUi: (o) =>
      createShadowRootUi(ctx, {
        name: o.name,
        position: 'inline',
        anchor: o.anchor,
        append: o.append,
        mode: 'open',
        onMount: o.onMount,
        onRemove: o.onRemove,
      }),
    optionsUrl: browser.runtime.getURL('/options.html'),
    openOptions: () => sendMessage('openOptions', undefined),
  });
}
