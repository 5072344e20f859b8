import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ALERT_TYPES, alertTypeLabel, SEVERITIES, severityLabel } from '../../lib/alerts/labels';
import { GUID } from '../../lib/backup-file';
import { sourceLabel } from '../../lib/graph/labels';
import type { SourceId } from '../../lib/graph/types';
import { t } from '../../lib/i18n';
import type { ExtensionStatus } from '../../lib/insights/types';
import { sendMessage } from '../../lib/messaging';
import {
  ALL_SOURCES,
  clientIdItem,
  type NotificationSettings,
  readUserSettings,
  type TenantMapping,
  type Thresholds,
  writeUserSettings,
} from '../../lib/settings';
import type { AlertSeverity, CloudId } from '../../lib/store/types';

const CLOUDS: CloudId[] = ['global', 'usgov-high', 'usgov-dod', 'china'];

function cloudLabel(cloud: CloudId): string {
  switch (cloud) {
    case 'global':
      return t('cloud_global');
    case 'usgov-high':
      return t('cloud_usgovHigh');
    case 'usgov-dod':
      return t('cloud_usgovDod');
    case 'china':
      return t('cloud_china');
  }
}

interface Form {
  clientId: string;
  cloud: CloudId;
  pollInterval: number;
  concurrency: number;
  sources: Partial<Record<SourceId, boolean>>;
  thresholds: Thresholds;
  notifications: NotificationSettings;
  patterns: string;
  mappings: TenantMapping[];
}

/** What is wrong with the form, by field; empty when it can be saved. */
export function validateForm(f: Form): Partial<Record<keyof Form | 'mapping', string>> {
  const errors: Partial<Record<keyof Form | 'mapping', string>> = {};
  const id = f.clientId.trim();
  if (id !== '' && !GUID.test(id)) errors.clientId = t('options_errClientId');
  if (!(f.pollInterval >= 5 && f.pollInterval <= 1440))
    errors.pollInterval = t('options_errInterval');
  if (!(f.concurrency >= 1 && f.concurrency <= 16))
    errors.concurrency = t('options_errConcurrency');
  const badPattern = f.patterns
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
    .find((p) => !/^https:\/\/[^/\s]+\/.*$/.test(p));
  if (badPattern) errors.patterns = t('options_errPattern', badPattern);
  const badMap = f.mappings.find((m) => m.match.trim() === '' || !GUID.test(m.tenantId.trim()));
  if (badMap) errors.mapping = t('options_errMapping');
  return errors;
}

function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: preact.ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <span class="hint error" id={`${props.id}-error`} role="alert">
          {props.error}
        </span>
      ) : props.hint ? (
        <span class="hint muted" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
    </div>
  );
}

