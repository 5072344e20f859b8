/** The one storage module: schema, migrations and typed queries (see db.ts, store.ts, alerts.ts). */

export * from './alerts';
export {
  DB_NAME,
  DB_VERSION,
  MIGRATIONS,
  type Migration,
  openDatabase,
  openStore,
  type TenantLensDB,
} from './db';
export * from './popup';
export * from './store';
export type * from './types';
