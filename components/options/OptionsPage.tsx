import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { GUID } from '../../lib/backup-file';
import type { SourceId } from '../../lib/graph/types';
import type { ExtensionStatus } from '../../lib/insights/types';
import { sendMessage } from '../../lib/messaging';
import {
  ALL_SOURCES,
  clientIdItem,
  cloudItem,
  DEFAULT_THRESHOLDS,
  notificationsItem,
  type NotificationSettings,
  pollConcurrencyItem,
  pollIntervalItem,
  portalUrlPatternsItem,
  sourcesItem,
  type TenantMapping,
  tenantMappingsItem,
  type Thresholds,
  thresholdsItem,
} from '../../lib/settings';
import type { AlertSeverity, AlertType, CloudId } from '../../lib/store/types';

/** Friendly names of the Graph sources, with the feature each feeds. */
export const SOURCE_LABELS: Record<SourceId, string> = {
  organization: 'Tenant details',
  secureScores: 'Secure score history',
  controlProfiles: 'Improvement actions',
  userCounts: 'User counts',
  subscribedSkus: 'Licences',
  securityAlerts: 'Security alerts',
  bitlockerKeys: 'BitLocker recovery keys',
  managedDevices: 'Managed Windows devices',
  mailboxUsage: 'Mailbox storage',
  oneDriveUsage: 'OneDrive storage',
  mfaRegistration: 'MFA registration',
  riskyUsers: 'Risky users',
};

const CLOUD_LABELS: Record<CloudId, string> = {
  global: 'Global (and GCC)',
  'usgov-high': 'US Government GCC High',
  'usgov-dod': 'US Government DoD',
  china: 'China (operated by 21Vianet)',
};

const TYPE_LABELS: Record<AlertType, string> = {
  'storage-space': 'Storage Space',
  'backup-failure': 'Backup Failure',
  'bitlocker-reminder': 'BitLocker Reminder',
  'security-alert': 'Security Alert',
};

const SEVERITIES: AlertSeverity[] = ['informational', 'low', 'medium', 'high'];

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
  if (id !== '' && !GUID.test(id))
    errors.clientId = 'An application (client) ID is a GUID like 7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60.';
  if (!(f.pollInterval >= 5 && f.pollInterval <= 1440)) errors.pollInterval = 'Choose from 5 to 1440 minutes.';
  if (!(f.concurrency >= 1 && f.concurrency <= 16)) errors.concurrency = 'Choose from 1 to 16.';
  const badPattern = f.patterns
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
    .find((p) => !/^https:\/\/[^/\s]+\/.*$/.test(p));
  if (badPattern) errors.patterns = `"${badPattern}" is not a pattern like https://*.syncromsp.com/*`;
  const badMap = f.mappings.find((m) => m.match.trim() === '' || !GUID.test(m.tenantId.trim()));
  if (badMap) errors.mapping = 'Each mapping needs the portal text and a tenant ID (GUID).';
  return errors;
}

