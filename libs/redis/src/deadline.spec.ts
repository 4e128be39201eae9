import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDeadline } from './deadline';

/**
 * Answers a message with 'pong' from another process (this one will be busy), then creates the
 * file named by its argument: the answer is in this process' socket by then.
 */
const PONG_SERVER = `
const answered = process.argv[1];
const server = require('node:net').createServer((s) =>
  s.on('error', () => {}).on('data', () => s.write('pong', () => require('node:fs').writeFileSync(answered, ''))));
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

describe('withDeadline', () => {
  it('gives the answer, or gives up once the time has passed', async () => {
    await expect(withDeadline(Promise.resolve(42), 50, 'late')).resolves.toBe(42);
    await expect(withDeadline(Promise.reject(new Error('no')), 50, 'late')).rejects.toThrow('no');
    await expect(withDeadline(new Promise(() => undefined), 20, 'late')).rejects.toThrow('late');
  });

  it('reads an answer that came while the process was too busy to look', async () => {
    const answered = join(mkdtempSync(join(tmpdir(), 'deadline-')), 'answered');
    const server = spawn(process.execPath, ['-e', PONG_SERVER, answered], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const socket = new Socket();
    try {
      const [port] = await once(server.stdout, 'data');
      socket.connect(Number(String(port)), '127.0.0.1');
      await once(socket, 'connect');
      const answer = withDeadline(
        once(socket, 'data').then(([data]) => String(data)),
        10,
        'late',
      );
      socket.write('ping');
      // Busy past the deadline, until the answer has arrived (or 10 s, not to hang for ever).
      const [until, giveUp] = [Date.now() + 20, Date.now() + 10_000];
      while (Date.now() < until || (!existsSync(answered) && Date.now() < giveUp));
      await expect(answer).resolves.toBe('pong');
    } finally {
      socket.destroy();
      server.kill();
    }
  });
});
