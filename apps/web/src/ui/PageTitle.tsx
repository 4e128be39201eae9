import { useEffect, useRef, type ReactNode } from 'react';
import { cx } from '../lib/cx';

/**
 * The page's h1. It names the document, and takes focus when the page opens so that keyboard and
 * screen-reader users start at the new page's top (not at the link they followed).
 */
export function PageTitle({
  children,
  title,
  className,
}: {
  children: ReactNode;
  /** The document title, when the heading is not plain text. */
  title?: string;
  className?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    if (text) document.title = `${text} · VéXe`;
  }, [text]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1
      ref={ref}
      tabIndex={-1}
      className={cx('text-2xl font-bold tracking-tight outline-none sm:text-3xl', className)}
    >
      {children}
    </h1>
  );
}
