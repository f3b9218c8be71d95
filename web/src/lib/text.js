// Message length as the server counts it: Unicode code points of the text without surrounding white space.

export const MAX_MESSAGE_CODE_POINTS = 1024;

export function countCodePoints(text) {
  let n = 0;
  // A string iterator walks code points: an emoji made of a surrogate pair counts once.
  for (const _ of text.trim()) n += 1;
  return n;
}

/** Characters left before the limit; negative when over. */
export function charsLeft(text, max = MAX_MESSAGE_CODE_POINTS) {
  return max - countCodePoints(text);
}
