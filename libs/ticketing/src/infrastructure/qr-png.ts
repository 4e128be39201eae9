import { constants, deflateSync } from 'node:zlib';
import { create } from 'qrcode';

/** Image pixels per module: a viewer that smooths the image as it scales it blurs 1/8 of an edge. */
const SCALE = 8;
/** Light modules around the code, inside the image (the page around it is white too). */
const MARGIN = 1;
const FILTER_UP = 2;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A QR code (error correction M) as a 1-bit grayscale PNG data URL, written straight from the
 * code's modules. pdfkit embeds such a PNG's compressed pixels as they are; drawn as an SVG path
 * instead, a ticket's codes took a third of its render time (parsed again by pdfmake's SVG
 * support, segment by segment). The payload (base64url) is one byte-mode segment, as qrcode's
 * segment optimiser would have chosen after a search.
 */
export function qrPng(payload: string): string {
  const { modules } = create([{ data: Buffer.from(payload), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  const cells = modules.size + 2 * MARGIN;
  const side = cells * SCALE;
  // A row is its filter type, then a byte a module (SCALE is 8): 0x00 dark, 0xff light. A
  // module's first pixel row is written as it is (filter 0); the other seven repeat it (filter
  // 2, "up": all zeros), which run-length deflate packs in a tenth of the default's time.
  const stride = 1 + cells;
  const pixels = Buffer.alloc(stride * side);
  for (let cellRow = 0; cellRow < cells; cellRow++) {
    const first = cellRow * SCALE * stride;
    pixels.fill(0xff, first + 1, first + stride);
    const row = cellRow - MARGIN;
    if (row >= 0 && row < modules.size) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) pixels[first + 1 + MARGIN + col] = 0;
      }
    }
    for (let copy = 1; copy < SCALE; copy++) pixels[first + copy * stride] = FILTER_UP;
  }
  const header = Buffer.alloc(13); // width, height, bit depth 1, colour type 0 (grayscale)
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1;
  const png = Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { strategy: constants.Z_RLE })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + typed.length);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 4 + typed.length);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of a PNG chunk (zlib.crc32 needs Node 20.15). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
