import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
});

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
