import { charsLeft, MAX_MESSAGE_CODE_POINTS } from '../lib/text.js';

/** Characters left in a message (code points), red when over the limit. */
export function CharCounter({ text, max = MAX_MESSAGE_CODE_POINTS, id }) {
  const left = charsLeft(text, max);
  const over = left < 0;
  return (
    <span id={id} className={over ? 'counter counter--over' : 'counter'} data-left={left}>
      <span className="counter__n">{left}</span>
      <span className="sr-only">
        {over ? ` characters: ${-left} over the ${max} limit` : ` of ${max} characters left`}
      </span>
    </span>
  );
}
