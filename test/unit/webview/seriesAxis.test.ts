// The Series view's x axis: ISO times become seconds in UTC (a time without a zone is read as UTC), anything else,
// or dates out of order, stays point indices labelled with the series' own text.
import { describe, expect, it } from 'vitest';
import { seriesAxis, visiblePoints } from '../../../webview/src/series/seriesAxis';

describe('seriesAxis', () => {
  it('reads ISO dates, with or without a time or zone, as UTC seconds', () => {
    const axis = seriesAxis(['2010-07-10', '2010-07-10T01:00:00', '2010-07-10 02:00', '2010-07-10T04:00:00+01:00', '2010-07-10T03:30:00.5Z']);
    expect(axis.time).toBe(true);
    const base = Date.UTC(2010, 6, 10) / 1000;
    expect(axis.x).toEqual([base, base + 3600, base + 7200, base + 3 * 3600, base + 3.5 * 3600 + 0.5]);
    expect(axis.label(2)).toBe('2010-07-10 02:00');
  });

  it('keeps indices for row numbers, mixed text and dates out of order', () => {
    for (const times of [['row 2', 'row 3', 'row 4'], ['2010-07-10', 'later', '2010-07-12'], ['2010-07-12', '2010-07-11', '2010-07-13']]) {
      const axis = seriesAxis(times);
      expect(axis.time).toBe(false);
      expect(axis.x).toEqual([0, 1, 2]);
      expect(axis.label(1)).toBe(times[1]);
    }
    expect(seriesAxis([]).x).toEqual([]);
  });

  it('counts the points inside a range', () => {
    expect(visiblePoints([0, 10, 20, 30, 40], 5, 30)).toEqual({ first: 1, count: 3 });
    expect(visiblePoints([0, 10, 20], 21, 25)).toEqual({ first: 3, count: 0 });
    expect(visiblePoints([0, 10, 20], -Infinity, Infinity)).toEqual({ first: 0, count: 3 });
  });
});
