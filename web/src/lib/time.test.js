import { describe, expect, it } from 'vitest';
import { formatFull, formatRelative, parseTime } from './time.js';

// vite.config.js runs the tests with TZ=UTC, so local dates below are UTC dates.
const NOW = Date.parse('2026-11-26T12:00:00.000000+00:00');
const ago = (ms) => new Date(NOW - ms).toISOString().replace('Z', '000+00:00');
const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatRelative', () => {
  it('parses the API fixed-width UTC time with microseconds', () => {
    expect(parseTime('2026-11-26T12:00:00.123456+00:00')).toBe(Date.UTC(2026, 10, 26, 12, 0, 0, 123));
  });

  it('says "now" under a minute', () => {
    expect(formatRelative(ago(0), NOW)).toBe('now');
    expect(formatRelative(ago(59 * 1000), NOW)).toBe('now');
  });

  it('says "now", never negative minutes, for a time slightly in the future (clock skew)', () => {
    expect(formatRelative(ago(-30 * 1000), NOW)).toBe('now');
    expect(formatRelative(ago(-5 * MIN), NOW)).toBe('now');
    expect(formatRelative(ago(-3 * HOUR), NOW)).toBe('now');
  });

  it('counts whole minutes under an hour', () => {
    expect(formatRelative(ago(MIN), NOW)).toBe('1m');
    expect(formatRelative(ago(5 * MIN + 59 * 1000), NOW)).toBe('5m');
    expect(formatRelative(ago(59 * MIN), NOW)).toBe('59m');
  });

  it('counts whole hours under a day', () => {
    expect(formatRelative(ago(HOUR), NOW)).toBe('1h');
    expect(formatRelative(ago(3 * HOUR + 30 * MIN), NOW)).toBe('3h');
    expect(formatRelative(ago(23 * HOUR + 59 * MIN), NOW)).toBe('23h');
  });

  it('shows month and day of month (not the month number) from a day on', () => {
    expect(formatRelative('2026-11-25T12:00:00.000000+00:00', NOW)).toBe('Nov 25');
    expect(formatRelative('2026-01-05T08:00:00.000000+00:00', NOW)).toBe('Jan 5');
    expect(formatRelative('2026-02-28T23:59:59.999999+00:00', NOW)).toBe('Feb 28');
  });

  it('adds the year for another year', () => {
    expect(formatRelative('2025-11-26T12:00:00.000000+00:00', NOW)).toBe('Nov 26, 2025');
  });

  it('shows a far-future time as its date, not as "now"', () => {
    expect(formatRelative(ago(-2 * DAY), NOW)).toBe('Nov 28');
  });

  it('accepts Date objects and returns "" for garbage', () => {
    expect(formatRelative(new Date(NOW - 2 * MIN), new Date(NOW))).toBe('2m');
    expect(formatRelative('not a time', NOW)).toBe('');
    expect(formatRelative(undefined, NOW)).toBe('');
  });
});

describe('formatFull', () => {
  it('gives the full local date and time for the hover title', () => {
    const full = formatFull('2026-11-26T12:34:56.000000+00:00');
    expect(full).toMatch(/2026/);
    expect(full).toMatch(/26/);
    expect(full).toMatch(/12:34:56|12\.34\.56/);
    expect(full).toMatch(/Thursday|November/);
  });

  it('returns "" for garbage', () => {
    expect(formatFull('nope')).toBe('');
  });
});
