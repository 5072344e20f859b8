import { useEffect, useRef, useState } from 'preact/hooks';
import { ALERT_TYPES, alertTypeLabel, SEVERITIES, severityLabel } from '../../lib/alerts/labels';
import { formatDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { DEFAULT_POPUP_FILTERS, type PopupFilters } from '../../lib/settings';
import type { AlertRecord, AlertSeverity, AlertType } from '../../lib/store/types';
import { formatRelative as formatRelativeTime } from '../../lib/time';
import { createPopupModel, PAGE, type PopupBackend, type PopupModel } from './model';

export type { PopupBackend } from './model';

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
          <time dateTime={a.createdAt} title={formatDateTime(a.createdAt)}>
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

/** Rows painted first when the popup opens (more than its list shows); the rest follow a frame later. */
const FIRST_ROWS = 12;

type M = { m: PopupModel };

function Header({ m }: M) {
  const status = m.status.value;
  const error = m.signInError.value;
  return (
    <>
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
            <button type="button" onClick={() => m.backend.openOptions()}>
              {t('popup_setUp')}
            </button>
          ) : (
            <button type="button" class="primary" onClick={() => void m.signIn()}>
              {t('signIn')}
            </button>
          )}
          <button
            type="button"
            class="icon"
            aria-label={t('popup_options')}
            title={t('popup_options')}
            onClick={() => m.backend.openOptions()}
          >
            ⚙
          </button>
        </div>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {status && status.signInNeededTenants > 0 && (
        <p class="warn" role="status">
          {status.signInNeededTenants === 1
            ? t('popup_signInNeededOne', status.signInNeededTenants)
            : t('popup_signInNeededMany', status.signInNeededTenants)}
        </p>
      )}
    </>
  );
}

function PollBar({ m }: M) {
  const status = m.status.value;
  const now = m.now.value;
  const pending = status?.poll.running ? status.poll : null;
  return (
    <section class="poll" aria-label={t('popup_polling')}>
      <button
        type="button"
        aria-label={t('popup_refresh')}
        disabled={!!pending}
        onClick={() => void m.refresh()}
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
  );
}

function Filters({ m }: M) {
  const filters = m.filters.value;
  if (!filters) return null;
  const changeFilters = m.changeFilters;
  return (
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
          {m.tenants.value.map(([id, name]) => (
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
  );
}

function Bulk({ m }: M) {
  const page = m.rows.value ?? [];
  const selected = m.selected.value;
  const counts = m.counts.value;
  return (
    <section class="bulk" aria-label={t('popup_actions')}>
      <label class="check">
        <input
          type="checkbox"
          aria-label={t('popup_selectAll')}
          checked={page.length > 0 && page.every((a) => selected.has(a.id))}
          onChange={(e) =>
            m.select(
              e.currentTarget.checked ? page.map((a) => a.id) : [...selected],
              e.currentTarget.checked,
            )
          }
        />
      </label>
      <button
        type="button"
        disabled={selected.size === 0}
        onClick={() =>
          m.act(m.backend.acknowledge([...selected]), t('popup_acknowledgedCount', selected.size))
        }
      >
        {selected.size
          ? t('popup_acknowledgeSelectedCount', selected.size)
          : t('popup_acknowledgeSelected')}
      </button>
      <button
        type="button"
        disabled={!page.some((a) => a.acknowledgedAt === null) && !counts?.unacknowledged}
        onClick={() => void m.acknowledgeAll()}
      >
        {t('popup_acknowledgeAll')}
      </button>
      <button type="button" disabled={page.length === 0} onClick={() => void m.exportCsv()}>
        {t('popup_exportCsv')}
      </button>
      <span class="count muted">
        {counts ? t('popup_shown', counts.total.toLocaleString()) : ''}
        {counts?.snoozed ? t('popup_snoozedCount', counts.snoozed) : ''}
      </span>
    </section>
  );
}

function AlertList({ m }: M) {
  const rows = m.rows.value;
  const counts = m.counts.value;
  const status = m.status.value;
  const selected = m.selected.value;
  const now = m.now.value;
  const page = rows ?? [];
  // The first list paints the rows in view at once and the rest of its page a frame later.
  const [cap, setCap] = useState(FIRST_ROWS);
  useEffect(() => {
    if (cap < page.length) setCap(Number.POSITIVE_INFINITY);
  }, [cap, page.length]);

  if (page.length === 0 && (rows === null || counts === null))
    return (
      <p class="empty" aria-busy="true">
        {t('popup_loadingAlerts')}
      </p>
    );
  if (page.length === 0)
    return (
      <div class="empty">
        {counts?.anyOpen ? (
          <>
            <p>{t('popup_noMatch')}</p>
            <button type="button" onClick={() => m.changeFilters(DEFAULT_POPUP_FILTERS)}>
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
    );
  return (
    <ul class="alerts" aria-label={t('popup_alerts')}>
      {page.slice(0, cap).map((a) => (
        <AlertRow
          key={a.id}
          alert={a}
          now={now}
          selected={selected.has(a.id)}
          onSelect={(on) => m.select([a.id], on)}
          onAcknowledge={() =>
            m.act(m.backend.acknowledge([a.id]), t('popup_acknowledgedOne', a.title))
          }
          onUnacknowledge={() =>
            m.act(m.backend.unacknowledge([a.id]), t('popup_activeAgain', a.title))
          }
          onSnooze={(days, reason) =>
            m.act(m.backend.snooze([a.id], days, reason), t('popup_snoozedFor', a.title, days))
          }
        />
      ))}
    </ul>
  );
}

function ShowMore({ m }: M) {
  const counts = m.counts.value;
  const shown = m.rows.value?.length ?? 0;
  const remaining = counts && m.next.value !== null ? Math.max(0, counts.total - shown) : 0;
  if (remaining === 0) return null;
  return (
    <button type="button" class="more" onClick={() => void m.showMore()}>
      {t('popup_showMore', Math.min(PAGE, remaining), remaining.toLocaleString())}
    </button>
  );
}

/** The toolbar popup: triage alerts like the Syncro Backup Portal's Alerts page. */
export function Popup({ backend }: { backend: PopupBackend }) {
  // Each part below reads only the signals it shows, so a change re-renders only that part.
  // The first page is asked for while the popup first renders, not after its first paint.
  const [m] = useState(() => {
    const model = createPopupModel(backend);
    void model.start();
    return model;
  });
  useEffect(() => m.watch(), [m]);
  return (
    <main class="popup">
      <Header m={m} />
      <PollBar m={m} />
      <Filters m={m} />
      <Bulk m={m} />
      <p class="message" role="status" aria-live="polite">
        {m.message}
      </p>
      <AlertList m={m} />
      <ShowMore m={m} />
    </main>
  );
}
