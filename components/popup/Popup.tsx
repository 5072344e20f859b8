import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ALERT_TYPE_LABELS, alertsToCsv } from '../../lib/alerts/csv';
import { applyFilters, isSnoozed } from '../../lib/alerts/filter';
import type { ExtensionStatus } from '../../lib/insights/types';
import type { SignInResult } from '../../lib/messaging';
import { DEFAULT_POPUP_FILTERS, type PopupFilters } from '../../lib/settings';
import type { AlertRecord, AlertSeverity, AlertType } from '../../lib/store/types';
import { formatRelative as formatRelativeTime } from '../../lib/time';

/** What the popup needs from the extension; the entrypoint wires it to the store and background. */
export interface PopupBackend {
  /** Every unresolved alert (the popup filters and pages in memory). */
  loadAlerts(): Promise<AlertRecord[]>;
  status(): Promise<ExtensionStatus>;
  loadFilters(): Promise<PopupFilters>;
  saveFilters(f: PopupFilters): Promise<void>;
  acknowledge(ids: string[]): Promise<void>;
  unacknowledge(ids: string[]): Promise<void>;
  snooze(ids: string[], days: 7 | 14 | 30, reason: string): Promise<void>;
  refreshAll(): Promise<{ started: boolean; reason?: string }>;
  signIn(): Promise<SignInResult>;
  openOptions(): void;
  /** Calls back when alerts or status change; returns an unsubscribe. */
  onChange(cb: () => void): () => void;
  /** Saves a file (CSV export). */
  download(name: string, text: string, type: string): void;
  now(): Date;
}

const PAGE = 50;

/** The user, device or service an alert is about, or for Microsoft alerts their source and date. */
export function displaySubject(a: AlertRecord): string | null {
  if (!a.subject || a.subject === a.title || a.backupState) return null;
  // A Microsoft alert's subject is its id: its source, category and date tell alerts apart.
  if (a.type === 'security-alert' && !a.subject.includes('@')) return a.detail.split(/\.\s/)[0] || null;
  return a.subject;
}
const TYPES = Object.keys(ALERT_TYPE_LABELS) as AlertType[];
const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  informational: 'Informational',
};

