import {
  boardSessionCookie,
  boardSessionKey,
  cookieValue,
  signBoardSession,
  verifyBoardSession,
} from './board-session';

describe('queue dashboard sessions', () => {
  const key = boardSessionKey('a'.repeat(40));
  const now = 1_800_000_000;

  it('verifies what it signed until it expires', () => {
    const value = signBoardSession(key, { sub: 'admin-1', exp: now + 60 });
    expect(verifyBoardSession(key, value, now)).toEqual({ sub: 'admin-1', exp: now + 60 });
    expect(verifyBoardSession(key, value, now + 60)).toBeUndefined();
  });

  it('refuses another key, a changed payload and garbage', () => {
    const value = signBoardSession(key, { sub: 'admin-1', exp: now + 60 });
    expect(verifyBoardSession(boardSessionKey('b'.repeat(40)), value, now)).toBeUndefined();
    const [, signature] = value.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin-1', exp: now + 9999 })).toString(
      'base64url',
    );
    expect(verifyBoardSession(key, `${forged}.${signature}`, now)).toBeUndefined();
    for (const junk of ['', '.', 'a.b.c', 'x'.repeat(2000), `${value}.x`]) {
      expect(verifyBoardSession(key, junk, now)).toBeUndefined();
    }
  });

  it('is not the guest token key', () => {
    expect(key.equals(Buffer.from('a'.repeat(40)))).toBe(false);
  });

  it('reads one cookie among several and writes a strict one', () => {
    expect(cookieValue('a=1; queue_board_session=v.s; b=2', 'queue_board_session')).toBe('v.s');
    expect(cookieValue(undefined, 'queue_board_session')).toBeUndefined();
    expect(boardSessionCookie('v', 900, true)).toBe(
      'queue_board_session=v; Max-Age=900; Path=/admin/queues; HttpOnly; SameSite=Strict; Secure',
    );
  });
});
