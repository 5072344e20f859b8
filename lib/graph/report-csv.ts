/**
 * Usage reports as CSV: what v1.0 `/reports/get…Detail(period='D7')` answers (a 302 to a
 * short-lived CSV URL). Parsed into the same objects as the beta JSON form, so one source
 * parser handles both. Pure.
 */

/** Splits RFC 4180 CSV text into rows of fields (quotes, doubled quotes, CRLF, BOM). */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

/** How one CSV column becomes one JSON property. */
export interface CsvColumn {
  /** Header as Microsoft writes it, e.g. "Storage Used (Byte)". */
  header: string;
  /** JSON property of the beta report, e.g. "storageUsedInBytes". */
  property: string;
  type: 'string' | 'number';
}

/**
 * Parses a report CSV into objects keyed by the JSON property names. Unknown columns are
 * ignored; a missing column leaves its property out. Throws when no wanted column is present
 * (then it is not the report we asked for).
 */
export function parseReportCsv(
  text: string,
  columns: readonly CsvColumn[],
): Record<string, string | number | null>[] {
  const rows = parseCsvRows(text);
  const header = rows[0];
  if (!header) return [];
  const norm = (s: string) => s.trim().toLowerCase();
  const index = columns
    .map((col) => ({ col, at: header.findIndex((h) => norm(h) === norm(col.header)) }))
    .filter((x) => x.at >= 0);
  if (index.length === 0) throw new Error('The report CSV has none of the expected columns');
  return rows.slice(1).map((cells) => {
    const out: Record<string, string | number | null> = {};
    for (const { col, at } of index) {
      const raw = (cells[at] ?? '').trim();
      if (col.type === 'number') out[col.property] = raw === '' ? null : Number(raw);
      else out[col.property] = raw;
    }
    return out;
  });
}
