import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testIgnore: process.env.SOAK ? [] : ['**/soak/**'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One Chromium per worker; two cores.
  workers: process.env.CI ? 2 : 2,
  fullyParallel: true,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