function Field(props: { id: string; label: string; hint?: string; error?: string; children: preact.ComponentChildren }) {
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
    const [clientId, cloud, pollInterval, concurrency, sources, thresholds, notifications, patterns, mappings] =
      await Promise.all([
        clientIdItem.getValue(),
        cloudItem.getValue(),
        pollIntervalItem.getValue(),
        pollConcurrencyItem.getValue(),
        sourcesItem.getValue(),
        thresholdsItem.getValue(),
        notificationsItem.getValue(),
        portalUrlPatternsItem.getValue(),
        tenantMappingsItem.getValue(),
      ]);
    setForm({
      clientId,
      cloud,
      pollInterval,
      concurrency,
      sources,
      thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
      notifications,
      patterns: patterns.join('\n'),
      mappings,
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
    await Promise.all([
      clientIdItem.setValue(form.clientId.trim()),
      cloudItem.setValue(form.cloud),
      pollIntervalItem.setValue(form.pollInterval),
      pollConcurrencyItem.setValue(form.concurrency),
      sourcesItem.setValue(form.sources),
      thresholdsItem.setValue(form.thresholds),
      notificationsItem.setValue(form.notifications),
      portalUrlPatternsItem.setValue(
        form.patterns
          .split('\n')
          .map((p) => p.trim())
          .filter(Boolean),
      ),
      tenantMappingsItem.setValue(form.mappings.map((m) => ({ match: m.match.trim(), tenantId: m.tenantId.trim() }))),
    ]);
    setSaved('Settings saved.');
    void loadStatus();
  }

  async function signIn() {
    setBusy(true);
    setSignInError('');
    try {
      const result = await sendMessage('signIn', undefined);
      if (!result.ok) setSignInError(result.error);
    } catch (err) {
      setSignInError(`Sign-in failed: ${(err as Error).message}`);
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
    setDataMessage({ text: 'Settings and acknowledgements exported.', ok: true });
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
        text: `Imported ${result.settings} settings and ${result.acknowledgements} acknowledgements.`,
        ok: true,
      });
      await loadForm();
    } else {
      setDataMessage({ text: `Nothing was changed: ${result.error}`, ok: false });
    }
  }

  async function forgetAll() {
    await sendMessage('forgetAllData', { settings: forgetSettings });
    forgetDialog.current?.close();
    setDataMessage({ text: forgetSettings ? 'All data and settings were removed.' : 'All data was removed.', ok: true });
    await loadForm();
    void loadStatus();
  }

  const account = status?.account ?? null;
  return (
    <main class="options">
      <h1>
        <img src="/icon/48.png" alt="" />
        Tenant Lens options
      </h1>
      <p class="muted">Microsoft 365 insights, backup fixes and alerts on Syncro Tenant Details pages.</p>

      {!form.clientId && (
        <p class="banner" role="status">
          First run: register an application in Microsoft Entra ID (see the README), paste its Application (client)
          ID below, save, then sign in.
        </p>
      )}

      <section aria-labelledby="account-h">
        <h2 id="account-h">Microsoft account</h2>
        {account ? (
          <div class="row">
            <span>
              Signed in as <strong data-testid="account">{account.username}</strong>
            </span>
            <button type="button" onClick={signOut} disabled={busy}>
              Sign out
            </button>
          </div>
        ) : (
          <div class="row">
            <span class="muted">Not signed in.</span>
            <button type="button" class="primary" onClick={signIn} disabled={busy}>
              Sign in to Microsoft
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
            {status.signInNeededTenants} tenant(s) need you to sign in again.
          </p>
        )}
      </section>

      <form onSubmit={save} noValidate>
        <section aria-labelledby="conn-h">
          <h2 id="conn-h">Connection</h2>
          <Field
            id="client-id"
            label="Application (client) ID"
            hint="From your multi-tenant app registration in Microsoft Entra ID."
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
          <Field id="cloud" label="Cloud">
            <select id="cloud" value={form.cloud} onChange={(e) => update({ cloud: e.currentTarget.value as CloudId })}>
              {(Object.keys(CLOUD_LABELS) as CloudId[]).map((c) => (
                <option value={c} key={c}>
                  {CLOUD_LABELS[c]}
                </option>
              ))}
            </select>
          </Field>
          <div class="field">
            <label for="redirect-uri">Redirect URI</label>
            <div class="row">
              <input id="redirect-uri" class="code" type="text" readOnly value={redirectUri} size={52} />
              <button
                type="button"
                onClick={async () => {
                  await navigator.clipboard.writeText(redirectUri);
                  setCopied(true);
                  setTimeout(() => setCopied(false), 2000);
                }}
              >
                Copy redirect URI
              </button>
              <span role="status" class="ok">
                {copied ? 'Copied' : ''}
              </span>
            </div>
            <span class="hint muted">Register it as a Single-page application redirect URI.</span>
          </div>
        </section>

        <section aria-labelledby="poll-h">
          <h2 id="poll-h">Polling</h2>
          <Field id="interval" label="Poll every (minutes)" error={errors.pollInterval}>
            <input
              id="interval"
              type="number"
              min={5}
              max={1440}
              value={form.pollInterval}
              onInput={(e) => update({ pollInterval: Number(e.currentTarget.value) })}
            />
          </Field>
          <Field id="concurrency" label="Tenants polled at once" error={errors.concurrency}>
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
            <legend>Data to collect</legend>
            {ALL_SOURCES.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={form.sources[s] !== false}
                  onChange={(e) => update({ sources: { ...form.sources, [s]: e.currentTarget.checked } })}
                />{' '}
                {SOURCE_LABELS[s]}
              </label>
            ))}
          </fieldset>
        </section>

        <section aria-labelledby="thr-h">
          <h2 id="thr-h">Alert thresholds</h2>
          {(
            [
              ['mailboxPercent', 'Mailbox full at (% of send quota)'],
              ['oneDrivePercent', 'OneDrive full at (% of allocation)'],
              ['backupStaleHours', 'Backup stale after (hours)'],
              ['secureScoreDropPoints', 'Secure score drop (points)'],
              ['tenantSyncStaleHours', 'Tenant sync stale after (hours)'],
              ['graphStaleMinutes', 'Microsoft data stale after (minutes)'],
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
          <Field id="thr-sev" label="Security alerts from severity">
            <select
              id="thr-sev"
              value={form.thresholds.securityAlertMinSeverity}
              onChange={(e) => setThreshold('securityAlertMinSeverity', e.currentTarget.value)}
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
        </section>

        <section aria-labelledby="notif-h">
          <h2 id="notif-h">Notifications</h2>
          <label>
            <input
              type="checkbox"
              checked={form.notifications.enabled}
              onChange={(e) => update({ notifications: { ...form.notifications, enabled: e.currentTarget.checked } })}
            />{' '}
            Show desktop notifications for new alerts
          </label>
          <Field id="notif-sev" label="Notify from severity">
            <select
              id="notif-sev"
              value={form.notifications.minSeverity}
              onChange={(e) =>
                update({
                  notifications: { ...form.notifications, minSeverity: e.currentTarget.value as AlertSeverity },
                })
              }
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <fieldset class="checks">
            <legend>Notify for</legend>
            {(Object.keys(TYPE_LABELS) as AlertType[]).map((t) => (
              <label key={t}>
                <input
                  type="checkbox"
                  checked={form.notifications.types[t]}
                  onChange={(e) =>
                    update({
                      notifications: {
                        ...form.notifications,
                        types: { ...form.notifications.types, [t]: e.currentTarget.checked },
                      },
                    })
                  }
                />{' '}
                {TYPE_LABELS[t]}
              </label>
            ))}
          </fieldset>
        </section>

        <section aria-labelledby="portal-h">
          <h2 id="portal-h">Syncro portal</h2>
          <Field
            id="patterns"
            label="Portal URL patterns"
            hint="One per line. Hints only: pages are recognised by their content."
            error={errors.patterns}
          >
            <textarea
              id="patterns"
              rows={3}
              value={form.patterns}
              onInput={(e) => update({ patterns: e.currentTarget.value })}
            />
          </Field>
          <h3 id="map-h">Tenant mappings</h3>
          <p class="muted">
            Map what the portal shows as Microsoft Tenant to a tenant ID when it cannot be found automatically. Mappings
            override automatic resolution.
          </p>
          <table aria-labelledby="map-h">
            <thead>
              <tr>
                <th scope="col">Portal shows</th>
                <th scope="col">Tenant ID</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.mappings.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                <tr key={i}>
                  <td>
                    <input
                      aria-label={`Portal text of mapping ${i + 1}`}
                      value={m.match}
                      onInput={(e) => {
                        const mappings = [...form.mappings];
                        mappings[i] = { ...m, match: e.currentTarget.value };
                        update({ mappings });
                      }}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Tenant ID of mapping ${i + 1}`}
                      value={m.tenantId}
                      onInput={(e) => {
                        const mappings = [...form.mappings];
                        mappings[i] = { ...m, tenantId: e.currentTarget.value };
                        update({ mappings });
                      }}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove mapping ${i + 1}`}
                      onClick={() => update({ mappings: form.mappings.filter((_, j) => j !== i) })}
                    >
                      Remove
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
          <button type="button" onClick={() => update({ mappings: [...form.mappings, { match: '', tenantId: '' }] })}>
            Add mapping
          </button>
        </section>

        <div class="savebar">
          <button type="submit" class="primary">
            Save
          </button>
          <span role="status" class="ok">
            {saved}
          </span>
          {Object.keys(errors).length > 0 && (
            <span class="error" role="alert">
              Fix the highlighted fields; nothing was saved.
            </span>
          )}
        </div>
      </form>

      <section aria-labelledby="data-h">
        <h2 id="data-h">Your data</h2>
        <p class="muted">
          Everything Tenant Lens keeps stays in this browser. Export your settings and acknowledgements to move them to
          another browser.
        </p>
        <div class="row">
          <button type="button" onClick={exportData}>
            Export settings
          </button>
          <label class="row">
            <span>Import settings file</span>
            <input type="file" accept="application/json,.json" onChange={importData} />
          </label>
          <button type="button" class="danger" onClick={() => forgetDialog.current?.showModal()}>
            Forget all data…
          </button>
        </div>
        {dataMessage && (
          <p class={dataMessage.ok ? 'ok' : 'error'} role={dataMessage.ok ? 'status' : 'alert'}>
            {dataMessage.text}
          </p>
        )}
        <dialog ref={forgetDialog} aria-labelledby="forget-h">
          <h3 id="forget-h">Forget all data?</h3>
          <p>
            This deletes every tenant, snapshot, observation and alert (with acknowledgements) and signs you out.
          </p>
          <label>
            <input type="checkbox" checked={forgetSettings} onChange={(e) => setForgetSettings(e.currentTarget.checked)} />{' '}
            Also reset settings
          </label>
          <div class="row" style={{ marginTop: '12px' }}>
            <button type="button" class="danger" onClick={forgetAll}>
              Forget all data
            </button>
            <button type="button" onClick={() => forgetDialog.current?.close()}>
              Cancel
            </button>
          </div>
        </dialog>
      </section>
    </main>
  );
}
