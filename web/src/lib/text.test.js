import { describe, expect, it } from 'vitest';
import { charsLeft, countCodePoints, MAX_MESSAGE_CODE_POINTS } from './text.js';

describe('countCodePoints', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(countCodePoints('abc')).toBe(3);
    expect(countCodePoints('😀')).toBe(1); // a surrogate pair
    expect(countCodePoints('héllo 👋')).toBe(7);
    expect(countCodePoints('日本語')).toBe(3);
  });

  it('ignores surrounding white space, as the server does', () => {
    expect(countCodePoints('  hi \n')).toBe(2);
    expect(countCodePoints('a\nb')).toBe(3);
  });

  it('reports characters left against 1024, negative when over', () => {
    expect(MAX_MESSAGE_CODE_POINTS).toBe(1024);
    expect(charsLeft('')).toBe(1024);
    expect(charsLeft('😀'.repeat(1024))).toBe(0);
    expect(charsLeft('x'.repeat(1030))).toBe(-6);
  });
});
