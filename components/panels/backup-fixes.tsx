/**
 * Backup errors with fixes: for every documented error state the page shows (banners and
 * per-service error icons), what it means, who can fix it, the steps and the action; stale
 * and not-backed-up services; the Universal Billing note. Everything here comes from the
 * page itself: no sign-in needed.
 */
import {
  BACKUP_STATE_BY_ID,
  type BackupState,
  SERVICE_ERROR_ICON,
  UNIVERSAL_BILLING_NOTES,
} from '../../lib/portal/backup-states';
import { bannerStateOf } from '../../lib/portal/labels';
import type { BackupBanner, BackupStateId, PageAction, TenantPage } from '../../lib/portal/types';
import { ExternalLink, safeHttpUrl } from '../common/ExternalLink';
import { RelativeTime } from '../common/RelativeTime';
import { CLOUD_BACKUP, findSection } from './anchors';
import type { Panel, PanelProps } from './panel';
import { thresholdsOf } from './panel';
import { S } from './strings';

/** One documented state the page shows, with where it was seen. */
export interface ShownState {
  state: BackupState;
  /** The banner that shows it, or null when only service icons do. */
  banner: BackupBanner | null;
  /** Services whose error icon denotes this state. */
  services: string[];
}

/** What the backup-fixes panel has to say about a page (pure; drives both render and `data-states`). */
export interface BackupFindings {
  states: ShownState[];
  /** Banners whose text is not a documented state. */
  unknownBanners: BackupBanner[];
  /** Services with an error icon that denotes no documented state. */
  serviceErrors: { name: string; text: string | null }[];
  /** Enabled services whose last backup is older than the threshold (or shows no time). */
  stale: { name: string; at: string | null; text: string | null }[];
  /** Grayed-out services. */
  notBackedUp: string[];
  /** No organizations associated with the Syncro tenant (Universal Billing unsupported). */
  noOrganizations: boolean;
  /** Enabled services count, for the healthy line. */
  enabledServices: number;
}

/** True when the Customer Organizations table lists no child organization (only the tenant's own placeholder row). */
export function hasNoOrganizations(page: TenantPage): boolean {
  const orgs = page.organizations;
  if (orgs == null) return false;
  if (orgs.length === 0) return true;
  const [only] = orgs;
  // "If there are no child Organizations, the only Customer Organization that appears has the
  // same name as the Syncro Tenant" (help article); a real child org has contact details.
  return (
    orgs.length === 1 &&
    !!only &&
    only.name.trim().toLowerCase() === (page.syncroTenantName.value ?? '').trim().toLowerCase() &&
    only.emails.length === 0 &&
    only.phones.length === 0
  );
}

export function backupFindings(
  page: TenantPage,
  now: number,
  staleHours: number,
): BackupFindings | null {
  const cb = page.cloudBackup;
  if (!cb) return null;
  const byId = new Map<BackupStateId, ShownState>();
  const unknownBanners: BackupBanner[] = [];
  for (const banner of cb.banners) {
    if (!banner.state) {
      unknownBanners.push(banner);
      continue;
    }
    if (!byId.has(banner.state))
      byId.set(banner.state, { state: BACKUP_STATE_BY_ID[banner.state], banner, services: [] });
  }
  const serviceErrors: BackupFindings['serviceErrors'] = [];
  for (const s of cb.services) {
    if (!s.hasErrorIcon) continue;
    const id = s.errorText ? bannerStateOf(s.errorText, true) : null;
    if (id) {
      const shown = byId.get(id) ?? { state: BACKUP_STATE_BY_ID[id], banner: null, services: [] };
      shown.services.push(s.name);
      byId.set(id, shown);
    } else serviceErrors.push({ name: s.name, text: s.errorText });
  }
  // During a sync error the table is grayed out: its rows say nothing about the services.
  const tableUnreliable = byId.has('sync-error');
  const stale: BackupFindings['stale'] = [];
  const notBackedUp: string[] = [];
  if (!tableUnreliable) {
    for (const s of cb.services) {
      if (!s.enabled) {
        notBackedUp.push(s.name);
        continue;
      }
      const at = s.lastBackup.value?.at ?? null;
      const age = at ? now - Date.parse(at) : null;
      if (age == null || age > staleHours * 3_600_000)
        stale.push({ name: s.name, at, text: s.lastBackup.raw });
    }
  }
  return {
    states: [...byId.values()],
    unknownBanners,
    serviceErrors,
    stale,
    notBackedUp,
    noOrganizations: hasNoOrganizations(page),
    enabledServices: cb.services.filter((s) => s.enabled).length,
  };
}

/** The banner's message without its trailing action label ("… recent backup. Learn More"). */
export function bannerMessage(banner: BackupBanner): string {
  const label = banner.action?.label.trim();
  const text = banner.text.trim();
  return label && text.endsWith(label) && text.length > label.length
    ? text.slice(0, -label.length).trim()
    : text;
}