/** The options page: connection, polling, thresholds, notifications, portal, account and data. */
export function OptionsPage() {
  const [form, setForm] = useState<Form | null>(null);
  const [status, setStatus] = useState<ExtensionStatus | null>(null);
  const [saved, setSaved] = useState<string>('');
  const [errors, setErrors] = useState<ReturnType<typeof validateForm>>({});
  const [busy, setBusy] = useState(false);
  const [signInError, setSignInError] = useState('');
  const [dataMessage, setDataMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [copied, setCopied] = useState(false);
  const forgetDialog = useRef<HTMLDialogElement>(null);
  const [forgetSettings, setForgetSettings] = useState(false);
  const redirectUri = browser.identity?.getRedirectURL?.() ?? '';

  async function loadForm() {
    const u = await readUserSettings();
    setForm({
      clientId: u.clientId,
      cloud: u.cloud,
      pollInterval: u.pollIntervalMinutes,
      concurrency: u.pollConcurrency,
      sources: u.sources,
      thresholds: u.thresholds,
      notifications: u.notifications,
      patterns: u.portalUrlPatterns.join('\n'),
      mappings: u.tenantMappings,
    });
  }

  async function loadStatus() {
    try {
      setStatus(await sendMessage('getStatus', undefined));
    } catch {
      setStatus(null);
    }
  }

  useEffect(() => {
    void loadForm();
    void loadStatus();
    const unwatch = [clientIdItem.watch(() => void loadStatus())];
    const timer = setInterval(() => void loadStatus(), 2000);
    return () => {
      for (const u of unwatch) u();
      clearInterval(timer);
    };
  }, []);

  if (!form) return <main class="options" aria-busy="true" />;
  const update = (patch: Partial<Form>) => {
    setSaved('');
    setForm({ ...form, ...patch });
  };
  /** Edits one row of the tenant mappings. */
  const setMapping = (index: number, patch: Partial<TenantMapping>) =>
    update({ mappings: form.mappings.map((row, j) => (j === index ? { ...row, ...patch } : row)) });
  const setThreshold = (key: keyof Thresholds, value: number | string) =>
    update({ thresholds: { ...form.thresholds, [key]: value } });

  async function save(e: Event) {
    e.preventDefault();
    if (!form) return;
    const problems = validateForm(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setSaved('');
      return;
    }
    await writeUserSettings({
      clientId: form.clientId.trim(),
      cloud: form.cloud,
      pollIntervalMinutes: form.pollInterval,
      pollConcurrency: form.concurrency,
      sources: form.sources,
      thresholds: form.thresholds,
      notifications: form.notifications,
      portalUrlPatterns: form.patterns
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      tenantMappings: form.mappings.map((m) => ({
        match: m.match.trim(),
        tenantId: m.tenantId.trim(),
      })),
    });
    setSaved(t('options_saved'));
    void loadStatus();
  }

  async function signIn() {
    setBusy(true);
    setSignInError('');
    try {
      const result = await sendMessage('signIn', undefined);
      if (!result.ok) setSignInError(result.error);
    } catch (err) {
      setSignInError(t('options_signInFailed', (err as Error).message));
    } finally {
      setBusy(false);
      void loadStatus();
    }
  }

  async function signOut() {
    setBusy(true);
    try {
      await sendMessage('signOut', undefined);
    } finally {
      setBusy(false);
      void loadStatus();
    }
  }

  async function exportData() {
    const json = await sendMessage('exportData', undefined);
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `tenant-lens-settings-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setDataMessage({ text: t('options_exported'), ok: true });
  }

  async function importData(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    const result = await sendMessage('importData', { json: text });
    input.value = '';
    if (result.ok) {
      setDataMessage({
        text: t('options_imported', result.settings, result.acknowledgements),
        ok: true,
      });
      await loadForm();
    } else {
      setDataMessage({ text: t('options_importFailed', result.error), ok: false });
    }
  }

  async function forgetAll() {
    await sendMessage('forgetAllData', { settings: forgetSettings });
    forgetDialog.current?.close();
    setDataMessage({
      text: forgetSettings ? t('options_forgotAll') : t('options_forgotData'),
      ok: true,
    });
    await loadForm();
    void loadStatus();
  }

  const account = status?.account ?? null;
  return (
    <main class="options">
      <h1>
        <img src="/icon/48.png" alt="" />
        {t('options_title')}
      </h1>
      <p class="muted">{t('extDescription')}</p>

      {!form.clientId && (
        <p class="banner" role="status">
          {t('options_firstRun')}
        </p>
      )}

      <section aria-labelledby="account-h">
        <h2 id="account-h">{t('options_account')}</h2>
        {account ? (
          <div class="row">
            <span>
              {t('options_signedInAs')} <strong data-testid="account">{account.username}</strong>
            </span>
            <button type="button" onClick={signOut} disabled={busy}>
              {t('options_signOut')}
            </button>
          </div>
        ) : (
          <div class="row">
            <span class="muted">{t('options_notSignedIn')}</span>
            <button type="button" class="primary" onClick={signIn} disabled={busy}>
              {t('signIn')}
            </button>
          </div>
        )}
        {signInError && (
          <p class="error" role="alert">
            {signInError}
          </p>
        )}
        {status && status.signInNeededTenants > 0 && (
          <p class="error" role="status">
            {t('options_signInNeeded', status.signInNeededTenants)}
          </p>
        )}
      </section>

      <form onSubmit={save} noValidate>
        <section aria-labelledby="conn-h">
          <h2 id="conn-h">{t('options_connection')}</h2>
          <Field
            id="client-id"
            label={t('options_clientId')}
            hint={t('options_clientIdHint')}
            error={errors.clientId}
          >
            <input
              id="client-id"
              type="text"
              spellcheck={false}
              autocomplete="off"
              placeholder="00000000-0000-0000-0000-000000000000"
              value={form.clientId}
              aria-invalid={errors.clientId ? 'true' : 'false'}
              aria-describedby={errors.clientId ? 'client-id-error' : 'client-id-hint'}
              onInput={(e) => update({ clientId: e.currentTarget.value })}
            />
          </Field>
          <Field id="cloud" label={t('options_cloud')}>
            <select
              id="cloud"
              value={form.cloud}
              onChange={(e) => update({ cloud: e.currentTarget.value as CloudId })}
            >
              {CLOUDS.map((c) => (
                <option value={c} key={c}>
                  {cloudLabel(c)}
                </option>
              ))}
            </select>
          </Field>
          <div class="field">
            <label for="redirect-uri">{t('options_redirectUri')}</label>
            <div class="row">
              <input
                id="redirect-uri"
                class="code"
                type="text"
                readOnly
                value={redirectUri}
                size={52}
              />
              <button
                type="button"
                onClick={async () => {
                  await navigator.clipboard.writeText(redirectUri);
                  setCopied(true);
                  setTimeout(() => setCopied(false), 2000);
                }}
              >
                {t('options_copyRedirectUri')}
              </button>
              <span role="status" class="ok">
                {copied ? t('options_copied') : ''}
              </span>
            </div>
            <span class="hint muted">{t('options_redirectUriHint')}</span>
          </div>
        </section>

        <section aria-labelledby="poll-h">
          <h2 id="poll-h">{t('options_polling')}</h2>
          <Field id="interval" label={t('options_interval')} error={errors.pollInterval}>
            <input
              id="interval"
              type="number"
              min={5}
              max={1440}
              value={form.pollInterval}
              onInput={(e) => update({ pollInterval: Number(e.currentTarget.value) })}
            />
          </Field>
          <Field id="concurrency" label={t('options_concurrency')} error={errors.concurrency}>
            <input
              id="concurrency"
              type="number"
              min={1}
              max={16}
              value={form.concurrency}
              onInput={(e) => update({ concurrency: Number(e.currentTarget.value) })}
            />
          </Field>
          <fieldset class="checks">
            <legend>{t('options_sources')}</legend>
            {ALL_SOURCES.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={form.sources[s] !== false}
                  onChange={(e) =>
                    update({ sources: { ...form.sources, [s]: e.currentTarget.checked } })
                  }
                />{' '}
                {sourceLabel(s)}
              </label>
            ))}
          </fieldset>
        </section>

        <section aria-labelledby="thr-h">
          <h2 id="thr-h">{t('options_thresholds')}</h2>
          {(
            [
              ['mailboxPercent', t('options_thrMailbox')],
              ['oneDrivePercent', t('options_thrOneDrive')],
              ['backupStaleHours', t('options_thrBackupStale')],
              ['secureScoreDropPoints', t('options_thrSecureScoreDrop')],
              ['tenantSyncStaleHours', t('options_thrTenantSyncStale')],
              ['graphStaleMinutes', t('options_thrGraphStale')],
            ] as [keyof Thresholds, string][]
          ).map(([key, label]) => (
            <Field id={`thr-${key}`} label={label} key={key}>
              <input
                id={`thr-${key}`}
                type="number"
                min={0}
                value={form.thresholds[key] as number}
                onInput={(e) => setThreshold(key, Number(e.currentTarget.value))}
              />
            </Field>
          ))}
          <Field id="thr-sev" label={t('options_thrSecuritySeverity')}>
            <select
              id="thr-sev"
              value={form.thresholds.securityAlertMinSeverity}
              onChange={(e) => setThreshold('securityAlertMinSeverity', e.currentTarget.value)}
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {severityLabel(s)}
                </option>
              ))}
            </select>
          </Field>
        </section>

        <section aria-labelledby="notif-h">
          <h2 id="notif-h">{t('options_notifications')}</h2>
          <label>
            <input
              type="checkbox"
              checked={form.notifications.enabled}
              onChange={(e) =>
                update({
                  notifications: { ...form.notifications, enabled: e.currentTarget.checked },
                })
              }
            />{' '}
            {t('options_notifyEnabled')}
          </label>
          <Field id="notif-sev" label={t('options_notifySeverity')}>
            <select
              id="notif-sev"
              value={form.notifications.minSeverity}
              onChange={(e) =>
                update({
                  notifications: {
                    ...form.notifications,
                    minSeverity: e.currentTarget.value as AlertSeverity,
                  },
                })
              }
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {severityLabel(s)}
                </option>
              ))}
            </select>
          </Field>
          <fieldset class="checks">
            <legend>{t('options_notifyTypes')}</legend>
            {ALERT_TYPES.map((type) => (
              <label key={type}>
                <input
                  type="checkbox"
                  checked={form.notifications.types[type]}
                  onChange={(e) =>
                    update({
                      notifications: {
                        ...form.notifications,
                        types: { ...form.notifications.types, [type]: e.currentTarget.checked },
                      },
                    })
                  }
                />{' '}
                {alertTypeLabel(type)}
              </label>
            ))}
          </fieldset>
        </section>

        <section aria-labelledby="portal-h">
          <h2 id="portal-h">{t('options_portal')}</h2>
          <Field
            id="patterns"
            label={t('options_patterns')}
            hint={t('options_patternsHint')}
            error={errors.patterns}
          >
            <textarea
              id="patterns"
              rows={3}
              value={form.patterns}
              onInput={(e) => update({ patterns: e.currentTarget.value })}
            />
          </Field>
          <h3 id="map-h">{t('options_mappings')}</h3>
          <p class="muted">{t('options_mappingsHelp')}</p>
          <table aria-labelledby="map-h">
            <thead>
              <tr>
                <th scope="col">{t('options_portalShows')}</th>
                <th scope="col">{t('options_tenantId')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('options_mappingActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.mappings.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                <tr key={i}>
                  <td>
                    <input
                      aria-label={t('options_mappingText', i + 1)}
                      value={m.match}
                      onInput={(e) => setMapping(i, { match: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('options_mappingTenant', i + 1)}
                      value={m.tenantId}
                      onInput={(e) => setMapping(i, { tenantId: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={t('options_removeMapping', i + 1)}
                      onClick={() => update({ mappings: form.mappings.filter((_, j) => j !== i) })}
                    >
                      {t('options_remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {errors.mapping && (
            <p class="error" role="alert">
              {errors.mapping}
            </p>
          )}
          <button
            type="button"
            onClick={() => update({ mappings: [...form.mappings, { match: '', tenantId: '' }] })}
          >
            {t('options_addMapping')}
          </button>
        </section>

        <div class="savebar">
          <button type="submit" class="primary">
            {t('options_save')}
          </button>
          <span role="status" class="ok">
            {saved}
          </span>
          {Object.keys(errors).length > 0 && (
            <span class="error" role="alert">
              {t('options_fixFields')}
            </span>
          )}
        </div>
      </form>

      <section aria-labelledby="data-h">
        <h2 id="data-h">{t('options_yourData')}</h2>
        <p class="muted">{t('options_yourDataHelp')}</p>
        <div class="row">
          <button type="button" onClick={exportData}>
            {t('options_export')}
          </button>
          <label class="row">
            <span>{t('options_import')}</span>
            <input type="file" accept="application/json,.json" onChange={importData} />
          </label>
          <button type="button" class="danger" onClick={() => forgetDialog.current?.showModal()}>
            {t('options_forget')}
          </button>
        </div>
        {dataMessage && (
          <p class={dataMessage.ok ? 'ok' : 'error'} role={dataMessage.ok ? 'status' : 'alert'}>
            {dataMessage.text}
          </p>
        )}
        <dialog ref={forgetDialog} aria-labelledby="forget-h">
          <h3 id="forget-h">{t('options_forgetTitle')}</h3>
          <p>{t('options_forgetHelp')}</p>
          <label>
            <input
              type="checkbox"
              checked={forgetSettings}
              onChange={(e) => setForgetSettings(e.currentTarget.checked)}
            />{' '}
            {t('options_forgetSettings')}
          </label>
          <div class="row" style={{ marginTop: '12px' }}>
            <button type="button" class="danger" onClick={forgetAll}>
              {t('options_forgetConfirm')}
            </button>
            <button type="button" onClick={() => forgetDialog.current?.close()}>
              {t('options_cancel')}
            </button>
          </div>
        </dialog>
      </section>
    </main>
  );
}
