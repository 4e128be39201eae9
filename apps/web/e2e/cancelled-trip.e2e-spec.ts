import type { Browser } from 'playwright-core';
import { http, tokenFor } from '../../../test/utils/api-server';
import { describeWith } from '../../../test/utils/requirements';
import { createTrip, startWebServer, type TestServer } from './support/api';
import { CHROMIUM, expectAccessible, launchChromium, openPage } from './support/browser';

/** A trip the operator cancelled: its page says so and offers no seats. */
describeWith(CHROMIUM, 'Web client: a cancelled trip', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows why the trip was cancelled instead of its seat map', async () => {
    const { tripId } = await createTrip(server, { rows: 1 });
    const admin = await tokenFor(server.config, ['admin']);
    const cancelled = await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/cancel`, {
      token: admin,
      body: { reason: 'Road closed by a landslide' },
    });
    expect(cancelled.status).toBe(200);

    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/trips/${tripId}`);
    const alert = page.getByRole('alert');
    await alert
      .getByText('The operator cancelled this trip; its seats cannot be booked.')
      .waitFor();
    await alert.getByText('Road closed by a landslide').waitFor();
    expect(await page.getByRole('button', { name: /^A1,/ }).count()).toBe(0);
    await expectAccessible(page, 'cancelled trip');
    expect(errors).toEqual([]);
  });
});
