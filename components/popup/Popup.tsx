import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { alertsToCsv } from '../../lib/alerts/csv';
import { applyFilters, isSnoozed } from '../../lib/alerts/filter';
import { ALERT_TYPES, alertTypeLabel, SEVERITIES, severityLabel } from '../../lib/alerts/labels';
import { t } from '../../lib/i18n';
import type { ExtensionStatus } from '../../lib/insights/types';
import type { SignInResult } from '../../lib/messaging';
import { DEFAULT_POPUP_FILTERS, type PopupFilters } from '../../lib/settings';
import type { AlertRecord, AlertSeverity, AlertType } from '../../lib/store/types';
import { formatRelative as formatRelativeTime } from '../../lib/time';

/** What the popup needs from the extension; the entrypoint wires it to the store and background. */
export interface PopupBackend {
  /** Every unresolved alert (the popup filters and pages in memory). */
  loadAlerts(): Promise<AlertRecord[]>;
  /** The first rows under the filters, newest first, fast at any size (painted before the full list). */
  loadFirstPage(filters: PopupFilters, now: Date, limit: number): Promise<AlertRecord[]>;
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
  if (a.type === 'security-alert' && !a.subject.includes('@'))
    return a.detail.split(/\.\s/)[0] || null;
  return a.subject;
}

function SnoozeMenu(props: {
  title: string;
  onSnooze: (days: 7 | 14 | 30, reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <fieldset
      class="snooze-menu"
      aria-label={t('popup_snoozeMenu', props.title)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onClose();
      }}
    >
      <input
        ref={first}
        type="text"
        aria-label={t('popup_snoozeReason')}
        placeholder={t('popup_snoozeReasonPlaceholder')}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      {([7, 14, 30] as const).map((d) => (
        <button type="button" key={d} onClick={() => props.onSnooze(d, reason.trim())}>
          {t('popup_snoozeDays', d)}
        </button>
      ))}
      <button type="button" aria-label={t('popup_cancelSnooze')} onClick={props.onClose}>
        {t('popup_cancel')}
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
      aria-label={t(
        'popup_alertLabel',
        severityLabel(a.severity),
        alertTypeLabel(a.type),
        a.title,
        a.tenantName,
      )}
    >
      <input
        type="checkbox"
        class="select"
        aria-label={t('popup_select', a.title, a.tenantName)}
        checked={props.selected}
        onChange={(e) => props.onSelect(e.currentTarget.checked)}
      />
      <div class="body">
        <div class="meta">
          <span class={`sev sev-${a.severity}`}>{severityLabel(a.severity)}</span>
          <span class="type">{alertTypeLabel(a.type)}</span>
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
              {t('popup_lastSeen', formatRelativeTime(a.lastSeenAt, props.now))}
              {acknowledged && a.acknowledgedAt
                ? t('popup_acknowledgedAt', formatRelativeTime(a.acknowledgedAt, props.now))
                : ''}
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
          <button
            type="button"
            onClick={props.onUnacknowledge}
            aria-label={t('popup_unacknowledgeLabel', a.title)}
          >
            {t('popup_unacknowledge')}
          </button>
        ) : (
          <button type="button" onClick={props.onAcknowledge}>
            {t('popup_acknowledge')}
          </button>
        )}
        <button
          type="button"
          aria-haspopup="true"
          aria-expanded={snoozing}
          onClick={() => setSnoozing(!snoozing)}
        >
          {t('popup_snooze')}
        </button>
      </div>
    </li>
  );
}

