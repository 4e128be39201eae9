import type { Page } from 'playwright-core';

/** What has the focus: its tag, accessible-ish name and seat number. */
export interface Focused {
  tag: string;
  name: string;
  seat: string | null;
  status: string | null;
}

const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el) return JSON.stringify({ tag: '', name: '', seat: null, status: null });
  const labelled = el.id ? document.querySelector('label[for="' + el.id + '"]') : null;
  const name = el.getAttribute('aria-label') || (labelled && labelled.textContent) || el.textContent || '';
  return JSON.stringify({
    tag: el.tagName.toLowerCase(),
    name: name.trim(),
    seat: el.getAttribute('data-seat'),
    status: el.getAttribute('data-status'),
  });
})()`;

export async function focused(page: Page): Promise<Focused> {
  return JSON.parse(await page.evaluate<string>(FOCUSED));
}

/** Presses Tab (only the keyboard) until `wanted` has the focus; fails after `max` presses. */
export async function tabTo(
  page: Page,
  wanted: (focus: Focused) => boolean,
  what: string,
  max = 60,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${JSON.stringify(await focused(page))}`);
}

export const named = (name: string | RegExp) => (focus: Focused) =>
  typeof name === 'string' ? focus.name === name : name.test(focus.name);
