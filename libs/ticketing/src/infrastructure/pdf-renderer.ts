import { OnApplicationShutdown } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { TicketDocument } from '../application/ticket-document';
import type { PdfJob, PrintableTable } from './pdf-definitions';
import { ThreadPool } from './thread-pool';

export type { PrintableTable } from './pdf-definitions';

/** A ticket renders in 5–20 ms; a render still running after this is stuck, not slow. */
const RENDER_TIMEOUT_MS = 30_000;

/**
 * Renders tickets as A4 PDFs with pdfmake, in a pool of worker threads (pdf-render.thread.ts):
 * rendering is CPU work that would otherwise hold up every request and job of the process, and
 * pdfmake is loaded by the threads only, when the first PDF is asked for. Roboto is embedded:
 * the 14 standard PDF fonts cannot draw Vietnamese. Nothing is fetched from the network and only
 * the fonts (and the configured logo) are read from disk.
 */
export class PdfRenderer implements OnApplicationShutdown {
  private readonly pool: ThreadPool<PdfJob, Uint8Array>;

  constructor(
    logoFile?: string,
    private readonly size = availableParallelism(),
    renderTimeoutMs = RENDER_TIMEOUT_MS,
  ) {
    const logo = logoFile ? dataUrlOf(readFileSync(logoFile)) : undefined;
    this.pool = new ThreadPool({
      name: 'pdf-render',
      size,
      taskTimeoutMs: renderTimeoutMs,
      workerData: { logo },
      ...threadEntry(),
    });
  }

  async render(ticket: TicketDocument): Promise<Buffer> {
    return bufferOf(await this.pool.run({ kind: 'ticket', ticket }));
  }

  /**
   * Starts every thread and has it load pdfmake and parse the fonts, which the first render of
   * a thread otherwise waits for (about half a second of CPU). A worker, whose work this is, does
   * it at start-up; a process that renders now and then need not.
   */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.pool.run({ kind: 'warm-up' })));
  }

  /** A printable A4 landscape list (e.g. a boarding manifest): a title, a line under it, a table. */
  async renderTable(table: PrintableTable): Promise<Buffer> {
    return bufferOf(await this.pool.run({ kind: 'table', table }));
  }

  /** The render threads running now. */
  get threads(): readonly Worker[] {
    return this.pool.workers;
  }

  /** Terminates the render threads; renders still waiting or running fail. */
  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * Not onModuleDestroy: that runs before the jobs still running are waited for
   * (beforeApplicationShutdown), and they may still have a ticket to render.
   */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

/** The bytes a thread moved here, as a Buffer over the same memory. */
const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

function dataUrlOf(image: Buffer): string {
  const type = image[0] === 0x89 ? 'png' : 'jpeg';
  return `data:image/${type};base64,${image.toString('base64')}`;
}

/**
 * The compiled thread entry beside this file; run from the TypeScript sources (ts-jest), the
 * thread compiles its own with ts-node, since a worker thread cannot load TypeScript itself.
 */
function threadEntry(): { file: string; eval?: boolean } {
  if (!__filename.endsWith('.ts')) return { file: join(__dirname, 'pdf-render.thread.js') };
  const entry = join(__dirname, 'pdf-render.thread.ts');
  return {
    file: `require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(entry)});`,
    eval: true,
  };
}
