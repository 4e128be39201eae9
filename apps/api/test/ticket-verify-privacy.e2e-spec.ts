import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';

/** Issue 17, hole 9: what a scanned ticket says depends on who asks. */
describe('POST /tickets/verify for someone who is not crew', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const verify = (token: string) =>
    http(server.baseUrl, 'POST', '/tickets/verify', {
      token,
      body: { payload: 'eyJub3QiOiJzaWduZWQifQ.c2lnbmF0dXJl' },
    });

  it('tells a traveller only whether the ticket is valid', async () => {
    const answer = await verify(await tokenFor(server.config, ['user']));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ valid: false });
  });

  it('tells the crew why', async () => {
    for (const role of ['driver', 'admin'] as const) {
      const answer = await verify(await tokenFor(server.config, [role]));
      expect(answer.body).toEqual({ valid: false, reason: 'ticket.signature_invalid' });
    }
  });
});
