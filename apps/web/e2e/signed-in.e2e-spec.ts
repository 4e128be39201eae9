import type { Browser, Page } from 'playwright-core';
import { createTrip, startWebServer, type TestServer } from './support/api';
import { CHROMIUM, expectAccessible, launchChromium, openPage } from './support/browser';
import { describeWith } from '../../../test/utils/requirements';
import {
  book,
  bookAndPay,
  chooseSeatsAndContinue,
  fillPassengers,
  searchAndOpenTrip,
  TRAVELLERS,
} from './support/journey';

describeWith(
  CHROMIUM,
  'Web client: a signed-in traveller books, finds it in history, cancels',
  () => {
    let server: TestServer;
    let browser: Browser;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function signIn(page: Page): Promise<void> {
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByText('Demo sign-in', { exact: true }).waitFor();
      await expectAccessible(page, 'sign-in');
      await page.getByRole('button', { name: 'Sign in as demo traveller' }).click();
      await page.getByRole('heading', { name: 'My bookings' }).waitFor();
    }

    it('books with the first passenger prefilled, then sees, searches, opens and cancels the booking', async () => {
      const { origin } = await createTrip(server);
      const { page, errors } = await openPage(browser);
      await signIn(page);
      await expectAccessible(page, 'my bookings');

      await page.getByRole('link', { name: 'Find trips' }).click();
      await searchAndOpenTrip(page, origin);
      await chooseSeatsAndContinue(page, ['A7']);
      const first = page.getByRole('group', { name: /^Passenger 1/ });
      // the signed-in traveller is the first passenger
      expect(await first.getByLabel('Full name').inputValue()).toBe('Nguyễn Văn An');
      expect(await first.getByLabel('Email').inputValue()).toBe('demo.user@vexe.example');
      await fillPassengers(page, [{ ...TRAVELLERS[0], fullName: 'Nguyễn Văn An' }], {
        email: 'demo.user@vexe.example',
        phone: '0912 345 678',
      });
      const reference = await bookAndPay(page);

      // History: the upcoming tab, the stats, a search by reference
      await page.getByRole('link', { name: 'My bookings' }).first().click();
      await page.getByRole('heading', { name: 'My bookings' }).waitFor();
      await page.getByRole('tab', { name: 'Upcoming', selected: true }).waitFor();
      await page.getByRole('link', { name: reference }).waitFor();
      await page
        .getByRole('region', { name: 'Your bookings in numbers' })
        .getByText('Bookings')
        .waitFor();
      // Part of a reference is recognised by its digits (the date): the last 14 characters
      // include three; the random tail alone may have none and would be searched as a route.
      await page.getByLabel('Search').fill(reference.slice(-14));
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText('1 booking', { exact: true }).waitFor();
      await page.getByLabel('Search').fill(origin);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('link', { name: reference }).waitFor();
      await page.getByLabel('Sort by').selectOption({ label: 'Booked, newest first' });
      await expectAccessible(page, 'my bookings with a booking');

      // Detail with its history, and the e-ticket
      await page.getByRole('link', { name: reference }).click();
      await page.getByRole('heading', { name: `Booking ${reference}` }).waitFor();
      const history = page.getByRole('region', { name: 'History' });
      await history.getByText('Booked', { exact: true }).waitFor();
      await history.getByText('Paid and confirmed').waitFor();
      await page.locator('canvas[role="img"]').first().waitFor({ timeout: 20_000 });
      await expectAccessible(page, 'booking detail');

      // Cancel: the dialog shows the refund first (90 % two days ahead)
      await page.getByRole('button', { name: 'Cancel booking' }).click();
      const dialog = page.getByRole('dialog', { name: `Cancel booking ${reference}?` });
      await dialog.getByText('You will be refunded 396.000 ₫ (90 % of what you paid).').waitFor();
      await expectAccessible(page, 'cancel dialog');
      await dialog.getByLabel('Reason (optional)').fill('plans changed');
      await dialog.getByRole('button', { name: 'Cancel booking' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Refund: 396.000 ₫ (90 %).').waitFor();
      await history.getByText('Cancelled', { exact: true }).waitFor();

      // The cancelled tab has it now
      await page.getByRole('link', { name: 'My bookings' }).first().click();
      await page.getByRole('tab', { name: 'Cancelled' }).click();
      await page.getByRole('link', { name: reference }).waitFor();
      await page.getByRole('button', { name: 'Add a guest booking' }).click();
      const claim = page.getByRole('dialog', { name: 'Add a guest booking to your account' });
      await claim.waitFor();
      await expectAccessible(page, 'claim dialog');
      // Closed for sure before going on: a modal left open hides the page from getByRole (a CI
      // run once waited 30 s for the header's link after an Escape that did not close it).
      await page.keyboard.press('Escape');
      await claim.waitFor({ state: 'detached', timeout: 2000 }).catch(async () => {
        await claim.getByRole('button', { name: 'Close' }).click();
        await claim.waitFor({ state: 'detached' });
      });

      // A booking left unpaid: its passengers can still be changed
      await page.getByRole('link', { name: 'Find trips' }).click();
      await searchAndOpenTrip(page, origin);
      await chooseSeatsAndContinue(page, ['A8']);
      await fillPassengers(page, [{ ...TRAVELLERS[1] }], {
        email: 'demo.user@vexe.example',
        phone: '0912 345 678',
      });
      const pending = await book(page);
      await page.getByRole('link', { name: 'My bookings' }).first().click();
      await page.getByRole('tab', { name: 'Awaiting payment' }).click();
      await page.getByRole('link', { name: pending }).click();
      await page.getByRole('heading', { name: `Booking ${pending}` }).waitFor();
      await page.getByRole('button', { name: 'Change passengers' }).click();
      const change = page.getByRole('dialog', { name: 'Change passengers' });
      await change.getByLabel('Full name').waitFor();
      await expectAccessible(page, 'change passengers dialog');
      await change.getByLabel('Full name').fill('Trần Văn Bình Minh');
      await change.getByRole('button', { name: 'Save passengers' }).click();
      await change.waitFor({ state: 'detached' });
      await page
        .getByRole('region', { name: 'Passengers' })
        .getByText('Trần Văn Bình Minh')
        .waitFor();
      await page
        .getByRole('region', { name: 'History' })
        .getByText('Changed', { exact: true })
        .waitFor();

      await page.getByRole('button', { name: /^Account: / }).click();
      await page.getByRole('dialog', { name: 'Your account' }).waitFor();
      await expectAccessible(page, 'account menu');
      await page.keyboard.press('Escape');
      expect(errors).toEqual([]);
    }, 120_000);

    it('moves a paid passenger to another seat, then cancels another after seeing the refund offer', async () => {
      const { origin } = await createTrip(server);
      const { page, errors } = await openPage(browser);
      await signIn(page);
      await page.getByRole('link', { name: 'Find trips' }).click();
      await searchAndOpenTrip(page, origin);
      await chooseSeatsAndContinue(page, ['A9', 'A10']);
      await fillPassengers(page, [{ ...TRAVELLERS[0], fullName: 'Nguyễn Văn An' }, TRAVELLERS[1]], {
        email: 'demo.user@vexe.example',
        phone: '0912 345 678',
      });
      const reference = await bookAndPay(page);
      await page.getByRole('link', { name: 'My bookings' }).first().click();
      await page.getByRole('link', { name: reference }).click();
      await page.getByRole('heading', { name: `Booking ${reference}` }).waitFor();

      // Move the first passenger to another seat of the same fare: at once, a new e-ticket
      await page.getByRole('button', { name: 'Change Nguyễn Văn An’s seat' }).click();
      const move = page.getByRole('dialog', { name: /^Change Nguyễn Văn An’s seat \(A9\)/ });
      await move.getByRole('option', { name: /^A11 · / }).waitFor({ state: 'attached' });
      // Checked before choosing: a button fading from disabled to enabled is caught mid-way.
      await expectAccessible(page, 'change seat dialog');
      await move.getByLabel('New seat').selectOption('A11');
      await move.getByRole('button', { name: 'Change seat' }).click();
      await move.waitFor({ state: 'detached' });
      await page
        .getByRole('region', { name: 'Passengers' })
        .getByText('A11', { exact: true })
        .waitFor();
      await page
        .getByRole('region', { name: 'History' })
        .getByText('Seat changed', { exact: true })
        .waitFor();

      const leaving = TRAVELLERS[1].fullName;
      await page.getByRole('button', { name: `Cancel ${leaving}` }).click();
      const dialog = page.getByRole('dialog', { name: new RegExp(`^Cancel ${leaving} \\(seat`) });
      await dialog
        .getByText(
          /^You will be refunded .+ \(90 % of this passenger’s fare\)\. The booking will cost .+\.$/,
        )
        .waitFor();
      await expectAccessible(page, 'cancel passenger dialog');
      await dialog.getByRole('button', { name: 'Cancel this passenger' }).click();
      await dialog.waitFor({ state: 'detached' });
      const passengers = page.getByRole('region', { name: 'Passengers' });
      await passengers.getByText('Cancelled passengers').waitFor();
      expect(await passengers.getByRole('button', { name: /^Cancel / }).count()).toBe(0);
      await page
        .getByRole('region', { name: 'History' })
        .getByText('Passenger cancelled', { exact: true })
        .waitFor();
      await expectAccessible(page, 'booking detail after a passenger left');
      expect(errors).toEqual([]);
    }, 120_000);
  },
);
