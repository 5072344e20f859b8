/** Pure derivations for the panels and popup, and tenant resolution. */

export * from './build';
export * from './licences';
export * from './resolve';
export * from './secure-score';
export type * from './types';
