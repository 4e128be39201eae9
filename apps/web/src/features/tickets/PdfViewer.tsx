import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

GlobalWorkerOptions.workerSrc = workerUrl;

/** A PDF drawn in the page with pdf.js, one canvas per page, as wide as its container. */
export default function PdfViewer({ data, title }: { data: Blob; title: string }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const target = container.current;
    if (!target) return;
    const render = async () => {
      const bytes = new Uint8Array(await data.arrayBuffer());
      const pdf = await getDocument({ data: bytes }).promise;
      if (cancelled) return;
      setPages(pdf.numPages);
      target.replaceChildren();
      for (let number = 1; number <= pdf.numPages; number++) {
        const page = await pdf.getPage(number);
        if (cancelled) return;
        const width = target.clientWidth || 600;
        const unscaled = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({
          scale: (width / unscaled.width) * window.devicePixelRatio,
        });
        const canvas = document.createElement('canvas');
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.style.width = '100%';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute(
          'aria-label',
          t('ticket.pageLabel', { title, page: number, pages: pdf.numPages }),
        );
        canvas.className =
          'rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-700';
        target.append(canvas);
        await page.render({ canvas, viewport }).promise;
      }
    };
    render().catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [data, title, t]);

  return (
    <div>
      {failed && <p role="alert">{t('ticket.viewFailed')}</p>}
      <div ref={container} data-pdf-pages={pages} className="flex flex-col gap-4" />
    </div>
  );
}
