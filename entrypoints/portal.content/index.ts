/**
 * The Syncro portal content script: wiring only. Detection, reading, reporting and the panel
 * registry live in components/panels (overlay.tsx, registry.ts). It never touches tokens or
 * IndexedDB (a content script's IndexedDB is the page's).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPortalOverlay } from '../../components/panels/start';

export default defineContentScript({
  // Covers *.shield.syncromsp.com too; the page's content decides (lib/portal/detect.ts).
  matches: ['https://*.syncromsp.com/*'],
  // As soon as the page's markup is parsed (not after its images and scripts have loaded);
  // sections rendered later are picked up by the overlay's MutationObserver.
  runAt: 'document_end',
  // The panels' stylesheet is inlined into their shadow roots (components/panels/shadow-host.ts):
  // no stylesheet file, no web-accessible resource.
  cssInjectionMode: 'manual',
  main(ctx) {
    startPortalOverlay(ctx);
  },
});
