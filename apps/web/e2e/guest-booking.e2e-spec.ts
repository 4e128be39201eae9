import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describeWith, PDF_TOOLS } from '../../../test/utils/requirements';
import { removeTempDir, testTempDir } from '../../../test/utils/tmp';
import { createTrip, startWebServer, type TestServer } from './support/api';
import { CHROMIUM, expectAccessible, launchChromium, openPage } from './support/browser';
import {
  bookAndPay,
  chooseSeatsAndContinue,
  fillPassengers,
  searchAndOpenTrip,
  TRAVELLERS,
} from './support/journey';

describeWith(CHROMIUM, 'Web client: a guest books from / to the e-ticket PDF', () => {
  let server: TestServer;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    dir = testTempDir('web-guest');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDir(dir);
  });

  it('searches, holds two seats, names the passengers, books, pays and downloads the e-ticket', async () => {
    const { origin } = await createTrip(server);
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Where are you going?' }).waitFor();
    await expectAccessible(page, 'search');

    await searchAndOpenTrip(page, origin);
    // each seat names its number, type, price and status
    await page
      .getByRole('button', { name: 'A1, limousine, 400.000 ₫, available', exact: true })
      .waitFor();
    await expectAccessible(page, 'seat map');
    await chooseSeatsAndContinue(page, ['A4', 'A5']);
    await page.getByText(/Seats A4, A5 are held for you/).waitFor();
    await expectAccessible(page, 'passengers');

    // A mistake is reported at its field before anything is sent
    await page.getByRole('button', { name: 'Review booking' }).click();
    await page.getByText('Enter the full name.').first().waitFor();
    await expectAccessible(page, 'passengers with errors');

    await fillPassengers(page, TRAVELLERS.slice(0, 2));
    await page.getByTestId('price-total').getByText('880.000 ₫').waitFor();
    await expectAccessible(page, 'review');
    const reference = await bookAndPay(page, () => expectAccessible(page, 'payment'));
    expect(reference).toMatch(/^BUS\d{8}[A-Z2-9]+$/);
    await page.locator('canvas[role="img"]').first().waitFor({ timeout: 20_000 });
    await expectAccessible(page, 'booking confirmed');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`e-ticket-${reference}.pdf`);
    const file = join(dir, 'ticket.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    if (PDF_TOOLS.met()) {
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const expected of [reference, 'Nguyễn Thị Ánh', 'Trần Văn Bình', 'A4', 'A5', origin]) {
        expect(text).toContain(expected);
      }
    }

    // Later, the guest finds the booking again with its reference and e-mail
    await page.getByRole('link', { name: 'Find a booking' }).click();
    await page.getByRole('heading', { name: 'Find a booking' }).waitFor();
    await expectAccessible(page, 'find a booking');
    await page.getByLabel('Booking reference').fill(reference.toLowerCase());
    await page.getByLabel('E-mail or phone').fill('ANH@example.com');
    await page.getByRole('button', { name: 'Find booking' }).click();
    await page.getByRole('heading', { name: `Booking ${reference}` }).waitFor();
    await page
      .getByRole('region', { name: 'History' })
      .getByText('Opened by guest lookup')
      .waitFor();
    await expectAccessible(page, 'guest booking');
    expect(errors).toEqual([]);
  }, 120_000);
});
