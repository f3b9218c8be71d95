import { formatFull, formatRelative } from '../lib/time.js';
import { useNow } from '../lib/useNow.js';

/** A relative time ("now", "5m", "3h", "Nov 26") with the full local date and time on hover. */
export function Time({ value, className }) {
  const now = useNow();
  return (
    <time className={className} dateTime={value} title={formatFull(value)}>
      {formatRelative(value, now)}
    </time>
  );
}
