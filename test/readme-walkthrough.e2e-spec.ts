import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoServer, startDemoServer } from './utils/demo-server';
import { removeTempDir, testTempDir } from './utils/tmp';
import { describeWith, SHELL_TOOLS } from './utils/requirements';

/** The README's walk-through, run as a reader would paste it, against a real server. */
const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
const block = /<!-- walkthrough:start -->\s*```bash\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(
  readme,
)?.[1];

/** Runs the script without blocking this process, which serves the API it calls. */
function run(script: string, api: string): Promise<{ status: number; output: string }> {
  // The walk-through writes into a folder of `mktemp -d`, made here under the run's own folder.
  const tmp = testTempDir('readme');
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, API: api, TMPDIR: tmp },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        removeTempDir(tmp);
        resolve({ status: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

describeWith(SHELL_TOOLS, 'README walk-through', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer('readme', { withWorker: true });
  });
  afterAll(() => server?.close());

  it('books, pays, downloads, e-mails, looks up and cancels, and works the second time too', async () => {
    expect(block).toBeDefined();
    for (const attempt of [1, 2]) {
      const { status, output } = await run(block!, server.baseUrl);
      expect([attempt, status, output]).toEqual([attempt, 0, expect.any(String)]);
      expect(output).toMatch(/"status":"confirmed"/);
      expect(output).toMatch(/e-ticket: .*ticket\.pdf/);
      expect(output).toMatch(/TicketEmailed/);
      expect(output).toMatch(/held together: \["[^"]+","[^"]+","[^"]+"\]/);
      expect(output).toMatch(/"bookingStatus":"confirmed","refund":\{"amount":\{"amount":[1-9]/);
      expect(output).toMatch(/"status":"cancelled"/);
    }
  });

  it('stops with the problem’s code and detail at the first error', async () => {
    const broken = block!.replace(
      '"/trips/$1/seats"',
      '"/trips/00000000-0000-4000-8000-000000000000/seats"',
    );
    const { status, output } = await run(broken, server.baseUrl);
    expect(status).not.toBe(0);
    expect(output).toContain(
      '404 trip.not_found: Trip 00000000-0000-4000-8000-000000000000 does not exist.',
    );
    expect(output).not.toContain('confirmed');
  });
});
