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
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    startPortalOverlay(ctx);
  },
});
