/** Pure derivations for the panels and popup, and tenant resolution. */
export * from './secure-score';
export * from './licences';
export * from './build';
export * from './resolve';
export type * from './types';
