/**
 * The IndexedDB schema of Tenant Lens: its name, version, stores, indexes and migrations.
 * This module (with the rest of lib/store) is the only place that opens the database.
 *
 * Versions:
 * - v1, the first schema: stores `tenants`, `snapshots`, `observations` (index tenantId),
 *   `alerts` (indexes dedupeKey, createdAt, tenantId, open, acknowledged) and `meta`.
 * - v2: adds the compound index `type_createdAt` ([type, createdAt]) for the popup's type
 *   filter, and recomputes each alert's indexed flags (`open`, `acknowledged`) from the
 *   timestamps they mirror (`resolvedAt`, `acknowledgedAt`), filling fields v1 records may
 *   lack (`snoozeReason`, `syncroKey`, `links`). It never drops a record, and never changes
 *   `acknowledgedAt`/`snoozedUntil`: acknowledgements are the user's data.
 * - v3: the popup pages and counts through indexes instead of reading every open alert:
 *   `open_ack_created` ([open, acknowledged, createdAt]), `open_ack_type_sev_created`
 *   ([open, acknowledged, type, severity, createdAt]), `open_tenantKey` ([open, tenantKey]) and
 *   `open_snoozed` ([open, snoozedUntil]; alerts never snoozed are not in it). Each alert gets the
 *   stored `tenantKey` (`tenantId ?? syncroKey ?? ''`) the tenant index needs; nothing else in a
 *   record changes.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb';
import { TenantLensStore } from './store';
import type {
  AlertRecord,
  MetaRecord,
  ObservationRecord,
  SnapshotRecord,
  TenantRecord,
} from './types';

/** Database name. */
export const DB_NAME = 'tenant-lens';

/** The typed schema (idb). */
export interface TenantLensDB extends DBSchema {
  tenants: { key: string; value: TenantRecord };
  snapshots: { key: string; value: SnapshotRecord };
  observations: { key: string; value: ObservationRecord; indexes: { tenantId: string } };
  alerts: {
    key: string;
    value: AlertRecord;
    indexes: {
      dedupeKey: string;
      createdAt: string;
      type_createdAt: [string, string];
      tenantId: string;
      open: number;
      acknowledged: number;
      open_ack_created: [number, number, string];
      open_ack_type_sev_created: [number, number, string, string, string];
      open_tenantKey: [number, string];
      open_snoozed: [number, string];
    };
  };
  meta: { key: string; value: MetaRecord };
}

/** Every store name, for transactions over all of them. */
export const ALL_STORES: StoreNames<TenantLensDB>[] = [
  'tenants',
  'snapshots',
  'observations',
  'alerts',
  'meta',
];

/** The upgrade transaction a migration runs in. */
export type UpgradeTx = IDBPTransaction<TenantLensDB, StoreNames<TenantLensDB>[], 'versionchange'>;

/** One schema step: brings a database at `version - 1` to `version`. */
export interface Migration {
  version: number;
  /** What it changes, for humans. */
  description: string;
  /**
   * Runs inside the upgrade transaction; must only use IndexedDB (no other awaits). A migration
   * that rewrites records returns the end of its pass: the next one starts after it, so two
   * passes never write the same record from stale copies.
   */
  migrate(db: IDBPDatabase<TenantLensDB>, tx: UpgradeTx): void | Promise<void>;
}

