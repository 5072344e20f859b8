import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: [
      'lib/**/*.test.{ts,tsx}',
      'components/**/*.test.{ts,tsx}',
      'test/unit/**/*.test.{ts,tsx}',
      'test/world/**/*.test.ts',
      // Long runs only in `npm run soak`.
      ...(process.env.SOAK ? ['test/soak/**/*.test.ts'] : []),
    ],
    setupFiles: ['fake-indexeddb/auto', 'test/unit/i18n-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
    mockReset: true,
    restoreMocks: true,
  },
});
