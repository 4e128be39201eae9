import type { INestApplicationContext, Logger } from '@nestjs/common';
import { PdfRenderer } from '@app/ticketing';

/**
 * Has the PDF render threads load pdfmake and parse the fonts as a worker starts, not while its
 * first tickets wait (about half a second of a thread's CPU). Not awaited: the process is ready
 * without it, and a failure only leaves the first render as slow as before.
 */
export function warmUpRenderThreads(app: INestApplicationContext, logger: Logger): void {
  app
    .get(PdfRenderer)
    .warmUp()
    .catch((error: Error) => {
      // Stopped while warming up: nothing to say.
      if (!/closed/.test(error.message)) logger.warn(`PDF render threads: ${error.message}`);
    });
}
