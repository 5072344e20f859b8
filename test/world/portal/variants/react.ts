/**
 * "react": a modern client-rendered look. Sections are `section[aria-labelledby] > h2`,
 * label/value pairs are `<div><span>Label</span><span>value</span></div>`, every class is a
 * CSS-in-JS hash (`css-1x9k2`), banners are `div[role="alert"]`, the error icon is an
 * `svg[role=img]` with `aria-label` and `<title>`, grayed-out services are
 * `tr[aria-disabled="true"]` with an `aria-disabled` Restore button, and menus are
 * `<details>`. Nav says "Organizations"; the section says "Customer Organizations".
 */
import { hashedClass as c, esc } from '../format';
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

const WARN_SVG = `<svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16"><path d="M8 1l7 13H1z" fill="currentColor"/></svg>`;

function action(a: ActionView, kind: string): string {
  return a.href === null
    ? `<button type="button" class="${c(`btn-${kind}`)}">${esc(a.label)}</button>`
    : `<a class="${c(`link-${kind}`)}" href="${esc(a.href)}">${esc(a.label)}</a>`;
}

function banner(b: BannerView): string {
  // Actions render as buttons here (a SPA handles them in script).
  const act = b.action
    ? `<button type="button" class="${c('banner-action')}">${esc(b.action.label)}</button>`
    : '';
  return `<div role="alert" class="${c('banner')} ${c(`banner-${b.tone}`)}">${WARN_SVG}<p class="${c('banner-text')}">${esc(b.message)}</p>${act}</div>`;
}

function field(label: string, value: string): string {
  return `<div class="${c('field')}"><span class="${c('field-label')}">${label}</span><span class="${c('field-value')}">${value}</span></div>`;
}

function section(id: string, title: string, headerExtra: string, body: string): string {
  const h = `${id}-h`;
  return `<section aria-labelledby="${h}" class="${c('card')}" id="${id}"><div class="${c('card-head')}"><h2 id="${h}" class="${c('card-title')}">${title}</h2>${headerExtra}</div>${body}</section>`;
}

function serviceRow(s: ServiceView): string {
  const off = !s.enabled ? ' aria-disabled="true"' : '';
  const time = s.lastBackupIso
    ? `<time datetime="${s.lastBackupIso}">${esc(s.lastBackup)}</time>`
    : esc(s.lastBackup);
  const icon = s.errorIcon
    ? `<svg role="img" aria-label="${esc(s.errorIcon)}" class="${c('err-icon')}" width="14" height="14" viewBox="0 0 16 16"><title>${esc(s.errorIcon)}</title><circle cx="8" cy="8" r="7" fill="#d93025"/><path d="M7 4h2v5H7zM7 10.5h2v2H7z" fill="#fff"/></svg>`
    : '';
  const restore = s.restoreDisabled
    ? `<button type="button" aria-disabled="true" class="${c('btn-restore')} ${c('is-disabled')}">Restore</button>`
    : `<button type="button" class="${c('btn-restore')}">Restore</button>`;
  return `<tr${off} class="${c(s.enabled ? 'row' : 'row-off')}"><td>${esc(s.name)}</td><td><span class="${c('when')}">${time}${icon}</span></td><td>${restore}</td></tr>`;
}

function microsoftDetails(view: TenantView): string {
  const id = sectionDomId('react', 'microsoft-details');
  const body = [
    field(
      'Last Tenant Sync',
      `${esc(view.lastTenantSync)}<button type="button" class="${c('sync-now')}">Sync Now</button>`,
    ),
    field('Microsoft Tenant', esc(view.microsoftTenant)),
    field('Microsoft Secure Score', esc(view.secureScore)),
    field('Microsoft Users', esc(view.microsoftUsers)),
    ...view.extraDetails.map((d) => field(esc(d.label), esc(d.value))),
  ].join('');
  return section(
    id,
    'Microsoft Details',
    `<a class="${c('manage')}" href="/microsoft_tenants">Manage</a>`,
    `<div class="${c('fields')}">${body}</div>`,
  );
}

