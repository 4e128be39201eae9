import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { I18nProvider } from '../i18n/i18n';
import { useAction } from './useAction';

const wrapper = ({ children }: { children: ReactNode }) => (
  <I18nProvider initial="en">{children}</I18nProvider>
);
const notFound = new ApiError(404, {
  type: 'urn:x',
  title: 'Not Found',
  status: 404,
  detail: 'No such booking.',
  code: 'booking.not_found',
});

describe('an action the user asked for', () => {
  it('gives the answer, busy only while it runs', async () => {
    const { result } = renderHook(() => useAction(), { wrapper });
    let finish!: (value: string) => void;
    let answer: Promise<string | undefined>;
    act(() => {
      answer = result.current.run(() => new Promise<string>((resolve) => (finish = resolve)));
    });
    expect(result.current.busy).toBe(true);
    await act(async () => finish('done'));
    expect(await answer!).toBe('done');
    expect([result.current.busy, result.current.error]).toEqual([false, undefined]);
  });

  it('keeps why it failed: the explanation given, else the server’s, else a generic one', async () => {
    const explained = renderHook(() => useAction(() => 'Nothing matches.'), { wrapper });
    await act(() => explained.result.current.run(() => Promise.reject(notFound)));
    expect(explained.result.current.error).toBe('Nothing matches.');
    expect(explained.result.current.problem?.code).toBe('booking.not_found');

    const server = renderHook(() => useAction(() => undefined), { wrapper });
    expect(await act(() => server.result.current.run(() => Promise.reject(notFound)))).toBe(
      undefined,
    );
    expect(server.result.current.error).toBe('No such booking.');

    const broken = renderHook(() => useAction(), { wrapper });
    await act(() => broken.result.current.run(() => Promise.reject(new TypeError('x'))));
    expect(broken.result.current.error).toMatch(/unexpected|went wrong/i);
    expect(broken.result.current.problem).toBeUndefined();

    // The next attempt starts clean.
    await act(() => explained.result.current.run(async () => 'ok'));
    expect([explained.result.current.error, explained.result.current.problem]).toEqual([
      undefined,
      undefined,
    ]);
  });
});