/** The action to offer for a state: the page's own link when it has one. */
function StateAction({ shown, page }: { shown: ShownState; page: TenantPage }) {
  const { state } = shown;
  if (!state.actionLabel) return null;
  const action: PageAction | null =
    state.actionPlace === 'section'
      ? (page.cloudBackup?.enableAction ?? null)
      : (shown.banner?.action ?? null);
  const label = action?.label || state.actionLabel;
  if (action && safeHttpUrl(action.href))
    return (
      <p>
        <ExternalLink class="tl-button tl-primary" href={action.href}>
          {label}
        </ExternalLink>{' '}
        <span class="tl-muted tl-small">
          {state.actionEffect} {S.openInNewTab}
        </span>
      </p>
    );
  return (
    <p class="tl-muted tl-small">
      “{label}”: {state.actionEffect}
    </p>
  );
}

function StateCard({ shown, page }: { shown: ShownState; page: TenantPage }) {
  const { state } = shown;
  return (
    <article class={`tl-card tl-sev-${state.severity}`} data-state={state.id}>
      <h4 class="tl-h">{state.title}</h4>
      {shown.banner && <p class="tl-quote">“{bannerMessage(shown.banner)}”</p>}
      {shown.services.length > 0 && (
        <p class="tl-small">
          {S.serviceErrors}: {shown.services.join(', ')}
        </p>
      )}
      <p>
        <strong>{S.whatItMeans}:</strong> {state.meaning}
      </p>
      <p>
        <strong>{S.whoCanFix}:</strong> {state.whoCanFix.summary}
      </p>
      <ol class="tl-steps" aria-label={S.steps}>
        {state.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {state.tips.length > 0 && (
        <ul class="tl-list tl-small tl-muted" aria-label={S.tips}>
          {state.tips.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
      )}
      <StateAction shown={shown} page={page} />
    </article>
  );
}

function BackupFixesPanel(props: PanelProps) {
  const { page, now } = props;
  const f = backupFindings(page, now, thresholdsOf(props).backupStaleHours);
  if (!f) return null;
  const hours = thresholdsOf(props).backupStaleHours;
  const quiet =
    f.states.length === 0 &&
    f.unknownBanners.length === 0 &&
    f.serviceErrors.length === 0 &&
    f.stale.length === 0 &&
    f.notBackedUp.length === 0 &&
    !f.noOrganizations;
  const lastUpdated = page.cloudBackup?.lastUpdated;
  if (quiet)
    return (
      <p class="tl-panel tl-line tl-ok" role="status">
        {S.backupHealthy(f.enabledServices)}{' '}
        {lastUpdated?.value?.at && (
          <span class="tl-muted">
            {S.backupLastUpdated} <RelativeTime iso={lastUpdated.value.at} now={now} />
          </span>
        )}
      </p>
    );
  return (
    <section class="tl-panel" aria-label={`${S.brand}: ${S.backupTitle}`}>
      <h3 class="tl-title">{S.backupTitle}</h3>
      {f.states.map((shown) => (
        <StateCard key={shown.state.id} shown={shown} page={page} />
      ))}
      {f.unknownBanners.map((b) => (
        <p key={b.text} class="tl-notice tl-warning">
          {S.unknownBanner(bannerMessage(b))}
        </p>
      ))}
      {f.serviceErrors.length > 0 && (
        <article class="tl-card tl-sev-high">
          <h4 class="tl-h">{SERVICE_ERROR_ICON.title}</h4>
          <ul class="tl-list">
            {f.serviceErrors.map((e) => (
              <li key={e.name}>{S.serviceError(e.name, e.text)}</li>
            ))}
          </ul>
          <p>{SERVICE_ERROR_ICON.meaning}</p>
          <ol class="tl-steps" aria-label={S.steps}>
            {SERVICE_ERROR_ICON.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </article>
      )}
      {f.stale.length > 0 && (
        <div class="tl-card tl-sev-medium" data-stale={f.stale.map((s) => s.name).join(',')}>
          <h4 class="tl-h">{S.staleServices(hours)}</h4>
          <ul class="tl-list">
            {f.stale.map((s) => (
              <li key={s.name}>
                {s.name}:{' '}
                {s.at ? (
                  <RelativeTime iso={s.at} now={now} />
                ) : (
                  <span>{s.text ?? S.neverBackedUp}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {f.notBackedUp.length > 0 && (
        <p class="tl-small" data-not-backed-up={f.notBackedUp.join(',')}>
          <strong>{S.notBackedUp}:</strong> {f.notBackedUp.join(', ')}
        </p>
      )}
      {f.noOrganizations && (
        <p class="tl-notice tl-info">{UNIVERSAL_BILLING_NOTES.noOrganizations}</p>
      )}
    </section>
  );
}

export const backupFixesPanel: Panel = {
  id: 'backup-fixes',
  anchor: (doc, page) => (page.cloudBackup ? findSection(doc, CLOUD_BACKUP) : null),
  render: BackupFixesPanel,
  hostAttributes(props) {
    const f = backupFindings(props.page, props.now, thresholdsOf(props).backupStaleHours);
    return { 'data-states': f ? f.states.map((s) => s.state.id).join(',') : '' };
  },
};
