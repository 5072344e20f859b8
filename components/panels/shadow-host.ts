/**
 * The panels' shadow-root hosts, made synchronously with the panels' stylesheet inlined.
 *
 * WXT's `createShadowRootUi` with `cssInjectionMode: 'ui'` fetches the stylesheet from a
 * web-accessible file before it makes each host: a round trip per panel on every page load,
 * and one more exposed resource. The stylesheet ships inside the content script instead, and a
 * host is ready in the same task as the anchor is found. The shadow tree is the one WXT builds
 * (`<html><head><style/></head><body/></html>` in an open shadow root, the host reset with
 * `all: initial`), so panels render exactly as before.
 */
import type { OverlayUi, OverlayUiOptions } from './overlay';
import css from './panels.css?inline';

/** The host reset (as WXT's), then the panels' styles. */
const SHADOW_CSS = `:host{all:initial !important;}\n${css}`;

export function createShadowHost(o: OverlayUiOptions, doc: Document = document): OverlayUi {
  const host = doc.createElement(o.name);
  const shadow = host.attachShadow({ mode: 'open' });
  const html = doc.createElement('html');
  const head = doc.createElement('head');
  const body = doc.createElement('body');
  const style = doc.createElement('style');
  style.textContent = SHADOW_CSS;
  head.append(style);
  html.append(head, body);
  shadow.append(html);
  return {
    shadowHost: host,
    mount() {
      o.append(o.anchor, host);
      o.onMount(body, shadow, host);
    },
    remove() {
      o.onRemove();
      host.remove();
      body.replaceChildren();
    },
  };
}
