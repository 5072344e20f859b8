/**
 * "classic": a Bootstrap 3 / jQuery-era server-rendered page. Panels are
 * `div.panel > div.panel-heading > h3`, Microsoft Details is a `dl.dl-horizontal`, tables are
 * real `<table>`s, banners are `.alert.alert-*`, grayed-out services are `tr.text-muted`
 * (opacity) with a disabled Restore button. Nav says "Customers"; the section says
 * "Customer Organizations".
 */
import { esc } from '../format';
import type { ActionView, BannerView, PortalSection, ServiceView, TenantView } from '../view';
import {
  APP_MAIN_ID,
  type DocumentParts,
  MENU_SCRIPT,
  NAV_PATHS,
  type NavItem,
  sectionDomId,
  type VariantRenderer,
} from './types';

const BACKUP_MENU = [
  'Backup Settings',
  'User List',
  'Audit Log',
  'Task Manager',
  'Disable Cloud Backup',
];

function action(a: ActionView, cls: string): string {
  return a.href === null
    ? `<button type="button" class="${cls}">${esc(a.label)}</button>`
    : `<a class="${cls}" href="${esc(a.href)}">${esc(a.label)}</a>`;
}

function banner(b: BannerView): string {
  const cls =
    b.tone === 'danger' ? 'alert-danger' : b.tone === 'info' ? 'alert-info' : 'alert-warning';
  const icon = '<i class="fa fa-exclamation-triangle" aria-hidden="true"></i>';
  const act = b.action ? ` ${action(b.action, 'alert-link')}` : '';
  return `<div class="alert ${cls}">${icon} ${esc(b.message)}${act}</div>`;
}

function serviceRow(s: ServiceView, tableUnavailable: boolean): string {
  const muted = !s.enabled ? ' class="text-muted service-off"' : '';
  const icon = s.errorIcon
    ? ` <i class="fa fa-exclamation-circle text-danger" role="img" title="${esc(s.errorIcon)}" aria-label="${esc(s.errorIcon)}"></i>`
    : '';
  const disabled = s.restoreDisabled || tableUnavailable ? ' disabled' : '';
  return `<tr${muted}>
<td>${esc(s.name)}</td>
<td>${esc(s.lastBackup)}${icon}</td>
<td class="text-right"><button type="button" class="btn btn-default btn-xs"${disabled}>Restore</button></td>
</tr>`;
}

function microsoftDetails(view: TenantView): string {
  const rows: [string, string][] = [
    [
      'Last Tenant Sync',
      `${esc(view.lastTenantSync)} <button type="button" class="btn btn-link btn-xs">Sync Now</button>`,
    ],
    ['Microsoft Tenant', esc(view.microsoftTenant)],
    ['Microsoft Secure Score', esc(view.secureScore)],
    ['Microsoft Users', esc(view.microsoftUsers)],
    ...view.extraDetails.map((d): [string, string] => [esc(d.label), esc(d.value)]),
  ];
  return `<div class="panel panel-default" id="${sectionDomId('classic', 'microsoft-details')}">
<div class="panel-heading clearfix"><h3 class="panel-title pull-left">Microsoft Details</h3><a class="pull-right" href="/microsoft_tenants">Manage</a></div>
<div class="panel-body"><dl class="dl-horizontal">
${rows.map(([l, v]) => `<dt>${l}</dt><dd>${v}</dd>`).join('\n')}
</dl></div>
</div>`;
}