/** The toolbar popup: triage alerts like the Syncro Backup Portal's Alerts page. */
export function Popup({ backend }: { backend: PopupBackend }) {
  const [alerts, setAlerts] = useState<AlertRecord[] | null>(null);
  const [firstPage, setFirstPage] = useState<AlertRecord[] | null>(null);
  const [status, setStatus] = useState<ExtensionStatus | null>(null);
  const [filters, setFilters] = useState<PopupFilters | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState(PAGE);
  const [message, setMessage] = useState('');
  const [now, setNow] = useState(backend.now());
  const [signInError, setSignInError] = useState('');

  async function reload() {
    const [list, st] = await Promise.all([
      backend.loadAlerts(),
      backend.status().catch(() => null),
    ]);
    setNow(backend.now());
    setAlerts(list);
    setStatus(st);
  }

  useEffect(() => {
    void backend
      .status()
      .then(setStatus)
      .catch(() => undefined);
    void backend.loadFilters().then(async (f) => {
      setFilters(f);
      // Paint the newest rows first; only then read the full list (counts, tenants, paging),
      // whose structured clone would otherwise hold up the first rows.
      try {
        setFirstPage(await backend.loadFirstPage(f, backend.now(), PAGE));
      } catch {
        // The full list below still comes.
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await reload();
    });
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
  const snoozedCount = useMemo(
    () => (alerts ?? []).filter((a) => isSnoozed(a, now)).length,
    [alerts, now],
  );

  function changeFilters(patch: Partial<PopupFilters>) {
    if (!filters) return;
    const next = { ...filters, ...patch };
    setFilters(next);
    setShown(PAGE);
    setSelected(new Set());
    void backend.saveFilters(next);
    // Until the full list is in memory, answer the new filters from the index too.
    if (alerts === null)
      void backend
        .loadFirstPage(next, backend.now(), PAGE)
        .then(setFirstPage)
        .catch(() => undefined);
  }

  async function act(work: Promise<unknown>, done: string) {
    await work;
    setSelected(new Set());
    setMessage(done);
    await reload();
  }

  const pending = status?.poll.running ? status.poll : null;
  const page = alerts === null ? (firstPage ?? []) : visible.slice(0, shown);
  const visibleUnacked = visible.filter((a) => a.acknowledgedAt === null);

  return (
    <main class="popup">
      <header>
        <h1>
          <img src="/icon/32.png" alt="" width={20} height={20} /> {t('extName')}
        </h1>
        <div class="account">
          {status?.account ? (
            <span class="muted" title={status.account.name ?? ''}>
              {status.account.username}
            </span>
          ) : status && !status.configured ? (
            <button type="button" onClick={() => backend.openOptions()}>
              {t('popup_setUp')}
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
              {t('signIn')}
            </button>
          )}
          <button
            type="button"
            class="icon"
            aria-label={t('popup_options')}
            title={t('popup_options')}
            onClick={() => backend.openOptions()}
          >
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
          {status.signInNeededTenants === 1
            ? t('popup_signInNeededOne', status.signInNeededTenants)
            : t('popup_signInNeededMany', status.signInNeededTenants)}
        </p>
      )}

      <section class="poll" aria-label={t('popup_polling')}>
        <button
          type="button"
          aria-label={t('popup_refresh')}
          disabled={!!pending}
          onClick={async () => {
            const r = await backend.refreshAll();
            if (!r.started && r.reason) setMessage(r.reason);
            void reload();
          }}
        >
          ↻ {t('popup_refresh')}
        </button>
        <span role="status" aria-live="polite">
          {pending ? (
            <>
              {t('popup_pollingProgress', Math.min(pending.done + 1, pending.total), pending.total)}
              <progress
                max={pending.total}
                value={pending.done}
                aria-label={t('popup_pollProgress')}
              />
            </>
          ) : status?.poll.lastFinishedAt ? (
            t('popup_lastPoll', formatRelativeTime(status.poll.lastFinishedAt, now)) +
            (status.poll.failures.length ? t('popup_failedCount', status.poll.failures.length) : '')
          ) : status?.tenantCount ? (
            t('popup_notPolled')
          ) : (
            t('popup_openTenantPage')
          )}
        </span>
        {status && status.poll.failures.length > 0 && !pending && (
          <details class="failures">
            <summary>{t('popup_failures')}</summary>
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
        <section class="filters" aria-label={t('popup_filters')}>
          <label>
            <span>{t('popup_type')}</span>
            <select
              aria-label={t('popup_type')}
              value={filters.types[0] ?? ''}
              onChange={(e) =>
                changeFilters({
                  types: e.currentTarget.value ? [e.currentTarget.value as AlertType] : [],
                })
              }
            >
              <option value="">{t('popup_allTypes')}</option>
              {ALERT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {alertTypeLabel(type)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('popup_created')}</span>
            <select
              aria-label={t('popup_created')}
              value={filters.created}
              onChange={(e) =>
                changeFilters({ created: e.currentTarget.value as PopupFilters['created'] })
              }
            >
              <option value="any">{t('popup_anyTime')}</option>
              <option value="last-week">{t('popup_lastWeek')}</option>
              <option value="last-month">{t('popup_lastMonth')}</option>
              <option value="last-year">{t('popup_lastYear')}</option>
              <option value="custom">{t('popup_customRange')}</option>
            </select>
          </label>
          {filters.created === 'custom' && (
            <>
              <label>
                <span>{t('popup_from')}</span>
                <input
                  type="date"
                  aria-label={t('popup_from')}
                  value={filters.from ?? ''}
                  onChange={(e) => changeFilters({ from: e.currentTarget.value || null })}
                />
              </label>
              <label>
                <span>{t('popup_to')}</span>
                <input
                  type="date"
                  aria-label={t('popup_to')}
                  value={filters.to ?? ''}
                  onChange={(e) => changeFilters({ to: e.currentTarget.value || null })}
                />
              </label>
            </>
          )}
          <label>
            <span>{t('popup_tenant')}</span>
            <select
              aria-label={t('popup_tenant')}
              value={filters.tenantIds[0] ?? ''}
              onChange={(e) =>
                changeFilters({ tenantIds: e.currentTarget.value ? [e.currentTarget.value] : [] })
              }
            >
              <option value="">{t('popup_allTenants')}</option>
              {tenants.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('popup_severity')}</span>
            <select
              aria-label={t('popup_severity')}
              value={filters.severities[0] ?? ''}
              onChange={(e) =>
                changeFilters({
                  severities: e.currentTarget.value ? [e.currentTarget.value as AlertSeverity] : [],
                })
              }
            >
              <option value="">{t('popup_anySeverity')}</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {severityLabel(s)}
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
            <span>{t('popup_acknowledged')}</span>
          </label>
          <button type="button" onClick={() => changeFilters(DEFAULT_POPUP_FILTERS)}>
            {t('popup_clearFilters')}
          </button>
        </section>
      )}

      <section class="bulk" aria-label={t('popup_actions')}>
        <label class="check">
          <input
            type="checkbox"
            aria-label={t('popup_selectAll')}
            checked={page.length > 0 && page.every((a) => selected.has(a.id))}
            onChange={(e) =>
              setSelected(e.currentTarget.checked ? new Set(page.map((a) => a.id)) : new Set())
            }
          />
        </label>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() =>
            act(backend.acknowledge([...selected]), t('popup_acknowledgedCount', selected.size))
          }
        >
          {selected.size
            ? t('popup_acknowledgeSelectedCount', selected.size)
            : t('popup_acknowledgeSelected')}
        </button>
        <button
          type="button"
          disabled={visibleUnacked.length === 0}
          onClick={() =>
            act(
              backend.acknowledge(visibleUnacked.map((a) => a.id)),
              t('popup_acknowledgedCount', visibleUnacked.length),
            )
          }
        >
          {t('popup_acknowledgeAll')}
        </button>
        <button
          type="button"
          disabled={visible.length === 0}
          onClick={() => {
            backend.download(
              `tenant-lens-alerts-${now.toISOString().slice(0, 10)}.csv`,
              alertsToCsv(visible),
              'text/csv',
            );
            setMessage(
              visible.length === 1
                ? t('popup_exportedOne', visible.length)
                : t('popup_exportedMany', visible.length),
            );
          }}
        >
          {t('popup_exportCsv')}
        </button>
        <span class="count muted">
          {alerts ? t('popup_shown', visible.length.toLocaleString()) : ''}
          {snoozedCount ? t('popup_snoozedCount', snoozedCount) : ''}
        </span>
      </section>
      <p class="message" role="status" aria-live="polite">
        {message}
      </p>

      {alerts === null && !firstPage?.length ? (
        <p class="empty" aria-busy="true">
          {t('popup_loadingAlerts')}
        </p>
      ) : alerts !== null && visible.length === 0 ? (
        <div class="empty">
          {alerts.length > 0 ? (
            <>
              <p>{t('popup_noMatch')}</p>
              <button type="button" onClick={() => changeFilters(DEFAULT_POPUP_FILTERS)}>
                {t('popup_clearFilters')}
              </button>
            </>
          ) : status && !status.configured ? (
            <p>{t('popup_notConfigured')}</p>
          ) : status && !status.account ? (
            <p>{t('popup_notSignedIn')}</p>
          ) : (
            <p>{t('popup_allCaughtUp')}</p>
          )}
        </div>
      ) : (
        <ul class="alerts" aria-label={t('popup_alerts')}>
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
              onAcknowledge={() =>
                act(backend.acknowledge([a.id]), t('popup_acknowledgedOne', a.title))
              }
              onUnacknowledge={() =>
                act(backend.unacknowledge([a.id]), t('popup_activeAgain', a.title))
              }
              onSnooze={(days, reason) =>
                act(backend.snooze([a.id], days, reason), t('popup_snoozedFor', a.title, days))
              }
            />
          ))}
        </ul>
      )}
      {visible.length > shown && (
        <button type="button" class="more" onClick={() => setShown(shown + PAGE)}>
          {t(
            'popup_showMore',
            Math.min(PAGE, visible.length - shown),
            (visible.length - shown).toLocaleString(),
          )}
        </button>
      )}
    </main>
  );
}
