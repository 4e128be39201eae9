import type { TripManifest } from '@app/booking-domain';

/** The manifest's columns, as the CSV and the PDF show them. */
export const MANIFEST_COLUMNS = [
  'Seat',
  'Passenger',
  'Type',
  'Accessible seat',
  'Boarded',
  'Booking',
  'ID type',
  'ID number',
  'Phone',
] as const;

export const manifestRow = (line: TripManifest['passengers'][number]): string[] => [
  line.seatNumber,
  line.fullName,
  line.passengerType,
  line.needsAccessibleSeat ? 'yes' : 'no',
  line.boarded ? 'yes' : 'no',
  line.bookingReference,
  line.idType,
  line.idNumber,
  line.phone,
];

/**
 * RFC 4180 quoting, and a cell that a spreadsheet would run as a formula (= + - @, tab, CR)
 * is prefixed with an apostrophe: names are typed by travellers.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function manifestCsv(manifest: TripManifest): string {
  const lines = [MANIFEST_COLUMNS as readonly string[], ...manifest.passengers.map(manifestRow)];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
