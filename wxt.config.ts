import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * Public half of the key that pins the Chrome extension id to
 * `khofjcmcocmbmgidkhlhfjidckhjdbhg`, so the redirect URI registered once in Entra
 * (`https://<id>.chromiumapp.org/`) stays valid for every unpacked build.
 * The private half is not needed for unpacked loading and is not in the repository.
 */
const CHROME_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwqjWC3DFcvTeyEnH9Wn9iybpKFffnJbIzxa7GPaUk1HM+twjx2tgE3PHzOxNzuVWJ1T4KIHFNltAEmAUm8rxf9lyo0UGfmhZS82VMWXQcPcZvn5fAznYvjam5hSWYbE4zLDA5D3Jn/71a7t05nYR9Hmtqlalv7dqnFMf39R+xQJojFJWxHo32V5D8JYrkBtbCkCClhPL8YmRJu+z3bJcxpIc/ujyGyk2qjBvOyxG5XJaeTtAt4cVB6FbVqz4YpdDp7NdcIAUpwSakHcsqbhKZb6k5tt3jkqLj2P+y1GYv/OAaxejgLqFOt7CDtjmRLFqm65s7N0pZ0ws+LtonwtgiQIDAQAB';

/** Firefox add-on id; its redirect URI derives from it. */
export const GECKO_ID = 'tenant-lens@tenant-lens.dev';

export default defineConfig({
  // No '@wxt-dev/webextension-polyfill' module: WXT's own `wxt/browser` stays the native API
  // (promise-based in every MV3 browser), so the content script, which uses only WXT's context
  // and synchronous or promise-returning APIs, carries no polyfill. Code that wants the polyfill
  // imports 'webextension-polyfill' itself (aliased below).
  // The Firefox sources zip holds what builds the extension, not the tests or tooling.
  zip: {
    excludeSources: ['test/**', '**/*.test.ts', '**/*.test.tsx', 'playwright.config.ts', 'vitest.config.ts', 'docs/**', '.ci/**', '.tmp/**', 'demo-output/**', 'test-results/**', 'bench-results.json', '*.log'],
  },
  vite: () => ({
    plugins: [preact()],
    resolve: {
      // @webext-core/messaging pins an older webextension-polyfill of its own; one copy is enough.
      alias: {
        'webextension-polyfill': fileURLToPath(
          new URL('./node_modules/webextension-polyfill/dist/browser-polyfill.js', import.meta.url),
        ),
      },
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    action: { default_title: '__MSG_extName__' },
    // Why each permission is here: README.md, "Permissions".
    permissions: [
      'storage',
      'alarms',
      'identity',
      'notifications',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // data_collection_permissions needs Firefox 140 (desktop) and 142 (Android).
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { key: CHROME_KEY }),
  }),
});
