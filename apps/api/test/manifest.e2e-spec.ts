import { Client } from 'pg';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook, passengerFor } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { download, readPdf } from '../../../test/utils/pdf';
import { itWithPdfTools } from '../../../test/utils/requirements';

/** GET /admin/trips/{tripId}/manifest in its three forms, masked, and an admin's audited reveal. */
describe('Boarding manifest', () => {
  let server: TestServer;
  let admin: string;
  let driver: string;
  let tripId: string;
  let db: Client;
  const path = () => `/admin/trips/${tripId}/manifest`;

  beforeAll(async () => {
    server = await startTestServer({ BOOKING_RATE_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: server.config.database.url });
    await db.connect();
    admin = await tokenFor(server.config, ['admin']);
    driver = await tokenFor(server.config, ['driver']);
    tripId = await createTrip(server.baseUrl, admin, 12);
    const family = await tokenFor(server.config, ['user']);
    const booked = await lockAndBook(server.baseUrl, family, tripId, ['S7', 'S5'], {
      passengers: [
        passengerFor('S7', {
          fullName: 'Trần Thị Bé',
          passengerType: 'child',
          idNumber: '079209001111',
        }),
        passengerFor('S5', {
          fullName: 'Trần Văn Cha',
          phone: '+84912345678',
          idNumber: '079201002222',
        }),
      ],
    });
    await confirmBooking(server.baseUrl, family, booked.body.bookingId, 'PAY-M1');
    const unpaid = await tokenFor(server.config, ['user']);
    await lockAndBook(server.baseUrl, unpaid, tripId, ['S9']);
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
  });

  it('lists the paid passengers in seat order for drivers and admins, ID numbers and phones masked', async () => {
    const manifest = await http(server.baseUrl, 'GET', path(), { token: driver });
    expect(manifest.status).toBe(200);
    expect(manifest.body).toMatchObject({ tripId, revealed: false });
    expect(manifest.body.passengers).toEqual([
      expect.objectContaining({
        seatNumber: 'S5',
        fullName: 'Trần Văn Cha',
        passengerType: 'adult',
        boarded: false,
        idNumber: expect.stringMatching(/^•+2222$/),
        phone: expect.stringMatching(/^•+678$/),
      }),
      expect.objectContaining({
        seatNumber: 'S7',
        fullName: 'Trần Thị Bé',
        passengerType: 'child',
      }),
    ]);
    expect(JSON.stringify(manifest.body)).not.toContain('079201002222');
    const user = await tokenFor(server.config, ['user']);
    expect((await http(server.baseUrl, 'GET', path(), { token: user })).status).toBe(403);
    const bad = await http(server.baseUrl, 'GET', `${path()}?format=xml`, { token: admin });
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'format']);
  });

  it('reveals ID numbers and phones to an admin only, recording each reveal in the log', async () => {
    const byDriver = await http(server.baseUrl, 'GET', `${path()}?reveal=true`, { token: driver });
    expect([byDriver.status, byDriver.body.code]).toEqual([403, 'auth.forbidden']);
    const revealed = await http(server.baseUrl, 'GET', `${path()}?reveal=true`, { token: admin });
    expect(revealed.body.revealed).toBe(true);
    expect(revealed.body.passengers[0]).toMatchObject({
      idNumber: '079201002222',
      phone: '+84912345678',
    });
    const { rows } = await db.query(
      `SELECT data FROM events WHERE stream_id = $1 AND type = 'ManifestRevealed'`,
      [`trip-audit-${tripId}`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({ tripId, revealedBy: { kind: 'admin' } });
  });

  it('comes as CSV, spreadsheet-safe', async () => {
    const csv = await fetch(`${server.baseUrl}${path()}?format=csv`, {
      headers: { authorization: `Bearer ${driver}` },
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Seat,Passenger,Type,Accessible seat,Boarded,Booking,ID type,ID number,Phone',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^S5,Trần Văn Cha,adult,no,no,BUS\w+,citizen_id,•+2222,•+678$/);
  });

  itWithPdfTools('comes as a printable PDF', async () => {
    const pdf = await download(`${server.baseUrl}${path()}?format=pdf`, driver);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const { text } = readPdf(pdf.body);
    expect(text).toContain('Boarding manifest');
    expect(text).toContain('Trần Văn Cha');
    expect(text).toContain('Trần Thị Bé');
    expect(text).toContain('2 passenger(s)');
  });
});
