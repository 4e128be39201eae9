import type { TripManifest } from '@app/booking-domain';
import { manifestCsv } from './manifest-export';

const line = (fullName: string): TripManifest['passengers'][number] => ({
  seatNumber: 'A1',
  fullName,
  passengerType: 'adult',
  needsAccessibleSeat: true,
  boarded: false,
  bookingReference: 'BUS1',
  idType: 'passport',
  idNumber: '••••1234',
  phone: '••••5678',
});
const manifest = (...names: string[]) =>
  ({ passengers: names.map(line) }) as unknown as TripManifest;

describe('manifestCsv', () => {
  it('writes a header and one RFC 4180 line per passenger', () => {
    expect(manifestCsv(manifest('Lê "Bé", Ba'))).toBe(
      'Seat,Passenger,Type,Accessible seat,Boarded,Booking,ID type,ID number,Phone\r\n' +
        'A1,"Lê ""Bé"", Ba",adult,yes,no,BUS1,passport,••••1234,••••5678\r\n',
    );
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    const [, ...lines] = manifestCsv(manifest('=HYPERLINK("x")', '+1', '@cmd', '-2')).split('\r\n');
    expect(lines.slice(0, 4).map((l) => l.split(',')[1])).toEqual([
      `"'=HYPERLINK(""x"")"`,
      `"'+1"`,
      `"'@cmd"`,
      `"'-2"`,
    ]);
  });
});
