import { zonedIsoToLocal } from './zoned-time';

/** `Hà Nội` → `ha-noi`: a file name's part, ASCII only. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The manifest's file name: route and departure (the catalog's wall clock), and `-revealed` when
 * it carries ID numbers and phones in clear, so such a file is not mistaken for the masked one:
 * `manifest-ha-noi-sa-pa-2026-12-01-2130.csv`.
 */
export function manifestFileName(
  trip: { origin: string; destination: string; departureAt: string },
  format: 'csv' | 'pdf',
  timeZone: string,
  revealed = false,
): string {
  const when = zonedIsoToLocal(trip.departureAt, timeZone).replace(':', '').replace('T', '-');
  const route = [slug(trip.origin), slug(trip.destination)].filter(Boolean).join('-');
  return `manifest-${route ? `${route}-` : ''}${when}${revealed ? '-revealed' : ''}.${format}`;
}

/** Saves a blob as a file the browser downloads (an object URL, revoked once used). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
