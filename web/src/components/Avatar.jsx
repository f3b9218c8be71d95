// A round badge with the person's initial, coloured from their handle (a CSS class, never inline style).

const COLOURS = 8;

function colourOf(handle = '') {
  let h = 0;
  for (const ch of handle) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return h % COLOURS;
}

export function initialOf(name, handle) {
  const source = (name || '').trim() || (handle || '').trim() || '?';
  const first = [...source][0];
  return first.toLocaleUpperCase();
}

export function Avatar({ name, handle, size = 'md' }) {
  return (
    <span className={`avatar avatar--${size} avatar--c${colourOf(handle)}`} aria-hidden="true">
      {initialOf(name, handle)}
    </span>
  );
}
