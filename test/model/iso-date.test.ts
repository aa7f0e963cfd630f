import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src/model/common.js';

/** What `Date` says: the value read at midnight UTC is written back unchanged. */
function dateSays(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('isIsoDate', () => {
  it('agrees with Date on every month and day of leap, common and century years', () => {
    const years = [0, 1, 4, 100, 400, 1582, 1900, 1999, 2000, 2023, 2024, 2026, 2100, 2400, 9999];
    let checked = 0;
    for (const y of years)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const value = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(isIsoDate(value), value).toBe(dateSays(value));
          checked++;
        }
    expect(checked).toBe(15 * 14 * 33);
  });

  it('accepts real dates and refuses impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-12-31')).toBe(true);
  });

  it('refuses anything not written YYYY-MM-DD', () => {
    for (const value of ['', '2026-3-14', '2026-03-14T00:00:00Z', ' 2026-03-14', '2026-03-14 ', '26-03-14', '2026/03/14', '+02026-03-14', '２０２６-03-14'])
      expect(isIsoDate(value), value).toBe(false);
  });
});
