import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { bookingRequest } from '../../../test/utils/bookings';

/** Input that used to answer 500 (issue 17, holes 6 and 7): now a 400 naming the field. */
describe('Hostile input', () => {
  let server: TestServer;
  let token: string;
  const tripId = '00000000-0000-4000-8000-000000000001';
  beforeAll(async () => {
    server = await startTestServer();
    token = await tokenFor(server.config, ['user']);
  });
  afterAll(() => server?.close());

  const fieldsOf = (body: { errors?: { field: string; rule: string }[] }) =>
    (body.errors ?? []).map((e) => `${e.field}:${e.rule}`);

  it('refuses a body nested 60,000 deep before parsing it, without a token too', async () => {
    const deep = '['.repeat(60_000) + ']'.repeat(60_000);
    const started = Date.now();
    const answer = await http(server.baseUrl, 'POST', '/bookings', {
      rawBody: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('request.invalid');
    expect(fieldsOf(answer.body)).toEqual(['body:maxDepth']);
    expect(Date.now() - started).toBeLessThan(5_000); // a bound for a hung server, not a benchmark
  });

  it('accepts brackets inside strings, which are not nesting', async () => {
    const answer = await http(server.baseUrl, 'POST', '/bookings', {
      token,
      body: bookingRequest(tripId, ['A1'], { contact: { email: '['.repeat(100) + '@x.example' } }),
    });
    expect(answer.status).not.toBe(500);
    expect(fieldsOf(answer.body)).not.toContain('body:maxDepth');
  });

  it('names the field when contact is an array or a passenger is not an object', async () => {
    const contact = await http(server.baseUrl, 'POST', '/bookings', {
      token,
      body: { ...bookingRequest(tripId, ['A1']), contact: [] },
    });
    expect(contact.status).toBe(400);
    expect(fieldsOf(contact.body)).toContain('contact:isObject');
    const passengers = await http(server.baseUrl, 'POST', '/bookings', {
      token,
      body: { ...bookingRequest(tripId, ['A1']), passengers: [[]] },
    });
    expect(passengers.status).toBe(400);
    expect(fieldsOf(passengers.body)).toContain('passengers:isObject');
  });

  it('refuses text with a lone surrogate, naming the field', async () => {
    const request = bookingRequest(tripId, ['A1']);
    const raw = JSON.stringify(request).replace(
      JSON.stringify(request.passengers[0].fullName),
      '"Nguy\\ud800n"',
    );
    const answer = await http(server.baseUrl, 'POST', '/bookings', {
      token,
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer.body)).toEqual(['passengers[0].fullName:wellFormedUnicode']);
  });

  it('refuses dates that do not exist', async () => {
    const trips = await http(server.baseUrl, 'GET', '/trips?date=2026-02-30');
    expect(trips.status).toBe(400);
    expect(fieldsOf(trips.body)).toEqual(['date:isCalendarDate']);
    const userId = '00000000-0000-4000-8000-000000000002';
    const history = await http(server.baseUrl, 'GET', `/users/${userId}/bookings?from=2026-13-01`, {
      token,
    });
    expect(history.status).toBe(400);
  });
});
