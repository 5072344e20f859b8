/**
 * The bits of OData the emulator needs: a small `$filter` evaluator (eq, ne, gt, ge, lt, le,
 * and, or, not, parentheses, `x/$count`), `$select`, and opaque `$skiptoken` paging with
 * absolute `@odata.nextLink`s on https://graph.microsoft.com.
 */

export type Literal = string | number | boolean | null;

export type FilterExpr =
  | { kind: 'cmp'; path: string[]; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; value: Literal }
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr };

export class FilterError extends Error {}

function tokenize(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push(c);
      i++;
    } else if (c === "'") {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= text.length) throw new FilterError('Unterminated string literal.');
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            s += "'";
            j += 2;
            continue;
          }
          break;
        }
        s += text[j];
        j++;
      }
      out.push(`'${s}`);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()]/.test(text[j] as string)) j++;
      out.push(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** Parses a `$filter` value; throws FilterError on anything it does not understand. */
export function parseFilter(text: string): FilterExpr {
  const toks = tokenize(text);
  let pos = 0;
  const peek = () => toks[pos];
  const take = () => {
    const t = toks[pos++];
    if (t === undefined) throw new FilterError('Unexpected end of filter.');
    return t;
  };
  const literal = (t: string): Literal => {
    if (t.startsWith("'")) return t.slice(1);
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    // Unquoted GUIDs and dates are valid OData literals too.
    if (/^[0-9a-f-]{36}$/i.test(t) || /^\d{4}-\d{2}-\d{2}/.test(t)) return t;
    throw new FilterError(`Invalid literal '${t}'.`);
  };
  const primary = (): FilterExpr => {
    const t = take();
    if (t === '(') {
      const e = orExpr();
      if (take() !== ')') throw new FilterError('Expected ).');
      return e;
    }
    if (t.toLowerCase() === 'not') return { kind: 'not', expr: primary() };
    if (t.startsWith("'") || !/^[A-Za-z$][\w$/]*$/.test(t))
      throw new FilterError(`Unexpected '${t}'.`);
    const op = take().toLowerCase();
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op))
      throw new FilterError(`Unsupported operator '${op}'.`);
    return { kind: 'cmp', path: t.split('/'), op: op as 'eq', value: literal(take()) };
  };
  const andExpr = (): FilterExpr => {
    let left = primary();
    while (peek()?.toLowerCase() === 'and') {
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): FilterExpr => {
    let left = andExpr();
    while (peek()?.toLowerCase() === 'or') {
      pos++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const e = orExpr();
  if (pos !== toks.length) throw new FilterError(`Unexpected '${toks[pos]}'.`);
  return e;
}

/** Property paths a filter mentions (e.g. ['status'], ['assignedLicenses', '$count']). */
export function filterPaths(e: FilterExpr): string[] {
  if (e.kind === 'cmp') return [e.path.join('/')];
  if (e.kind === 'not') return filterPaths(e.expr);
  return [...filterPaths(e.left), ...filterPaths(e.right)];
}

function resolve(item: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = item;
  for (const seg of path) {
    if (seg === '$count') return Array.isArray(v) ? v.length : 0;
    if (v === null || typeof v !== 'object') return undefined;
    // OData property names are case-insensitive in Graph's directory filters.
    const obj = v as Record<string, unknown>;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === seg.toLowerCase());
    v = key === undefined ? undefined : obj[key];
  }
  return v;
}

export function evalFilter(e: FilterExpr, item: Record<string, unknown>): boolean {
  switch (e.kind) {
    case 'and':
      return evalFilter(e.left, item) && evalFilter(e.right, item);
    case 'or':
      return evalFilter(e.left, item) || evalFilter(e.right, item);
    case 'not':
      return !evalFilter(e.expr, item);
    case 'cmp': {
      let v = resolve(item, e.path);
      let w = e.value;
      if (typeof v === 'string' && typeof w === 'string') {
        v = v.toLowerCase();
        w = w.toLowerCase();
      }
      if (v === undefined) v = null;
      switch (e.op) {
        case 'eq':
          return v === w;
        case 'ne':
          return v !== w;
        case 'gt':
          return (v as number) > (w as number);
        case 'ge':
          return (v as number) >= (w as number);
        case 'lt':
          return (v as number) < (w as number);
        case 'le':
          return (v as number) <= (w as number);
      }
    }
  }
  return false;
}

/** Applies `$select` (comma-separated, case-insensitive); `id` is always kept, as Graph does for entities. */
export function select<T extends object>(
  items: T[],
  selectParam: string | null,
): Record<string, unknown>[] {
  if (!selectParam) return items.map((x) => ({ ...x }) as Record<string, unknown>);
  const wanted = selectParam
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return items.map((x) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x))
      if (wanted.includes(k.toLowerCase()) || k === 'id') out[k] = v;
    return out;
  });
}

/** Skiptokens are opaque to clients: base64url of the offset with a checksum of the query. */
export function makeSkipToken(offset: number, queryKey: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: checksum(queryKey) })).toString('base64url');
}

export function readSkipToken(token: string, queryKey: string): number | null {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      q?: unknown;
    };
    if (typeof v.o !== 'number' || v.o < 0 || v.q !== checksum(queryKey)) return null;
    return v.o;
  } catch {
    return null;
  }
}

function checksum(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The query minus `$skiptoken`, in a stable form: what a skiptoken is bound to. */
export function queryKey(url: URL): string {
  const params = [...url.searchParams.entries()].filter(([k]) => k.toLowerCase() !== '$skiptoken');
  params.sort(([a], [b]) => a.localeCompare(b));
  return `${url.pathname}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

/** An absolute nextLink on graph.microsoft.com: the same request with a new `$skiptoken`. */
export function nextLink(url: URL, offset: number): string {
  const next = new URL(`https://graph.microsoft.com${url.pathname}`);
  for (const [k, v] of url.searchParams.entries())
    if (k.toLowerCase() !== '$skiptoken') next.searchParams.append(k, v);
  next.searchParams.set('$skiptoken', makeSkipToken(offset, queryKey(url)));
  // Graph leaves `$` unescaped in its links.
  return next.toString().replace(/%24/g, '$').replace(/\+/g, '%20');
}

/** Query parameter lookup that ignores case and accepts the name with or without `$`. */
export function param(url: URL, name: string): string | null {
  const bare = name.replace(/^\$/, '').toLowerCase();
  for (const [k, v] of url.searchParams.entries()) {
    const kk = k.toLowerCase().replace(/^\$/, '');
    if (kk === bare) return v;
  }
  return null;
}