/** Migrations, oldest first; version N is `MIGRATIONS[N - 1]`. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'First schema: tenants, snapshots, observations, alerts, meta',
    migrate(db) {
      db.createObjectStore('tenants', { keyPath: 'tenantId' });
      db.createObjectStore('snapshots', { keyPath: 'tenantId' });
      const observations = db.createObjectStore('observations', { keyPath: 'syncroKey' });
      observations.createIndex('tenantId', 'tenantId');
      const alerts = db.createObjectStore('alerts', { keyPath: 'id' });
      alerts.createIndex('dedupeKey', 'dedupeKey');
      alerts.createIndex('createdAt', 'createdAt');
      alerts.createIndex('tenantId', 'tenantId');
      alerts.createIndex('open', 'open');
      alerts.createIndex('acknowledged', 'acknowledged');
      db.createObjectStore('meta', { keyPath: 'key' });
    },
  },
  {
    version: 2,
    description:
      'alerts: index [type, createdAt]; recompute open/acknowledged flags from their timestamps',
    migrate(_db, tx) {
      const alerts = tx.objectStore('alerts');
      alerts.createIndex('type_createdAt', ['type', 'createdAt']);
      // Cursor callbacks keep the upgrade transaction alive; no other awaits here.
      return alerts.openCursor().then(function step(cursor): Promise<void> | undefined {
        if (!cursor) return undefined;
        const v = cursor.value as unknown;
        if (typeof v === 'object' && v !== null) {
          const a = v as Record<string, unknown>;
          const next = {
            ...a,
            open: a.resolvedAt == null ? 1 : 0,
            acknowledged: a.acknowledgedAt == null ? 0 : 1,
            snoozeReason: a.snoozeReason ?? null,
            syncroKey: a.syncroKey ?? null,
            links: Array.isArray(a.links) ? a.links : [],
          };
          void cursor.update(next as unknown as AlertRecord);
        }
        return cursor.continue().then(step);
      });
    },
  },
  {
    version: 3,
    description:
      'alerts: indexes for the popup (open+acknowledged+created, +type+severity, tenant, snoozed); stored tenantKey',
    migrate(_db, tx) {
      const alerts = tx.objectStore('alerts');
      alerts.createIndex('open_ack_created', ['open', 'acknowledged', 'createdAt']);
      alerts.createIndex('open_ack_type_sev_created', [
        'open',
        'acknowledged',
        'type',
        'severity',
        'createdAt',
      ]);
      alerts.createIndex('open_tenantKey', ['open', 'tenantKey']);
      alerts.createIndex('open_snoozed', ['open', 'snoozedUntil']);
      // Cursor callbacks keep the upgrade transaction alive; no other awaits here.
      return alerts.openCursor().then(function step(cursor): Promise<void> | undefined {
        if (!cursor) return undefined;
        const v = cursor.value as unknown;
        if (typeof v === 'object' && v !== null) {
          const a = v as Record<string, unknown>;
          const key = (a.tenantId ?? a.syncroKey ?? '') as unknown;
          if (a.tenantKey !== key)
            void cursor.update({ ...a, tenantKey: typeof key === 'string' ? key : '' } as never);
        }
        return cursor.continue().then(step);
      });
    },
  },
];

/** The current schema version. */
export const DB_VERSION = MIGRATIONS.length;

/**
 * Opens (creating or upgrading) the database at `version` (default: current), running every
 * migration above the stored version in order. `factory` is injectable for tests
 * (`new IDBFactory()` from fake-indexeddb). Exposed for migration tests; use `openStore`.
 */
export function openDatabase(
  factory: IDBFactory = indexedDB,
  version: number = DB_VERSION,
  name: string = DB_NAME,
): Promise<IDBPDatabase<TenantLensDB>> {
  const request = factory.open(name, version);
  const opened = wrap(request) as Promise<IDBPDatabase<TenantLensDB>>;
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as IDBPDatabase<TenantLensDB>;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTx;
    const due = MIGRATIONS.filter((m) => m.version > event.oldVersion && m.version <= version);
    // One after another: a pass that rewrites records ends before the next migration starts
    // (its promise settles inside the upgrade transaction, which stays active).
    const run = (from: number): void => {
      for (let i = from; i < due.length; i++) {
        const pass = (due[i] as Migration).migrate(db, tx);
        if (pass) {
          void pass.then(() => run(i + 1));
          return;
        }
      }
    };
    run(0);
  });
  return opened.then((db) => {
    // Let a newer version (another context after an update) upgrade instead of being blocked.
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}

/** Opens the store at the current schema version. */
export async function openStore(factory: IDBFactory = indexedDB): Promise<TenantLensStore> {
  return new TenantLensStore(await openDatabase(factory));
}
