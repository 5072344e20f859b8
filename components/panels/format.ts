/** Number formatting shared by panels and their host attributes, so both show the same text. */

/** A score as shown: up to two decimals, no grouping ("412.5", "682"). */
export function formatScore(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A signed change: "+3.5", "−2", "0" (a real minus sign, as people write it). */
export function formatChange(n: number): string {
  const r = Math.round(n * 10) / 10;
  if (r === 0) return '0';
  return r > 0 ? `+${r}` : `−${Math.abs(r)}`;
}

/** A count with grouping ("1,204"). */
export function formatCount(n: number): string {
  return n.toLocaleString('en');
}
