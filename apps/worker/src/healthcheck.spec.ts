import { readFileSync } from 'node:fs';
import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';
import { hasEstablishedConnection, postgresPort } from './healthcheck';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

describe('worker health check', () => {
  it('finds an established connection to the port, in IPv4 and IPv6 tables', () => {
    const tcp = [
      HEADER,
      '   0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   999 0 1 1',
      '   1: 0200120A:A1B2 0300120A:1538 01 00000000:00000000 00:00000000 00000000  1000 0 2 1',
    ].join('\n');
    expect(hasEstablishedConnection(tcp, 5432)).toBe(true);
    // listening on 5432 (state 0A) is not a connection to it
    expect(hasEstablishedConnection(tcp.split('\n').slice(0, 2).join('\n'), 5432)).toBe(false);
    const tcp6 = [
      HEADER,
      '   0: 00000000000000000000000001000000:C350 0000000000000000FFFF00000300120A:1538 01 0 0 0 0',
    ].join('\n');
    expect(hasEstablishedConnection(tcp6, 5432)).toBe(true);
    expect(hasEstablishedConnection(tcp6, 6379)).toBe(false);
    // a closing connection (TIME_WAIT, 06) does not count
    expect(hasEstablishedConnection(tcp6.replace(':1538 01', ':1538 06'), 5432)).toBe(false);
  });

  it('takes the port from DATABASE_URL', () => {
    expect(postgresPort('postgres://booking:booking@postgres:5432/booking')).toBe(5432);
    expect(postgresPort('postgresql://u:p@db.internal:6432/booking')).toBe(6432);
    expect(postgresPort('postgres://u@db/booking')).toBe(5432);
  });

  it('reads this machine’s real connection table', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const table = () => readFileSync('/proc/net/tcp', 'utf8');
    expect(hasEstablishedConnection(table(), port)).toBe(false);
    const client: Socket = createConnection(port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
    try {
      expect(hasEstablishedConnection(table(), port)).toBe(true);
    } finally {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
