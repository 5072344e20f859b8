import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../lib/settings';
import { validateForm } from './OptionsPage';

const base = {
  clientId: '',
  cloud: 'global' as const,
  pollInterval: 15,
  concurrency: 4,
  sources: {},
  thresholds: DEFAULT_THRESHOLDS,
  notifications: {
    enabled: true,
    minSeverity: 'high' as const,
    types: { 'storage-space': true, 'backup-failure': true, 'bitlocker-reminder': true, 'security-alert': true },
  },
  patterns: 'https://*.syncromsp.com/*',
  mappings: [],
};

describe('options form validation', () => {
  it('accepts an empty client id (first run) and a GUID', () => {
    expect(validateForm(base)).toEqual({});
    expect(validateForm({ ...base, clientId: '7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60' })).toEqual({});
  });
  it('rejects a client id that is not a GUID', () => {
    expect(validateForm({ ...base, clientId: 'my-app' }).clientId).toMatch(/GUID/);
  });
  it('rejects out-of-range intervals, bad patterns and incomplete mappings', () => {
    const errors = validateForm({
      ...base,
      pollInterval: 1,
      patterns: 'syncromsp.com',
      mappings: [{ match: 'Northwind', tenantId: 'x' }],
    });
    expect(Object.keys(errors).sort()).toEqual(['mapping', 'patterns', 'pollInterval']);
  });
});
