/** Users and licences: Syncro's count next to Microsoft's, and paid licences left unused. */
import type { LicenceInsight, UsersInsight } from '../../lib/insights/types';
import { RelativeTime } from '../common/RelativeTime';
import { findSection, MICROSOFT_DETAILS } from './anchors';
import { formatCount } from '../../lib/format';
import { GraphGate, GraphPrelude, showsGraphData } from './graph-gate';
import type { Panel, PanelProps } from './panel';
import { S } from './strings';

function Counts({ u, props }: { u: UsersInsight; props: PanelProps }) {
  const syncro = props.page.microsoftUsers.value;
  const sync = props.page.lastTenantSync;
  return (
    <div class="tl-body">
      <dl class="tl-counts">
        {(
          [
            [S.members, u.members],
            [S.guests, u.guests],
            [S.disabled, u.disabled],
            [S.licensed, u.licensed],
          ] as const
        ).map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatCount(n)}</dd>
          </div>
        ))}
      </dl>
      {syncro != null && syncro !== u.members && (
        <p class="tl-notice tl-warning" data-mismatch="">
          {S.mismatch(syncro, u.members)}{' '}
          {sync.value?.at ? (
            <>
              (last tenant sync <RelativeTime iso={sync.value.at} now={props.now} />)
            </>
          ) : (
            S.mismatchSync(sync.raw ?? S.unknownValue)
          )}
          {S.mismatchTail}
        </p>
      )}
      {syncro != null && syncro === u.members && (
        <p class="tl-muted tl-small">{S.countsMatch(syncro)}</p>
      )}
    </div>
  );
}

function Licences({ skus }: { skus: LicenceInsight[] }) {
  const paid = skus.filter((s) => s.paid > 0 || s.consumed > 0);
  if (paid.length === 0) return <p class="tl-muted">{S.noLicences}</p>;
  return (
    <table class="tl-table">
      <thead>
        <tr>
          {S.licenceCols.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {paid.map((s) => (
          <tr key={s.skuPartNumber} class={s.unused > 0 ? 'tl-unused' : undefined}>
            <th scope="row" title={s.skuPartNumber}>
              {s.displayName}
            </th>
            <td>
              {formatCount(s.consumed)} / {formatCount(s.paid)}
            </td>
            <td>
              {s.unused > 0 ? <strong class="tl-warn-text">{S.unused(s.unused)}</strong> : '0'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The licences part shows once Graph may be asked, unless it would only repeat a tenant-wide
 * problem the users part already explains (consent, sign-in).
 */
function showLicences(props: PanelProps): boolean {
  if (GraphPrelude({ props }) !== null) return false;
  const licences = props.insights?.licences;
  if (licences?.data) return true;
  const usersState = props.insights?.users.status?.state;
  const tenantWide = usersState === 'consent-required' || usersState === 'sign-in-needed';
  const noUsersData = !props.insights?.users.data;
  const consentPending = !!props.insights?.tenant?.consentUrl && noUsersData;
  return !(
    (tenantWide && licences?.status?.state === usersState) ||
    (consentPending && !licences?.status)
  );
}

function UsersPanel(props: PanelProps) {
  const f = props.page.microsoftUsers;
  const shown = f.value != null ? formatCount(f.value) : (f.raw ?? S.unknownValue);
  return (
    <section class="tl-panel" aria-label={`${S.brand}: ${S.usersTitle}`}>
      <h3 class="tl-title">
        {S.usersTitle} <span class="tl-muted tl-small">{S.syncroUsers(shown)}</span>
      </h3>
      <GraphGate props={props} view={props.insights?.users}>
        {(u) => <Counts u={u} props={props} />}
      </GraphGate>
      {showLicences(props) ? (
        <>
          <h4 class="tl-h">{S.licences}</h4>
          <GraphGate props={props} view={props.insights?.licences}>
            {(skus) => <Licences skus={skus} />}
          </GraphGate>
        </>
      ) : null}
    </section>
  );
}

export const usersPanel: Panel = {
  id: 'users',
  anchor: (doc, page) => (page.hasMicrosoftDetails ? findSection(doc, MICROSOFT_DETAILS) : null),
  render: UsersPanel,
  hostAttributes(props) {
    const view = props.insights?.users;
    if (!showsGraphData(props, view))
      return {
        'data-source': undefined,
        'data-guests': undefined,
        'data-disabled': undefined,
        'data-licensed': undefined,
      };
    return {
      'data-source': 'graph',
      'data-guests': String(view.data.guests),
      'data-disabled': String(view.data.disabled),
      'data-licensed': String(view.data.licensed),
    };
  },
};
