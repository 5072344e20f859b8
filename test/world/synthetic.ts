/**
 * Synthetic customer tenants for benchmarks: N extra tenants that behave exactly like a
 * catalogue tenant (same users, devices, alerts, licence plan and GDAP roles) under new tenant
 * ids, so a poll of 10, 50 or 200 tenants hits the same Graph emulator code paths as the six
 * hand-written ones. Nothing else in the world changes: the catalogue stays as it is, and a
 * world without synthetic tenants behaves exactly as before.
 */
import { MICROSOFT_TENANTS, type MicrosoftTenantFixture } from './catalogue';
import type { GraphState } from './graph/context';
import type { TenantFixture } from './graph/fixtures';
import { GLOBAL_CLOUD, type IdentityState } from './identity/state';

export interface SyntheticTenant {
  id: string;
  displayName: string;
  /** Catalogue tenant it copies. */
  templateId: string;
}

/** Consented catalogue tenants whose technician holds every role: the default templates. */
export function defaultTemplates(): MicrosoftTenantFixture[] {
  return MICROSOFT_TENANTS.filter((t) => t.consented && t.gdapRoles.includes('Security Reader'));
}

/** A stable GUID for synthetic tenant `index` (never a catalogue id). */
export function syntheticTenantId(index: number): string {
  const n = (index + 1).toString(16).padStart(12, '0');
  return `b3c4b3c4-0000-4000-8000-${n}`;
}

/**
 * Registers `count` synthetic tenants with the world's identity platform (consent, GDAP
 * roles, lookup by id and domain) and its Graph emulator (fixtures), cycling through
 * `templates`. Idempotent per index: registering again returns the same tenants.
 */
export function registerSyntheticTenants(
  world: { identity: IdentityState; graph: GraphState },
  count: number,
  templates: MicrosoftTenantFixture[] = defaultTemplates(),
): SyntheticTenant[] {
  if (templates.length === 0) throw new Error('registerSyntheticTenants: no template tenants');
  const { identity, graph } = world;
  const state = syntheticState(graph);
  const out: SyntheticTenant[] = [];
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length] as MicrosoftTenantFixture;
    const id = syntheticTenantId(i);
    const slug = `bench${i + 1}`;
    const displayName = `${template.displayName} (bench ${i + 1})`;
    if (!state.templates.has(id)) {
      state.templates.set(id, { template, displayName, domain: `${slug}.onmicrosoft.com` });
      identity.tenants.push({
        id,
        displayName,
        domains: [`${slug}.onmicrosoft.com`],
        isPartner: false,
        cloud: { ...GLOBAL_CLOUD },
      });
      identity.consent.set(id, template.consented);
      identity.roles.set(id, [...template.gdapRoles]);
    }
    out.push({ id, displayName, templateId: template.id });
  }
  return out;
}

interface SyntheticState {
  templates: Map<string, { template: MicrosoftTenantFixture; displayName: string; domain: string }>;
  clones: Map<string, { base: TenantFixture; clone: TenantFixture }>;
}

const states = new WeakMap<GraphState, SyntheticState>();

/** Wraps the Graph state's fixture lookup once so synthetic ids resolve to clones. */
function syntheticState(graph: GraphState): SyntheticState {
  let state = states.get(graph);
  if (state) return state;
  const s: SyntheticState = { templates: new Map(), clones: new Map() };
  state = s;
  states.set(graph, s);
  const original = graph.fixture.bind(graph);
  graph.fixture = (tenantId: string) => {
    const t = s.templates.get(tenantId.toLowerCase());
    if (!t) return original(tenantId);
    const base = original(t.template.id);
    if (!base) return undefined;
    const cached = s.clones.get(tenantId);
    // The base is cached per day by the emulator; clone again when it was rebuilt.
    if (cached && cached.base === base) return cached.clone;
    const clone: TenantFixture = {
      ...base,
      tenant: { ...base.tenant, id: tenantId, displayName: t.displayName, domains: [t.domain] },
      organization: {
        ...base.organization,
        id: tenantId,
        displayName: t.displayName,
        verifiedDomains: [
          {
            capabilities: 'Email, OfficeCommunicationsOnline',
            isDefault: true,
            isInitial: true,
            name: t.domain,
            type: 'Managed',
          },
        ],
      },
    };
    s.clones.set(tenantId, { base, clone });
    return clone;
  };
  return s;
}
