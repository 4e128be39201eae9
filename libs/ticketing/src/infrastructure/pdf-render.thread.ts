import { workerData } from 'node:worker_threads';
import type { PdfJob } from './pdf-definitions';
import { renderPdf } from './pdf-engine';
import { serveThreadPool } from './thread-pool';

/** A render thread of PdfRenderer: fonts parsed once here, each PDF moved (not copied) back. */
const { logo } = workerData as { logo?: string };

serveThreadPool<PdfJob, Uint8Array>(async (job) => {
  const pdf = await renderPdf(job, logo);
  // Only a whole ArrayBuffer can move; a view into a larger (pooled) one is copied first.
  const whole = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
  const bytes = whole
    ? new Uint8Array(pdf.buffer as ArrayBuffer, 0, pdf.byteLength)
    : new Uint8Array(pdf);
  return { output: bytes, transfer: [bytes.buffer] };
});
