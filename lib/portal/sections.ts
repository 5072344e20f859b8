/**
 * Finds the sections of a Tenant Details page by their visible headings ("Microsoft
 * Details", "Customer Organizations", "Cloud Backup") and the region each heads.
 *
 * A heading is an element whose whole visible text is a section title (a trailing action
 * such as "Manage" tolerated). Real headings (h1-h6, role=heading) win over legends and
 * captions, which win over any other short title element. Links, buttons, navigation,
 * menus, options and table cells are never headings (a sidebar link "Cloud Backup" or an
 * "Organizations" column header is not a section).
 *
 * A section's region: climb from the heading to the highest ancestor that holds no other
 * section's heading. When that ancestor holds only the heading (a flat page where every
 * section is a run of siblings), the region continues over its following siblings until a
 * sibling holding another section's heading or a heading of the same or a higher level.
 */

import { headingLevel, isRowLike, tagOf, textOf, walkElements, walkTexts } from './dom';
import {
  cleanText,
  MAX_LABEL_LENGTH,
  SECTION_HEADINGS,
  type SectionId,
  sectionOfHeading,
} from './labels';

/** A section found on the page. */
export interface Section {
  id: SectionId;
  /** The heading element. */
  heading: Element;
  /** The heading's visible text. */
  headingText: string;
  /** 3 = h1-h6/role=heading/labelled region, 2 = legend/caption/summary, 1 = other. */
  rank: number;
  /** The region: one or more sibling subtrees (the heading's container, or a run). */
  roots: Element[];
}

/** Sections of a page, by id; a missing key means no such heading was found. */
export type Sections = Partial<Record<SectionId, Section>>;

const NEVER_HEADING =
  'a, button, nav, select, option, textarea, label, th, td, [role="navigation"], [role="menu"], [role="menubar"], [role="menuitem"], [role="option"], [role="listbox"], [role="columnheader"], [role="rowheader"], [role="cell"], [role="gridcell"], [role="button"], [role="link"], [role="tab"], [role="tooltip"]';

interface Candidate {
  id: SectionId;
  el: Element;
  text: string;
  rank: number;
}

let memo: { doc: Document; sections: Sections } | null = null;

/**
 * `findSections(doc)`, found once per synchronous pass: the overlay's detection, reading and
 * every panel's anchor in one run share one walk of the page. Valid until the pass ends (the
 * page may change before the next one) and while the headings found are still in the page.
 */
export function sectionsOnce(doc: Document): Sections {
  if (memo?.doc === doc && Object.values(memo.sections).every((s) => s?.heading.isConnected))
    return memo.sections;
  const sections = findSections(doc);
  memo = { doc, sections };
  queueMicrotask(() => {
    memo = null;
  });
  return sections;
}

/** Finds the section headings of `doc` (bounded walk) and their regions. */
export function findSections(doc: Document): Sections {
  const root = doc.body ?? doc.documentElement;
  if (!root) return {};
  const candidates: Candidate[] = [];
  const seen = new Set<Element>();
  walkTexts(
    [root],
    (text, parent) => {
      if (text.length > MAX_LABEL_LENGTH * 2) return;
      if (!sectionOfHeading(text) && !isPartialHeading(text)) return;
      const c = headingCandidate(parent);
      if (c && !seen.has(c.el)) {
        seen.add(c.el);
        candidates.push(c);
      }
      return candidates.length > 200;
    },
    120_000,
    undefined,
    // Section headings are never inside table rows or list items: skip them (a
    // 10,000-row table costs nothing).
    isRowLike,
  );
  // Regions labelled by aria-label ("<section aria-label='Cloud Backup'>").
  walkElements([root], (el) => {
    if (isRowLike(el)) return 'skip';
    const label = el.getAttribute('aria-label');
    if (!label) return;
    const tag = tagOf(el);
    if (tag !== 'SECTION' && el.getAttribute('role') !== 'region') return;
    const id = sectionOfHeading(label);
    if (id) candidates.push({ id, el, text: cleanText(label), rank: 4 });
  });
  const best: Partial<Record<SectionId, Candidate>> = {};
  for (const c of candidates) {
    const b = best[c.id];
    if (!b || c.rank > b.rank) best[c.id] = c;
  }
  const chosen = Object.values(best) as Candidate[];
  const out: Sections = {};
  for (const c of chosen) {
    const others = chosen.filter((o) => o !== c && o.id !== c.id).map((o) => o.el);
    const roots = c.rank === 4 ? [c.el] : regionOf(c.el, others);
    out[c.id] = { id: c.id, heading: c.el, headingText: c.text, rank: c.rank, roots };
  }
  return out;
}

// A heading split over text nodes ("Cloud <b>Backup</b>") is caught by checking the
// parent's whole text when a text node holds the start of a section title.
const FIRST_WORDS = new Set(
  Object.values(SECTION_HEADINGS)
    .flat()
    .map((h) => h.toLowerCase().split(' ')[0] as string),
);
function isPartialHeading(text: string): boolean {
  const w = text.trim().toLowerCase().split(/\s+/)[0] ?? '';
  return FIRST_WORDS.has(w);
}

function headingCandidate(parent: Element): Candidate | null {
  // The heading element: the nearest h1-h6/role=heading/legend/caption/summary within
  // three levels whose whole text is the title; else the nearest element whose whole text is.
  let el: Element | null = parent;
  let fallback: Candidate | null = null;
  for (let depth = 0; el && depth < 4; depth++, el = el.parentElement) {
    const tag = tagOf(el);
    if (tag === 'BODY' || tag === 'HTML') break;
    const text = textOf(el, MAX_LABEL_LENGTH * 2 + 10);
    const id = sectionOfHeading(text);
    if (!id) {
      if (fallback) break;
      continue;
    }
    let rank = 1;
    if (headingLevel(el) !== null) rank = 3;
    else if (tag === 'LEGEND' || tag === 'CAPTION' || tag === 'SUMMARY') rank = 2;
    if (rank > 1) {
      fallback = { id, el, text, rank };
      break;
    }
    if (!fallback) fallback = { id, el, text, rank };
  }
  if (!fallback) return null;
  try {
    if (fallback.el.closest(NEVER_HEADING)) return null;
  } catch {
    return null;
  }
  return fallback;
}

const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

function regionOf(heading: Element, others: readonly Element[]): Element[] {
  let el = heading;
  for (;;) {
    const parent: Element | null = el.parentElement;
    if (!parent) break;
    const tag = tagOf(parent);
    if (tag === 'BODY' || tag === 'HTML') break;
    if (others.some((o) => parent.contains(o))) break;
    el = parent;
  }
  const headingText = textOf(heading, 200);
  const elText = el === heading ? headingText : textOf(el, headingText.length + 60);
  if (elText.length > headingText.length + 40) return [el];
  // Only the heading (and maybe its action): the section runs over following siblings.
  const roots = [el];
  const level = headingLevel(heading) ?? 7;
  let count = 0;
  for (let sib = el.nextElementSibling; sib && count < 200; sib = sib.nextElementSibling, count++) {
    if (others.some((o) => sib === o || sib.contains(o))) break;
    const l = headingLevel(sib);
    if (l !== null && l <= level) break;
    if (level <= 6) {
      let stop = false;
      try {
        for (const h of Array.from(sib.querySelectorAll(HEADING_SELECTOR)).slice(0, 20)) {
          const hl = headingLevel(h);
          if (hl !== null && hl <= level) {
            stop = true;
            break;
          }
        }
      } catch {
        stop = false;
      }
      if (stop) break;
    }
    roots.push(sib);
  }
  return roots;
}
