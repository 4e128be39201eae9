import type { Browser } from 'playwright-core';
import { http, tokenFor } from '../../../test/utils/api-server';
import { describeWith } from '../../../test/utils/requirements';
import { webhookSignature } from '../../api/src/payments/webhook-signature';
import { createTrip, startWebServer, type TestServer } from './support/api';
import { CHROMIUM, expectAccessible, launchChromium, openPage } from './support/browser';
import {
  book,
  chooseSeatsAndContinue,
  fillPassengers,
  searchAndOpenTrip,
  TRAVELLERS,
} from './support/journey';

/** With a real payment provider the client sends the traveller to its checkout and waits. */
describeWith(CHROMIUM, 'Web client: paying through the payment provider', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startWebServer({
        PAYMENT_PROVIDER: 'webhook',
        PAYMENT_CHECKOUT_URL: 'https://pay.example/checkout?order={reference}&amount={amount}',
      }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('links to the provider’s checkout and moves on once the signed webhook confirms', async () => {
    const { origin } = await createTrip(server);
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await searchAndOpenTrip(page, origin);
    await chooseSeatsAndContinue(page, ['A4']);
    await fillPassengers(page, [TRAVELLERS[0]], {
      email: 'provider.payer@example.com',
      phone: '0912 345 678',
    });
    const reference = await book(page);
    const pay = page.getByRole('link', { name: /^Pay .* with the provider$/ });
    expect(await pay.getAttribute('href')).toMatch(
      new RegExp(`^https://pay\\.example/checkout\\?order=${reference}&amount=\\d+$`),
    );
    await expect(page.getByRole('button', { name: /\(demo\)$/ }).count()).resolves.toBe(0);
    await expectAccessible(page, 'provider payment');

    // The provider's signed callback confirms the booking; the page moves on by itself.
    const admin = await tokenFor(server.config, ['admin']);
    const booking = await http(server.baseUrl, 'GET', `/bookings/reference/${reference}`, {
      token: admin,
    });
    const bookingId = booking.body.bookingId as string;
    const body = JSON.stringify({
      type: 'payment.succeeded',
      data: {
        bookingId,
        providerReference: `pi_${bookingId}`,
        method: 'card',
        amount: booking.body.priceBreakdown.total,
      },
    });
    const id = crypto.randomUUID();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const delivered = await fetch(`${server.baseUrl}/payments/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${webhookSignature(server.config.payments.webhookSecret, id, timestamp, body)}`,
      },
      body,
    });
    expect(delivered.status).toBe(200);
    await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});
