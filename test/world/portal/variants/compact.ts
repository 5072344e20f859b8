/**
 * "compact": a dense legacy layout. Headings are `<div class="title">` (no heading
 * elements), "MICROSOFT DETAILS" is upper-case in the text while other titles are upper-cased
 * by CSS, labels carry trailing colons inside `<li><strong>Label:</strong> value</li>`,
 * tables are ARIA tables of divs (`role="table"/"row"/"columnheader"/"cell"`), banners are
 * `div[role="status"]`, grayed-out services carry a visible "Not enabled" badge and a disabled
 * Restore button, and the error icon is a glyph with `title` plus visually hidden text.
 * Nav and the organizations section say "Organizations".
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
  const act = b.action ? ` ${action(b.action, 'b-act')}` : '';
  return `<div class="msg msg-${b.tone === 'danger' ? 'r' : b.tone === 'info' ? 'b' : 'y'}" role="status"><span aria-hidden="true">⚠</span> ${esc(b.message)}${act}</div>`;
}

function grid(headers: string[], rows: { cells: string[]; cls?: string }[], cls = ''): string {
  const head = `<div role="row" class="r rh">${headers.map((h) => `<div role="columnheader" class="c">${h}</div>`).join('')}</div>`;
  const body = rows
    .map(
      (r) =>
        `<div role="row" class="r${r.cls ? ` ${r.cls}` : ''}">${r.cells.map((x) => `<div role="cell" class="c">${x}</div>`).join('')}</div>`,
    )
    .join('\n');
  return `<div role="table" class="g${cls ? ` ${cls}` : ''}"><div role="rowgroup">${head}</div><div role="rowgroup">\n${body}\n</div></div>`;
}

function serviceRow(s: ServiceView): { cells: string[]; cls?: string } {
  const icon = s.errorIcon
    ? ` <span class="ei" title="${esc(s.errorIcon)}" aria-hidden="true">!</span><span class="vh">Error: ${esc(s.errorIcon)}</span>`
    : '';
  const name = s.enabled ? esc(s.name) : `${esc(s.name)} <span class="badge">Not enabled</span>`;
  return {
    cells: [
      name,
      `${esc(s.lastBackup)}${icon}`,
      `<button type="button" class="sm"${s.restoreDisabled ? ' disabled' : ''}>Restore</button>`,
    ],
    cls: s.enabled ? undefined : 'off',
  };
}

function microsoftDetails(view: TenantView): string {
  const items: [string, string][] = [
    [
      'Last Tenant Sync:',
      `${esc(view.lastTenantSync)} <button type="button" class="sm">Sync Now</button>`,
    ],
    ['Microsoft Tenant:', esc(view.microsoftTenant)],
    ['Microsoft Secure Score:', esc(view.secureScore)],
    ['Microsoft Users:', esc(view.microsoftUsers)],
    ...view.extraDetails.map((d): [string, string] => [`${esc(d.label)}:`, esc(d.value)]),
  ];
  return `<div class="box" id="${sectionDomId('compact', 'microsoft-details')}">
<div class="title">MICROSOFT DETAILS <a class="lnk" href="/microsoft_tenants">Manage</a></div>
<ul class="kv">
${items.map(([l, v]) => `<li><strong>${l}</strong> ${v}</li>`).join('\n')}
</ul></div>`;
}

function organizations(view: TenantView): string {
  const rows = view.organizations.map((o) => ({
    cells: [
      `<a href="${esc(o.href)}">${esc(o.name)}</a>`,
      esc(o.email ?? ''),
      esc(o.phone ?? ''),
      'status' in o.entraSync ? esc(o.entraSync.status) : action(o.entraSync.setUp, 'lnk'),
    ],
  }));
  return `<div class="box" id="${sectionDomId('compact', 'customer-organizations')}">
<div class="title tt">Organizations</div>
${grid(['Organization', 'Email', 'Phone', 'MS Entra ID User Sync'], rows)}
</div>`;
}

function cloudBackup(view: TenantView): string {
  const b = view.backup;
  if (!b) return '';
  const menuId = `m${sectionDomId('compact', 'cloud-backup')}`;
  const menu = `<span class="mw"><button type="button" class="sm" aria-haspopup="menu" aria-expanded="false" aria-controls="${menuId}">Manage ▾</button><div role="menu" id="${menuId}" class="mn" hidden>${BACKUP_MENU.map((m) => `<a role="menuitem" href="/cloud_backup?tenant=${esc(view.slug)}&amp;view=${encodeURIComponent(m)}">${m}</a>`).join('')}</div></span>`;
  const enable = b.enable ? `<div>${action(b.enable, 'sm pri')}</div>` : '';
  const table = b.services.length
    ? grid(['Service', 'Last Backup', ''], b.services.map(serviceRow), b.unavailable ? 'dim' : '')
    : '';
  return `<div class="box" id="${sectionDomId('compact', 'cloud-backup')}">
<div class="title tt">Cloud Backup ${menu}</div>
${b.banners.map(banner).join('\n')}
${enable}
${table}
<ul class="kv foot"><li><strong>Last Updated:</strong> ${esc(b.lastUpdated)}</li></ul>
</div>`;
}

const CSS = `
body{margin:0;font:12px/1.35 Verdana,Geneva,sans-serif;background:#eef0f2;color:#222}
a{color:#0067b8}.top{background:#2d2d2d;color:#eee;padding:4px 10px;display:flex;gap:10px;align-items:center}
.top a{color:#eee;text-decoration:none;padding:3px 6px}.top a.on{background:#555;border-radius:2px}.top .acct{margin-left:auto;color:#aaa}
.wrap{padding:8px 10px;display:grid;grid-template-columns:260px 1fr;gap:8px;align-items:start}.wrap1{padding:8px 10px}
.box{background:#fff;border:1px solid #c8cdd2;padding:6px 8px;margin-bottom:8px}
.title{font-weight:bold;font-size:11px;letter-spacing:.04em;border-bottom:1px solid #ddd;padding-bottom:3px;margin-bottom:4px;display:flex;gap:8px;align-items:center}
.tt{text-transform:uppercase}.title .lnk,.title .mw{margin-left:auto;text-transform:none}.t1{font-size:16px;border:0;letter-spacing:0}
.kv{list-style:none;margin:0;padding:0}.kv li{padding:2px 0}.kv strong{color:#555;font-weight:normal;margin-right:3px}
.g{display:table;width:100%;border-collapse:collapse}.g>[role=rowgroup]{display:table-row-group}.g .r{display:table-row}.g .c{display:table-cell;padding:3px 4px;border-top:1px solid #e3e3e3}
.g .rh .c{font-weight:bold;background:#f4f5f6}.g .off{color:#999;background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#f0f0f0 4px,#f0f0f0 8px)}
.g.dim{opacity:.45}.badge{font-size:10px;border:1px solid #bbb;border-radius:2px;padding:0 3px;color:#777}
.sm{font:inherit;font-size:11px;padding:0 6px;border:1px solid #999;background:#f7f7f7;cursor:pointer}.sm[disabled]{color:#aaa;cursor:default}
.pri{background:#0067b8;color:#fff;border-color:#005494}
.msg{padding:4px 6px;margin:3px 0;border-left:4px solid}.msg-y{background:#fff8d6;border-color:#e0b000}.msg-r{background:#ffe3e0;border-color:#c62828}.msg-b{background:#e4f0fb;border-color:#1e6fbf}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(1px,1px,1px,1px)}.ei{cursor:help;display:inline-block;width:13px;height:13px;line-height:13px;text-align:center;border-radius:50%;background:#c62828;color:#fff;font-weight:bold;font-size:10px}
.mw{position:relative}.mn{position:absolute;right:0;background:#fff;border:1px solid #999;z-index:9;min-width:160px}.mn a{display:block;padding:3px 8px;font-weight:normal;letter-spacing:0}
.foot{margin-top:4px;color:#666}
@media (prefers-color-scheme: dark){body{background:#161616;color:#ddd}.box{background:#202020;border-color:#3a3a3a}
.g .rh .c{background:#2a2a2a}.g .c{border-color:#333}.g .off{background:#1c1c1c;color:#777}.kv strong{color:#aaa}
.msg-y{background:#3b3414}.msg-r{background:#3f1d1a}.msg-b{background:#172c40}.sm{background:#2b2b2b;color:#ddd}.mn{background:#202020}a{color:#6cb4ff}}`;

const NAV: [NavItem, string][] = [
  ['dashboard', 'Dashboard'],
  ['customers', 'Organizations'],
  ['tickets', 'Tickets'],
  ['assets', 'Assets'],
  ['alerts', 'RMM Alerts'],
  ['admin', 'Admin'],
];

export const compact: VariantRenderer = {
  variant: 'compact',
  header(view) {
    return `<div class="title t1" role="heading" aria-level="1" title="Click to edit">${esc(view.name)}</div>`;
  },
  section(view, s: PortalSection) {
    if (s === 'microsoft-details') return microsoftDetails(view);
    if (s === 'customer-organizations') return organizations(view);
    return cloudBackup(view);
  },
  layout(header, left, main) {
    return `<div class="wrap"><div>${header}\n${left}</div><div>\n${main}\n</div></div>`;
  },
  plainContent(title, rows, bodyHtml) {
    return `<div class="wrap1"><div class="box"><div class="title tt">${esc(title)}</div>${rows.length ? `<ul class="kv">${rows.map(([l, v]) => `<li><strong>${esc(l)}:</strong> ${v}</li>`).join('')}</ul>` : ''}${bodyHtml}</div></div>`;
  },
  document(p: DocumentParts) {
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${esc(p.title)}</title><style>${CSS}</style></head>
<body>
<div class="top"><a href="/"><b>SYNCRO</b></a>${NAV.map(([id, label]) => `<a href="${NAV_PATHS[id]}"${p.active === id ? ' class="on"' : ''}>${label}</a>`).join('')}<span class="acct">${esc(p.subdomain)} · Syncro</span></div>
${p.toolbar ?? ''}
<div id="${APP_MAIN_ID}">
${p.main}
</div>
${MENU_SCRIPT}
${p.tail ?? ''}
</body></html>`;
  },
};