function organizations(view: TenantView): string {
  const id = sectionDomId('react', 'customer-organizations');
  const rows = view.organizations
    .map((o) => {
      const sync =
        'status' in o.entraSync
          ? `<span class="${c('pill')}">${esc(o.entraSync.status)}</span>`
          : action(o.entraSync.setUp, 'setup');
      return `<tr><td><a href="${esc(o.href)}">${esc(o.name)}</a></td><td>${esc(o.email ?? '—')}</td><td>${esc(o.phone ?? '—')}</td><td>${sync}</td></tr>`;
    })
    .join('');
  return section(
    id,
    'Customer Organizations',
    '',
    `<table class="${c('table')}"><thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">MS Entra ID User Sync</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function cloudBackup(view: TenantView): string {
  const b = view.backup;
  if (!b) return '';
  const id = sectionDomId('react', 'cloud-backup');
  const menu = `<details class="${c('menu')}"><summary class="${c('menu-button')}">Manage</summary><ul role="menu" class="${c('menu-list')}">${BACKUP_MENU.map((m) => `<li role="none"><a role="menuitem" href="/cloud_backup/${m.toLowerCase().replace(/ /g, '-')}?tenant=${esc(view.slug)}">${m}</a></li>`).join('')}</ul></details>`;
  const enable = b.enable
    ? `<div class="${c('enable-row')}">${action(b.enable, 'primary')}</div>`
    : '';
  const table = b.services.length
    ? `<table class="${c('table')} ${b.unavailable ? c('table-unavailable') : ''}"${b.unavailable ? ' aria-disabled="true"' : ''}><thead><tr><th scope="col">Service</th><th scope="col">Last Backup</th><th scope="col"><span class="${c('sr-only')}">Actions</span></th></tr></thead><tbody>${b.services.map(serviceRow).join('')}</tbody></table>`
    : '';
  const updated = b.lastUpdatedIso
    ? `<time datetime="${b.lastUpdatedIso}">${esc(b.lastUpdated)}</time>`
    : esc(b.lastUpdated);
  return section(
    id,
    'Cloud Backup',
    menu,
    `<div class="${c('banners')}">${b.banners.map(banner).join('')}</div>${enable}${table}<div class="${c('footer')}"><span>Last Updated</span> <span>${updated}</span></div>`,
  );
}

const CSS = `
:root{--bg:#f7f8fa;--card:#fff;--fg:#1d2433;--muted:#6b7385;--line:#e4e7ec;--accent:#0b6bcb}
@media (prefers-color-scheme: dark){:root{--bg:#111418;--card:#1a1f26;--fg:#e3e6ea;--muted:#98a0ad;--line:#2c333d;--accent:#5aa2f0}}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 Inter,system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
a{color:var(--accent)}
.${c('topbar')}{display:flex;align-items:center;gap:24px;padding:0 24px;height:56px;background:var(--card);border-bottom:1px solid var(--line)}
.${c('logo')}{font-weight:700;color:#00a86b;text-decoration:none;font-size:18px}
.${c('nav')}{display:flex;gap:4px}.${c('nav')} a{padding:6px 12px;border-radius:6px;text-decoration:none;color:var(--muted)}
.${c('nav')} a[aria-current]{background:rgba(11,107,203,.1);color:var(--accent)}.${c('who')}{margin-left:auto;color:var(--muted)}
.${c('main')}{padding:24px;display:grid;grid-template-columns:320px 1fr;gap:24px;align-items:start}
.${c('page-main')}{padding:24px}
.${c('card')}{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin-bottom:24px}
.${c('card-head')}{display:flex;justify-content:space-between;align-items:center;margin-bottom:12px}
.${c('card-title')}{font-size:16px;margin:0;font-weight:600}
.${c('field')}{display:flex;flex-direction:column;padding:8px 0;border-bottom:1px solid var(--line)}
.${c('field-label')}{font-size:12px;color:var(--muted)}.${c('field-value')}{font-weight:500;display:flex;gap:8px;align-items:center}
.${c('sync-now')},.${c('btn-restore')},.${c('btn-primary')},.${c('banner-action')},.${c('btn-setup')}{border:1px solid var(--line);background:var(--card);color:var(--accent);border-radius:6px;padding:2px 10px;cursor:pointer;font:inherit;font-size:12px}
.${c('is-disabled')}{opacity:.45;cursor:not-allowed}
.${c('table')}{width:100%;border-collapse:collapse}.${c('table')} th{font-size:12px;text-align:left;color:var(--muted);font-weight:500}
.${c('table')} td,.${c('table')} th{padding:8px;border-bottom:1px solid var(--line)}
tr[aria-disabled="true"]{opacity:.4}.${c('table-unavailable')}{opacity:.5;filter:grayscale(1)}
.${c('banner')}{display:flex;gap:10px;align-items:center;border-radius:8px;padding:10px 14px;margin-bottom:10px}
.${c('banner')} p{margin:0;flex:1}.${c('banner-warning')}{background:#fff4e5;color:#7a4b00}.${c('banner-danger')}{background:#fdecea;color:#8a1c13}.${c('banner-info')}{background:#e8f1fb;color:#0b4a8b}
@media (prefers-color-scheme: dark){.${c('banner-warning')}{background:#3a2c12;color:#f5cf8a}.${c('banner-danger')}{background:#3d1a17;color:#f3aca5}.${c('banner-info')}{background:#13273d;color:#9cc7f3}}
.${c('when')}{display:inline-flex;gap:6px;align-items:center}.${c('footer')}{margin-top:12px;font-size:12px;color:var(--muted)}
.${c('menu')}{position:relative}.${c('menu-button')}{cursor:pointer;color:var(--accent);list-style:none}
.${c('menu-list')}{position:absolute;right:0;z-index:5;background:var(--card);border:1px solid var(--line);border-radius:8px;list-style:none;padding:6px 0;margin:4px 0;min-width:180px}
.${c('menu-list')} a{display:block;padding:4px 14px;text-decoration:none;color:var(--fg)}
.${c('pill')}{background:#e6f6ee;color:#0a7a47;border-radius:999px;padding:1px 8px;font-size:12px}
.${c('sr-only')}{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.${c('name')}{display:flex;align-items:center;gap:8px}.${c('name')} h1{font-size:22px;margin:0}
.${c('edit')}{border:0;background:none;color:var(--muted);cursor:pointer}`;

const NAV: [NavItem, string][] = [
  ['dashboard', 'Home'],
  ['customers', 'Organizations'],
  ['tickets', 'Tickets'],
  ['assets', 'Assets'],
  ['alerts', 'Alerts'],
  ['admin', 'Settings'],
];

export const react: VariantRenderer = {
  variant: 'react',
  header(view) {
    return `<div class="${c('name')}"><h1>${esc(view.name)}</h1><button type="button" class="${c('edit')}" aria-label="Edit name" title="Edit name">✎</button></div>`;
  },
  section(view, s: PortalSection) {
    if (s === 'microsoft-details') return microsoftDetails(view);
    if (s === 'customer-organizations') return organizations(view);
    return cloudBackup(view);
  },
  layout(header, left, main) {
    return `<div class="${c('main')}"><aside class="${c('left')}">${header}${left}</aside><div class="${c('content')}">${main}</div></div>`;
  },
  plainContent(title, rows, bodyHtml) {
    const id = c(`plain-${title}`);
    return `<div class="${c('page-main')}">${section(id, esc(title), '', `${rows.map(([l, v]) => field(esc(l), v)).join('')}${bodyHtml}`)}</div>`;
  },
  document(p: DocumentParts) {
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${esc(p.title)}</title><style>${CSS}</style></head>
<body><div id="root">
<header class="${c('topbar')}"><a class="${c('logo')}" href="/">syncro</a><nav class="${c('nav')}" aria-label="Main">${NAV.map(([id, label]) => `<a href="${NAV_PATHS[id]}"${p.active === id ? ' aria-current="page"' : ''}>${label}</a>`).join('')}</nav><span class="${c('who')}">${esc(p.subdomain)}</span></header>
${p.toolbar ?? ''}
<main id="${APP_MAIN_ID}">
${p.main}
</main>
</div>
${MENU_SCRIPT}
${p.tail ?? ''}
</body></html>`;
  },
};
