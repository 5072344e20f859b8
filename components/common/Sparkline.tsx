/**
 * A small trend line as pure SVG (no chart library: the content script must stay small).
 * `label` is the accessible description: screen readers get it instead of the drawing.
 */
export interface SparklineProps {
  values: number[];
  /** Accessible description, e.g. "Secure score over 90 days: from 380 to 412.5 points". */
  label: string;
  width?: number;
  height?: number;
}

/** Polyline points for `values` scaled into width × height (1 px inset). Exported for tests. */
export function sparklinePoints(values: number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2) / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = 1 + i * step;
      const y = max === min ? height / 2 : 1 + (height - 2) * (1 - (v - min) / span);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

export function Sparkline({ values, label, width = 160, height = 32 }: SparklineProps) {
  const points = sparklinePoints(values, width, height);
  const last = points.split(' ').pop()?.split(',');
  return (
    <svg
      class="tl-sparkline"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <title>{label}</title>
      {values.length > 1 && (
        <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
      )}
      {last && last.length === 2 && <circle cx={last[0]} cy={last[1]} r="2" fill="currentColor" />}
    </svg>
  );
}
