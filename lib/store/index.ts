/** The one storage module: schema, migrations and typed queries (see db.ts, store.ts, alerts.ts). */
export { DB_NAME, DB_VERSION, MIGRATIONS, openDatabase, openStore, type TenantLensDB, type Migration } from './db';
export * from './store';
export * from './alerts';
export type * from './types';
