import { describe, expect, it } from 'vitest';
import type { TenantInsights } from '../insights/types';
import { forgetInsights, lastInsights, rememberInsights } from './last-insights';

const insights = (syncroKey: string) => ({ syncroKey }) as TenantInsights;

describe('last insights', () => {
  it('keeps the last insights per page until they are forgotten', () => {
    rememberInsights('a', insights('a'));
    rememberInsights('b', insights('b'));
    rememberInsights('a', { ...insights('a'), configured: true });
    expect(lastInsights('a')?.configured).toBe(true);
    forgetInsights('a');
    expect(lastInsights('a')).toBeUndefined();
    expect(lastInsights('b')).toBeDefined();
    forgetInsights(null);
    expect(lastInsights('b')).toBeUndefined();
  });

  it('holds a bounded number of pages, dropping the least recently built', () => {
    for (let i = 0; i < 60; i++) rememberInsights(`k${i}`, insights(`k${i}`));
    rememberInsights('k10', insights('k10'));
    rememberInsights('k60', insights('k60'));
    expect(lastInsights('k0')).toBeUndefined();
    expect(lastInsights('k10')).toBeDefined();
    expect(lastInsights('k60')).toBeDefined();
    forgetInsights(null);
  });
});