function organizations(view: TenantView): string {
  const rows = view.organizations
    .map((o) => {
      const sync =
        'status' in o.entraSync
          ? `<span class="label label-success">${esc(o.entraSync.status)}</span>`
          : action(o.entraSync.setUp, 'btn btn-default btn-xs');
      return `<tr><td><a href="${esc(o.href)}">${esc(o.name)}</a></td><td>${o.email ? `<a href="mailto:${esc(o.email)}">${esc(o.email)}</a>` : ''}</td><td>${esc(o.phone ?? '')}</td><td>${sync}</td></tr>`;
    })
    .join('\n');
  return `<div class="panel panel-default" id="${sectionDomId('classic', 'customer-organizations')}">
<div class="panel-heading"><h3 class="panel-title">Customer Organizations</h3></div>
<table class="table table-striped table-condensed">
<thead><tr><th>Name</th><th>Email</th><th>Phone</th><th>MS Entra ID User Sync</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

function cloudBackup(view: TenantView): string {
  const b = view.backup;
  if (!b) return '';
  const menuId = `menu-${sectionDomId('classic', 'cloud-backup')}`;
  const menu = `<div class="btn-group pull-right">
<button type="button" class="btn btn-default btn-sm dropdown-toggle" aria-haspopup="true" aria-expanded="false" aria-controls="${menuId}">Manage <span class="caret"></span></button>
<ul class="dropdown-menu dropdown-menu-right" id="${menuId}" hidden>
${BACKUP_MENU.map((m) => `<li><a href="/cloud_backup/${m.toLowerCase().replace(/ /g, '_')}?tenant=${esc(view.slug)}">${m}</a></li>`).join('\n')}
</ul></div>`;
  const enable = b.enable ? `<p>${action(b.enable, 'btn btn-primary btn-sm')}</p>` : '';
  const table = b.services.length
    ? `<table class="table table-condensed${b.unavailable ? ' grayed' : ''}">
<thead><tr><th>Service</th><th>Last Backup</th><th></th></tr></thead>
<tbody>
${b.services.map((s) => serviceRow(s, b.unavailable)).join('\n')}
</tbody>
</table>`
    : '';
  return `<div class="panel panel-default" id="${sectionDomId('classic', 'cloud-backup')}">
<div class="panel-heading clearfix"><h3 class="panel-title pull-left">Cloud Backup</h3>${menu}</div>
<div class="panel-body">
${b.banners.map(banner).join('\n')}
${enable}
${table}
<p class="small text-muted">Last Updated: ${esc(b.lastUpdated)}</p>
</div>
</div>`;
}

const CSS = `
body{margin:0;font:13px/1.42857 "Helvetica Neue",Helvetica,Arial,sans-serif;color:#333;background:#f3f3f4}
a{color:#2a6ebb;text-decoration:none}a:hover{text-decoration:underline}
.navbar{background:#1f3a5f;color:#fff;display:flex;align-items:center;padding:0 15px;height:50px}
.navbar .brand{font-weight:bold;font-size:18px;margin-right:20px;color:#fff}
.navbar ul{list-style:none;display:flex;margin:0;padding:0}.navbar li a{color:#cfd8e3;padding:15px 12px;display:block}
.navbar li.active a{color:#fff;background:#16304f}.navbar .account{margin-left:auto;color:#cfd8e3}
.container-fluid{padding:15px}.row{display:flex;gap:20px;align-items:flex-start}.col-left{flex:0 0 340px}.col-main{flex:1}
.panel{background:#fff;border:1px solid #ddd;border-radius:4px;margin-bottom:20px;box-shadow:0 1px 1px rgba(0,0,0,.05)}
.panel-heading{padding:10px 15px;border-bottom:1px solid #ddd;background:#f5f5f5;display:flex;align-items:center;justify-content:space-between}
.panel-title{margin:0;font-size:16px}.panel-body{padding:15px}
.dl-horizontal dt{float:left;width:150px;clear:left;text-align:right;font-weight:bold;color:#555}.dl-horizontal dd{margin-left:165px;margin-bottom:6px}
.table{width:100%;border-collapse:collapse}.table th,.table td{padding:6px 8px;border-top:1px solid #ddd;text-align:left}
.table-striped tbody tr:nth-child(odd){background:#f9f9f9}.text-right{text-align:right!important}
.text-muted{color:#999}tr.service-off{opacity:.45}table.grayed{opacity:.5;pointer-events:none}
.btn{display:inline-block;padding:3px 10px;border:1px solid #ccc;border-radius:3px;background:#fff;cursor:pointer;font-size:12px}
.btn[disabled]{opacity:.5;cursor:not-allowed}.btn-primary{background:#337ab7;color:#fff;border-color:#2e6da4}
.btn-link{border:0;background:none;color:#2a6ebb}
.alert{padding:10px 15px;margin-bottom:12px;border:1px solid transparent;border-radius:4px}
.alert-warning{background:#fcf8e3;border-color:#faebcc;color:#8a6d3b}.alert-danger{background:#f2dede;border-color:#ebccd1;color:#a94442}
.alert-info{background:#d9edf7;border-color:#bce8f1;color:#31708f}.alert-link{font-weight:bold;margin-left:6px}
.label{display:inline-block;padding:2px 6px;border-radius:3px;font-size:11px}.label-success{background:#5cb85c;color:#fff}
.btn-group{position:relative}.dropdown-menu{position:absolute;right:0;top:100%;z-index:10;background:#fff;border:1px solid #ccc;list-style:none;margin:2px 0 0;padding:5px 0;min-width:170px;box-shadow:0 6px 12px rgba(0,0,0,.175)}
.dropdown-menu li a{display:block;padding:4px 15px;color:#333}.small{font-size:11px}
.tenant-name{font-size:22px;margin:0 0 15px;font-weight:500}.tenant-name .edit{color:#999;font-size:14px;margin-left:6px;cursor:pointer}
@media (prefers-color-scheme: dark){
body{background:#1b1f24;color:#d6d6d6}.panel{background:#23282e;border-color:#3a4048}
.panel-heading{background:#2b3138;border-color:#3a4048}.table th,.table td{border-color:#3a4048}
.table-striped tbody tr:nth-child(odd){background:#272c33}.btn{background:#2b3138;color:#ddd;border-color:#4a515a}
.dropdown-menu{background:#23282e}.dropdown-menu li a{color:#ddd}a{color:#6aa6e8}
}`;

const NAV: [NavItem, string][] = [
  ['dashboard', 'Dashboard'],
  ['customers', 'Customers'],
  ['tickets', 'Tickets'],
  ['assets', 'Assets'],
  ['alerts', 'RMM Alerts'],
  ['admin', 'Admin'],
];

export const classic: VariantRenderer = {
  variant: 'classic',
  header(view) {
    return `<h1 class="tenant-name" title="Click to edit">${esc(view.name)}<i class="fa fa-pencil edit" aria-hidden="true"></i></h1>`;
  },
  section(view, section: PortalSection) {
    if (section === 'microsoft-details') return microsoftDetails(view);
    if (section === 'customer-organizations') return organizations(view);
    return cloudBackup(view);
  },
  layout(header, left, main) {
    return `<div class="row"><div class="col-left">${header}\n${left}</div><div class="col-main">\n${main}\n</div></div>`;
  },
  plainContent(title, rows, bodyHtml) {
    return `<div class="panel panel-default"><div class="panel-heading"><h3 class="panel-title">${esc(title)}</h3></div>
<div class="panel-body">${rows.length ? `<table class="table"><tbody>${rows.map(([l, v]) => `<tr><th>${esc(l)}</th><td>${v}</td></tr>`).join('')}</tbody></table>` : ''}${bodyHtml}</div></div>`;
  },
  document(p: DocumentParts) {
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(p.title)}</title><style>${CSS}</style></head>
<body>
<nav class="navbar"><a class="brand" href="/">Syncro</a><ul>
${NAV.map(([id, label]) => `<li${p.active === id ? ' class="active"' : ''}><a href="${NAV_PATHS[id]}">${label}</a></li>`).join('')}
</ul><span class="account">${esc(p.subdomain)} · Taylor Tech</span></nav>
${p.toolbar ?? ''}
<div class="container-fluid" id="${APP_MAIN_ID}">
${p.main}
</div>
${MENU_SCRIPT}
${p.tail ?? ''}
</body></html>`;
  },
};