function SnoozeMenu(props: { title: string; onSnooze: (days: 7 | 14 | 30, reason: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <fieldset
      class="snooze-menu"
      aria-label={`Snooze ${props.title}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onClose();
      }}
    >
      <input
        ref={first}
        type="text"
        aria-label="Snooze reason"
        placeholder="Reason (optional)"
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      {([7, 14, 30] as const).map((d) => (
        <button type="button" key={d} onClick={() => props.onSnooze(d, reason.trim())}>
          {d} days
        </button>
      ))}
      <button type="button" aria-label="Cancel snooze" onClick={props.onClose}>
        Cancel
      </button>
    </fieldset>
  );
}

function AlertRow(props: {
  alert: AlertRecord;
  now: Date;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onAcknowledge: () => void;
  onUnacknowledge: () => void;
  onSnooze: (days: 7 | 14 | 30, reason: string) => void;
}) {
  const a = props.alert;
  const [snoozing, setSnoozing] = useState(false);
  const [open, setOpen] = useState(false);
  const acknowledged = a.acknowledgedAt !== null;
  return (
    <li
      class={`alert sev-${a.severity}${acknowledged ? ' acked' : ''}`}
      data-alert-type={a.type}
      data-acknowledged={acknowledged ? 'true' : 'false'}
      data-alert-id={a.id}
      aria-label={`${SEVERITY_LABELS[a.severity]} ${ALERT_TYPE_LABELS[a.type]}: ${a.title}, ${a.tenantName}`}
    >
      <input
        type="checkbox"
        class="select"
        aria-label={`Select ${a.title} (${a.tenantName})`}
        checked={props.selected}
        onChange={(e) => props.onSelect(e.currentTarget.checked)}
      />
      <div class="body">
        <div class="meta">
          <span class={`sev sev-${a.severity}`}>{SEVERITY_LABELS[a.severity]}</span>
          <span class="type">{ALERT_TYPE_LABELS[a.type]}</span>
          <span class="tenant">{a.tenantName}</span>
          <time dateTime={a.createdAt} title={new Date(a.createdAt).toLocaleString()}>
            {formatRelativeTime(a.createdAt, props.now)}
          </time>
        </div>
        <button type="button" class="title" aria-expanded={open} onClick={() => setOpen(!open)}>
          {a.title}
        </button>
        {displaySubject(a) && <div class="subject">{displaySubject(a)}</div>}
        {open && (
          <div class="detail">
            <p>{a.detail}</p>
            <p class="muted">
              Last seen {formatRelativeTime(a.lastSeenAt, props.now)}
              {acknowledged && a.acknowledgedAt ? ` · acknowledged ${formatRelativeTime(a.acknowledgedAt, props.now)}` : ''}
            </p>
            <ul class="links">
              {a.links
                .filter((l) => /^https:\/\//.test(l.href))
                .map((l) => (
                  <li key={l.href}>
                    <a href={l.href} target="_blank" rel="noopener noreferrer">
                      {l.label}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        )}
        {snoozing && (
          <SnoozeMenu
            title={a.title}
            onClose={() => setSnoozing(false)}
            onSnooze={(d, r) => {
              setSnoozing(false);
              props.onSnooze(d, r);
            }}
          />
        )}
      </div>
      <div class="actions">
        {acknowledged ? (
          <button type="button" onClick={props.onUnacknowledge} aria-label={`Unacknowledge ${a.title}`}>
            Unacknowledge
          </button>
        ) : (
          <button type="button" onClick={props.onAcknowledge}>
            Acknowledge
          </button>
        )}
        <button type="button" aria-haspopup="true" aria-expanded={snoozing} onClick={() => setSnoozing(!snoozing)}>
          Snooze
        </button>
      </div>
    </li>
  );
}

/** The toolbar popup: triage alerts like the Syncro Backup Portal's Alerts page. */
export function Popup({ backend }: { backend: PopupBackend }) {
  const [alerts, setAlerts] = useState<AlertRecord[] | null>(null);
  const [status, setStatus] = useState<ExtensionStatus | null>(null);
  const [filters, setFilters] = useState<PopupFilters | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState(PAGE);
  const [message, setMessage] = useState('');
  const [now, setNow] = useState(backend.now());
  const [signInError, setSignInError] = useState('');

  async function reload() {
    const [list, st] = await Promise.all([backend.loadAlerts(), backend.status().catch(() => null)]);
    setNow(backend.now());
    setAlerts(list);
    setStatus(st);
  }

  useEffect(() => {
    void backend.loadFilters().then(setFilters);
    void reload();
    const off = backend.onChange(() => void reload());
    const timer = setInterval(() => {
      void backend
        .status()
        .then(setStatus)
        .catch(() => undefined);
      setNow(backend.now());
    }, 1500);
    return () => {
      off();
      clearInterval(timer);
    };
  }, []);

  const visible = useMemo(
    () => (alerts && filters ? applyFilters(alerts, filters, now) : []),
    [alerts, filters, now],
  );
  const tenants = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of alerts ?? []) m.set(a.tenantId ?? a.syncroKey ?? '', a.tenantName);
    return [...m.entries()].sort((x, y) => x[1].localeCompare(y[1]));
  }, [alerts]);
  const snoozedCount = useMemo(() => (alerts ?? []).filter((a) => isSnoozed(a, now)).length, [alerts, now]);

  function changeFilters(patch: Partial<PopupFilters>) {
    if (!filters) return;
    const next = { ...filters, ...patch };
    setFilters(next);
    setShown(PAGE);
    setSelected(new Set());
    void backend.saveFilters(next);
  }

  async function act(work: Promise<unknown>, done: string) {
    await work;
    setSelected(new Set());
    setMessage(done);
    await reload();
  }

  const pending = status?.poll.running ? status.poll : null;
  const page = visible.slice(0, shown);
  const visibleUnacked = visible.filter((a) => a.acknowledgedAt === null);

  return (
    <main class="popup">
      <header>
        <h1>
          <img src="/icon/32.png" alt="" width={20} height={20} /> Tenant Lens
        </h1>
        <div class="account">
          {status?.account ? (
            <span class="muted" title={status.account.name ?? ''}>
              {status.account.username}
            </span>
          ) : status && !status.configured ? (
            <button type="button" onClick={() => backend.openOptions()}>
              Set up Tenant Lens
            </button>
          ) : (
            <button
              type="button"
              class="primary"
              onClick={async () => {
                setSignInError('');
                const r = await backend.signIn();
                if (!r.ok) setSignInError(r.error);
                await reload();
              }}
            >
              Sign in to Microsoft
            </button>
          )}
          <button type="button" class="icon" aria-label="Options" title="Options" onClick={() => backend.openOptions()}>
            ⚙
          </button>
        </div>
      </header>
      {signInError && (
        <p class="error" role="alert">
          {signInError}
        </p>
      )}
      {status && status.signInNeededTenants > 0 && (
        <p class="warn" role="status">
          Sign-in needed for {status.signInNeededTenants} tenant{status.signInNeededTenants === 1 ? '' : 's'}: sign in
          again to keep them fresh.
        </p>
      )}

      <section class="poll" aria-label="Polling">
        <button
          type="button"
          aria-label="Refresh"
          disabled={!!pending}
          onClick={async () => {
            const r = await backend.refreshAll();
            if (!r.started && r.reason) setMessage(r.reason);
            void reload();
          }}
        >
          ↻ Refresh
        </button>
        <span role="status" aria-live="polite">
          {pending ? (
            <>
              Polling {Math.min(pending.done + 1, pending.total)} of {pending.total}
              <progress max={pending.total} value={pending.done} aria-label="Poll progress" />
            </>
          ) : status?.poll.lastFinishedAt ? (
            `Last poll ${formatRelativeTime(status.poll.lastFinishedAt, now)}${
              status.poll.failures.length ? ` · ${status.poll.failures.length} failed` : ''
            }`
          ) : status?.tenantCount ? (
            'Not polled yet'
          ) : (
            'Open a Syncro tenant page to start watching it'
          )}
        </span>
        {status && status.poll.failures.length > 0 && !pending && (
          <details class="failures">
            <summary>Failures</summary>
            <ul>
              {status.poll.failures.map((f) => (
                <li key={f.tenantId}>
                  <strong>{f.tenantName}</strong>: {f.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      {filters && (
        <section class="filters" aria-label="Filters">
          <label>
            <span>Type</span>
            <select
              aria-label="Type"
              value={filters.types[0] ?? ''}
              onChange={(e) => changeFilters({ types: e.currentTarget.value ? [e.currentTarget.value as AlertType] : [] })}
            >
              <option value="">All types</option>
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {ALERT_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Created</span>
            <select
              aria-label="Created"
              value={filters.created}
              onChange={(e) => changeFilters({ created: e.currentTarget.value as PopupFilters['created'] })}
            >
              <option value="any">Any time</option>
              <option value="last-week">Last Week</option>
              <option value="last-month">Last Month</option>
              <option value="last-year">Last Year</option>
              <option value="custom">Custom range</option>
            </select>
          </label>
          {filters.created === 'custom' && (
            <>
              <label>
                <span>From</span>
                <input
                  type="date"
                  aria-label="From"
                  value={filters.from ?? ''}
                  onChange={(e) => changeFilters({ from: e.currentTarget.value || null })}
                />
              </label>
              <label>
                <span>To</span>
                <input
                  type="date"
                  aria-label="To"
                  value={filters.to ?? ''}
                  onChange={(e) => changeFilters({ to: e.currentTarget.value || null })}
                />
              </label>
            </>
          )}
          <label>
            <span>Tenant</span>
            <select
              aria-label="Tenant"
              value={filters.tenantIds[0] ?? ''}
              onChange={(e) => changeFilters({ tenantIds: e.currentTarget.value ? [e.currentTarget.value] : [] })}
            >
              <option value="">All tenants</option>
              {tenants.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Severity</span>
            <select
              aria-label="Severity"
              value={filters.severities[0] ?? ''}
              onChange={(e) =>
                changeFilters({ severities: e.currentTarget.value ? [e.currentTarget.value as AlertSeverity] : [] })
              }
            >
              <option value="">Any severity</option>
              {(Object.keys(SEVERITY_LABELS) as AlertSeverity[]).reverse().map((s) => (
                <option key={s} value={s}>
                  {SEVERITY_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={filters.showAcknowledged}
              onChange={(e) => changeFilters({ showAcknowledged: e.currentTarget.checked })}
            />
            <span>Acknowledged</span>
          </label>
          <button type="button" onClick={() => changeFilters(DEFAULT_POPUP_FILTERS)}>
            Clear filters
          </button>
        </section>
      )}

      <section class="bulk" aria-label="Actions">
        <label class="check">
          <input
            type="checkbox"
            aria-label="Select all shown"
            checked={page.length > 0 && page.every((a) => selected.has(a.id))}
            onChange={(e) => setSelected(e.currentTarget.checked ? new Set(page.map((a) => a.id)) : new Set())}
          />
        </label>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() => act(backend.acknowledge([...selected]), `Acknowledged ${selected.size}.`)}
        >
          Acknowledge selected{selected.size ? ` (${selected.size})` : ''}
        </button>
        <button
          type="button"
          disabled={visibleUnacked.length === 0}
          onClick={() =>
            act(backend.acknowledge(visibleUnacked.map((a) => a.id)), `Acknowledged ${visibleUnacked.length}.`)
          }
        >
          Acknowledge all shown
        </button>
        <button
          type="button"
          disabled={visible.length === 0}
          onClick={() => {
            backend.download(`tenant-lens-alerts-${now.toISOString().slice(0, 10)}.csv`, alertsToCsv(visible), 'text/csv');
            setMessage(`Exported ${visible.length} alert${visible.length === 1 ? '' : 's'}.`);
          }}
        >
          Export CSV
        </button>
        <span class="count muted">
          {alerts ? `${visible.length.toLocaleString()} shown` : ''}
          {snoozedCount ? ` · ${snoozedCount} snoozed` : ''}
        </span>
      </section>
      <p class="message" role="status" aria-live="polite">
        {message}
      </p>

      {alerts === null ? (
        <p class="empty" aria-busy="true">
          Loading alerts…
        </p>
      ) : visible.length === 0 ? (
        <div class="empty">
          {alerts.length > 0 ? (
            <>
              <p>No alerts match these filters.</p>
              <button type="button" onClick={() => changeFilters(DEFAULT_POPUP_FILTERS)}>
                Clear filters
              </button>
            </>
          ) : status && !status.configured ? (
            <p>Add your application (client) ID in options, then sign in to start watching tenants.</p>
          ) : status && !status.account ? (
            <p>Sign in to Microsoft to watch the tenants you open in Syncro.</p>
          ) : (
            <p>All caught up: no alerts need you.</p>
          )}
        </div>
      ) : (
        <ul class="alerts" aria-label="Alerts">
          {page.map((a) => (
            <AlertRow
              key={a.id}
              alert={a}
              now={now}
              selected={selected.has(a.id)}
              onSelect={(on) => {
                const next = new Set(selected);
                if (on) next.add(a.id);
                else next.delete(a.id);
                setSelected(next);
              }}
              onAcknowledge={() => act(backend.acknowledge([a.id]), `Acknowledged "${a.title}".`)}
              onUnacknowledge={() => act(backend.unacknowledge([a.id]), `"${a.title}" is active again.`)}
              onSnooze={(days, reason) => act(backend.snooze([a.id], days, reason), `Snoozed "${a.title}" for ${days} days.`)}
            />
          ))}
        </ul>
      )}
      {visible.length > shown && (
        <button type="button" class="more" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, visible.length - shown)} more of {(visible.length - shown).toLocaleString()}
        </button>
      )}
    </main>
  );
}
