import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { create } from 'qrcode';
import { describeWithPdfTools } from '../../../../test/utils/requirements';
import { qrPng } from './qr-png';

const png = (dataUrl: string) => Buffer.from(dataUrl.split(',')[1], 'base64');

describe('qrPng', () => {
  it('is a 1-bit grayscale PNG, 8 pixels a module, a light module around the code', () => {
    const payload = 'eyJ2IjoxLCJyZWYiOiJCVVMyMDI2In0.c2lnbmF0dXJl';
    const bytes = png(qrPng(payload));
    const side = (create(payload, { errorCorrectionLevel: 'M' }).modules.size + 2) * 8;
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.subarray(12, 16).toString()).toBe('IHDR');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20), bytes[24], bytes[25]]).toEqual([
      side,
      side,
      1, // bit depth
      0, // grayscale
    ]);
  });
  it('has a pixel for each eighth of a module, dark where the module is', () => {
    const payload =
      'eyJ2IjoxLCJyZWYiOiJCVVMyMDI2MTEyNUs3UU00WEFCM0M5In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const { modules } = create([{ data: Buffer.from(payload), mode: 'byte' }], {
      errorCorrectionLevel: 'M',
    });
    const rows = pixelRows(png(qrPng(payload)));
    const side = (modules.size + 2) * 8;
    expect(rows).toHaveLength(side);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const [row, col] = [Math.floor(y / 8) - 1, Math.floor(x / 8) - 1];
        const inside = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
        const dark = (rows[y][x >> 3] & (0x80 >> (x & 7))) === 0;
        if (dark !== (inside && modules.get(row, col) === 1)) {
          throw new Error(`pixel ${x},${y} is ${dark ? 'dark' : 'light'}`);
        }
      }
    }
  });
});

/** A 1-bit grayscale PNG's rows, unfiltered (it uses filters 0, none, and 2, up). */
function pixelRows(bytes: Buffer): Buffer[] {
  const side = bytes.readUInt32BE(16);
  const stride = 1 + Math.ceil(side / 8);
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT')
      data.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const filtered = inflateSync(Buffer.concat(data));
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) {
    const line = filtered.subarray(y * stride, (y + 1) * stride);
    const row = Buffer.from(line.subarray(1));
    if (line[0] === 2)
      for (let i = 0; i < row.length; i++) row[i] = (row[i] + rows[y - 1][i]) & 0xff;
    else if (line[0] !== 0) throw new Error(`row ${y}: filter ${line[0]}`);
    rows.push(row);
  }
  return rows;
}

describeWithPdfTools('qrPng, read by a scanner', () => {
  it('decodes to its payload', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qr-'));
    try {
      const payload = `${Buffer.from('{"ref":"BUS20261125K7QM4XAB3C9"}').toString('base64url')}.sig`;
      const file = join(dir, 'code.png');
      writeFileSync(file, png(qrPng(payload)));
      const read = spawnSync(
        'zbarimg',
        ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', file],
        {
          encoding: 'utf8',
        },
      );
      expect(read.stdout.trim()).toBe(payload);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
