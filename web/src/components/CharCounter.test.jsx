import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CharCounter } from './CharCounter.jsx';

afterEach(cleanup);

const n = (container) => container.querySelector('.counter__n').textContent;
const cls = (container) => container.querySelector('.counter').className;

describe('CharCounter', () => {
  it('shows 1024 left for an empty message', () => {
    const { container } = render(<CharCounter text="" />);
    expect(n(container)).toBe('1024');
    expect(cls(container)).not.toMatch(/counter--over/);
    expect(container.textContent).toMatch(/of 1024 characters left/);
  });

  it('counts emoji once each', () => {
    const { container } = render(<CharCounter text={'👋'.repeat(24)} />);
    expect(n(container)).toBe('1000');
  });

  it('is exactly 0 and not red at the limit', () => {
    const { container } = render(<CharCounter text={'a'.repeat(1024)} />);
    expect(n(container)).toBe('0');
    expect(cls(container)).not.toMatch(/counter--over/);
  });

  it('turns red and negative over the limit, and says by how much', () => {
    const { container } = render(<CharCounter text={'a'.repeat(1027)} />);
    expect(n(container)).toBe('-3');
    expect(cls(container)).toMatch(/counter--over/);
    expect(container.textContent).toMatch(/3 over the 1024 limit/);
  });

  it('updates live as the text changes', () => {
    const { container, rerender } = render(<CharCounter text="hello" />);
    expect(n(container)).toBe('1019');
    rerender(<CharCounter text="hello!" />);
    expect(n(container)).toBe('1018');
  });
});
