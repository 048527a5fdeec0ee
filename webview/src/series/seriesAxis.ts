// The x axis of a series: its times are text, so ISO dates become a time axis (seconds, as uPlot counts them) and
// anything else stays point indices labelled with the times' own text.

/** Date, optional time and optional zone, as ISO 8601 writes them (a space in place of the T is allowed). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export interface SeriesAxis {
  /** One x value per point: seconds since 1970 (UTC) on a time axis, else the point's index. */
  x: number[];
  time: boolean;
  /** The text a point's time is shown as (its own label, or the date in UTC). */
  label(index: number): string;
}

/** Seconds of an ISO date; a time without a zone is read as UTC (as a date alone is), so every viewer sees the file's clock. */
function isoSeconds(text: string): number {
  const iso = text.replace(' ', 'T');
  const zoned = iso.includes('T') && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(iso) ? `${iso}Z` : iso;
  return Date.parse(zoned) / 1000;
}

export function seriesAxis(times: string[]): SeriesAxis {
  const dated = times.length > 0 && times.every((t) => ISO_DATE.test(t.trim()));
  const seconds = dated ? times.map((t) => isoSeconds(t.trim())) : [];
  // uPlot needs x in increasing order: dates that are not fall back to indices.
  const increasing = dated && seconds.every((s, i) => Number.isFinite(s) && (i === 0 || s > seconds[i - 1]));
  const label = (index: number) => times[index] ?? '';
  if (increasing) return { x: seconds, time: true, label };
  return { x: times.map((_, i) => i), time: false, label };
}

/** The points whose x lies in [min, max]: the first index and how many. */
export function visiblePoints(x: number[], min: number, max: number): { first: number; count: number } {
  let first = 0;
  while (first < x.length && x[first] < min) first++;
  let last = x.length - 1;
  while (last >= first && x[last] > max) last--;
  return { first, count: Math.max(0, last - first + 1) };
}
