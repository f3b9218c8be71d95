import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import { Composer } from './Composer.jsx';

afterEach(cleanup);

function setup(onSend = vi.fn().mockResolvedValue(undefined)) {
  render(<Composer onSend={onSend} label="Message to @bob" />);
  const box = screen.getByLabelText('Message to @bob');
  const button = screen.getByRole('button', { name: 'Send' });
  const type = (value) => fireEvent.change(box, { target: { value } });
  const press = async (key, opts = {}) => {
    await act(async () => {
      fireEvent.keyDown(box, { key, ...opts });
    });
  };
  return { onSend, box, button, type, press };
}

describe('Composer', () => {
  it('sends on Enter with a UUID client_message_id and clears the box', async () => {
    const { onSend, box, type, press } = setup();
    type('hello');
    await press('Enter');
    expect(onSend).toHaveBeenCalledTimes(1);
    const [text, id] = onSend.mock.calls[0];
    expect(text).toBe('hello');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(box.value).toBe('');
  });

  it('does not send on Shift+Enter (a new line)', async () => {
    const { onSend, press, type } = setup();
    type('line one');
    await press('Enter', { shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('disables Send when blank or over 1024 code points, and Enter does nothing then', async () => {
    const { onSend, button, type, press } = setup();
    expect(button.disabled).toBe(true);
    type('   ');
    expect(button.disabled).toBe(true);
    type('😀'.repeat(1024));
    expect(button.disabled).toBe(false);
    type('😀'.repeat(1025));
    expect(button.disabled).toBe(true);
    expect(document.querySelector('.counter').className).toMatch(/counter--over/);
    await press('Enter');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('keeps a failed send in the box with the error, and retries with the same id', async () => {
    const onSend = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(429, ['too_many_requests']))
      .mockResolvedValueOnce(undefined);
    const { box, type, press } = setup(onSend);
    type('try me');
    await press('Enter');
    expect(box.value).toBe('try me');
    expect(screen.getByRole('alert').textContent).toMatch(/too fast/i);
    await press('Enter');
    expect(onSend).toHaveBeenCalledTimes(2);
    expect(onSend.mock.calls[1][1]).toBe(onSend.mock.calls[0][1]);
    expect(box.value).toBe('');
  });

  it('uses a new id when the failed text was changed', async () => {
    const onSend = vi.fn().mockRejectedValueOnce(new ApiError(0, ['network_error'])).mockResolvedValue(undefined);
    const { type, press } = setup(onSend);
    type('first');
    await press('Enter');
    type('first, edited');
    await press('Enter');
    expect(onSend.mock.calls[1][1]).not.toBe(onSend.mock.calls[0][1]);
  });

  it('sends once when Enter is pressed twice while the first send is in flight', async () => {
    let finish;
    const onSend = vi.fn(
      () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    );
    const { type, press, button } = setup(onSend);
    type('double');
    await press('Enter');
    await press('Enter');
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(true);
    await act(async () => finish());
  });
});
