import { titleWithCount } from '../live/events.js';

/** The tab title, prefixed with my unread total: "(3) Bob · Cruddur". */
export function PageTitle({ text, unread = 0 }) {
  return <title>{titleWithCount(unread, text)}</title>;
}
