import type { Page } from 'playwright-core';

/** The traveller's steps through the web client, as a person does them (by role and label). */

export interface Traveller {
  fullName: string;
  idNumber: string;
  phone: string;
}

export const TRAVELLERS: Traveller[] = [
  { fullName: 'Nguyễn Thị Ánh', idNumber: '079123456789', phone: '0912 345 678' },
  { fullName: 'Trần Văn Bình', idNumber: '079123456790', phone: '0912 345 679' },
  { fullName: 'Lê Minh Châu', idNumber: '079123456791', phone: '0912 345 680' },
];

export const seatButton = (page: Page, seatNumber: string) =>
  page.getByRole('button', { name: new RegExp(`^${seatNumber},`) });

export async function searchAndOpenTrip(page: Page, origin: string): Promise<void> {
  await page.getByLabel('From').fill(origin);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: new RegExp(`^Choose seats: ${origin}`) }).click();
  await page.getByRole('heading', { name: 'Choose your seats' }).waitFor();
  await page.locator('[data-connection="live"]').waitFor();
}

export async function chooseSeatsAndContinue(page: Page, seats: string[]): Promise<void> {
  for (const seat of seats) await seatButton(page, seat).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Passengers', level: 1 }).waitFor();
}

export async function fillPassengers(
  page: Page,
  travellers: Traveller[],
  contact = { email: 'anh@example.com', phone: '0912 345 678' },
): Promise<void> {
  for (const [index, traveller] of travellers.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^Passenger ${index + 1}`) });
    await group.getByLabel('Full name').fill(traveller.fullName);
    await group.getByLabel('ID number').fill(traveller.idNumber);
    await group.getByLabel('Phone').fill(traveller.phone);
  }
  const group = page.getByRole('group', { name: 'Booking contact' });
  await group.getByLabel('Email').fill(contact.email);
  await group.getByLabel('Phone').fill(contact.phone);
  await page.getByRole('button', { name: 'Review booking' }).click();
  await page.getByRole('heading', { name: 'Review your booking' }).waitFor();
}

/** Books what was reviewed; on the payment page, the booking is pending: its reference. */
export async function book(page: Page): Promise<string> {
  await page.getByLabel(/I accept the cancellation terms/).check();
  await page.getByRole('button', { name: /^Book · / }).click();
  await page.getByRole('heading', { name: 'Payment', level: 1 }).waitFor();
  const heading = await page.getByRole('heading', { name: /^Booking / }).textContent();
  return heading?.replace(/^Booking /, '') ?? '';
}

export async function bookAndPay(
  page: Page,
  onPaymentPage: () => Promise<void> = async () => undefined,
): Promise<string> {
  await book(page);
  await onPaymentPage();
  await page.getByRole('button', { name: /^Pay .* \(demo\)$/ }).click();
  await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
  return (await page.getByTestId('booking-reference').textContent()) ?? '';
}
