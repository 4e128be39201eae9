import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What poppler and zbar read from a PDF: its info, its text, and every QR code on its pages. */
export function readPdf(pdf: Buffer): { info: string; text: string; qrCodes: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-r', '300', '-png', file, join(dir, 'page')]);
    const qrCodes = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .flatMap((page) =>
        // zbarimg exits 4 on a page without codes.
        spawnSync(
          'zbarimg',
          ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, page)],
          {
            encoding: 'utf8',
          },
        )
          .stdout.split('\n')
          .filter(Boolean),
      );
    return { info, text, qrCodes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** fetch for binary answers. */
export async function download(
  url: string,
  token: string,
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}
