/**
 * Where panels mount: right after the page section they enrich, found by the section
 * heading's visible text (lib/portal/sections.ts; wording in lib/portal/labels.ts), never by
 * class names: the portal's markup is not public and its class names are hashed.
 */
import { isOwnHost } from '../../lib/portal/dom';
import type { SectionId } from '../../lib/portal/labels';
import { sectionsOnce } from '../../lib/portal/sections';

export const MICROSOFT_DETAILS: SectionId = 'microsoftDetails';
export const CLOUD_BACKUP: SectionId = 'cloudBackup';

const SEMANTIC_SECTION = 'section, article, fieldset, [role="region"], [role="group"]';

/**
 * The element a section's panels go after: the section's own semantic container (a
 * `<section>` around its heading) when there is one inside its region, else the last element
 * of its region. A region that runs over sibling elements may already include our own hosts:
 * they are skipped, or each pass would anchor on the previous pass's panel.
 */
export function findSection(doc: Document, id: SectionId): Element | null {
  const section = sectionsOnce(doc)[id];
  if (!section) return null;
  const roots = section.roots;
  const semantic = section.heading.closest(SEMANTIC_SECTION);
  if (semantic && roots.some((r) => r.contains(semantic))) return semantic;
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i];
    if (root && !isOwnHost(root)) return root;
  }
  return null;
}
