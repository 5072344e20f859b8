/**
 * Imported first by the benchmark: lib/settings (through lib/poll) defines @wxt-dev/storage
 * items at import, which need a `browser`/`chrome` global. WXT's fake browser (in memory)
 * stands in; the benchmark never reads settings through it. fake-indexeddb/auto gives idb the
 * IndexedDB globals it checks (IDBRequest...); each poll still opens its own IDBFactory.
 * The alert rules word their texts through chrome.i18n: the unit tests' setup gives the fake
 * browser the English catalogue.
 */
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import '../unit/i18n-setup';

const g = globalThis as { chrome?: unknown; browser?: unknown };
g.chrome ??= fakeBrowser;
g.browser ??= fakeBrowser;
