// How times are shown: short and relative in lists ("now", "5m", "3h", "Nov 26"), full on hover.
// The original app printed the month number for the day and negative minutes for future times; this
// never does either: a time slightly in the future (clock skew) is "now".

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Milliseconds since the epoch for an API time ("2026-11-26T12:00:00.123456+00:00"), or NaN. */
export function parseTime(value) {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return NaN;
  return Date.parse(value);
}

/**
 * "now" under a minute old (or in the future by less than a day), "Nm" under an hour, "Nh" under a day,
 * then the local calendar date: "Nov 26", with the year when it is not the current one ("Nov 26, 2025").
 */
export function formatRelative(value, now = Date.now()) {
  const t = parseTime(value);
  if (Number.isNaN(t)) return '';
  const nowMs = now instanceof Date ? now.getTime() : now;
  const age = nowMs - t;
  if (age < MINUTE && age > -DAY) return 'now';
  if (age >= MINUTE && age < HOUR) return `${Math.floor(age / MINUTE)}m`;
  if (age >= HOUR && age < DAY) return `${Math.floor(age / HOUR)}h`;
  const d = new Date(t);
  const label = `${MONTHS[d.getMonth()]} ${d.getDate()}`;
  return d.getFullYear() === new Date(nowMs).getFullYear() ? label : `${label}, ${d.getFullYear()}`;
}

const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** The full local date and time, for the title attribute: "Thursday, November 26, 2026 at 12:00:00 PM". */
export function formatFull(value) {
  const t = parseTime(value);
  return Number.isNaN(t) ? '' : FULL.format(new Date(t));
}
