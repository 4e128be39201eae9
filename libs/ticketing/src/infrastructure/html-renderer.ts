import { toString as qrSvg } from 'qrcode';
import { TicketDocument } from '../application/ticket-document';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The ticket as one HTML page: the same content as the PDF, for screens and for print. */
export async function renderTicketHtml(ticket: TicketDocument): Promise<string> {
  const codes = await Promise.all(
    ticket.passengers.map((p) =>
      qrSvg(p.qrPayload, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    ),
  );
  const e = escape;
  const color = /^#[0-9a-fA-F]{6}$/.test(ticket.brand.color) ? ticket.brand.color : '#0b5394';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>E-ticket ${e(ticket.reference)} · ${e(ticket.brand.name)}</title>
<style>
  :root { --brand: ${color}; }
  * { box-sizing: border-box; }
  body { font-family: Roboto, "Segoe UI", Arial, sans-serif; margin: 0; color: #222; background: #f4f6f8; }
  main { max-width: 210mm; margin: 0 auto; padding: 24px; background: #fff; }
  header { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; flex-wrap: wrap; }
  .brand { color: var(--brand); font-size: 1.6rem; font-weight: 700; margin: 0; }
  .reference { font-size: 1.4rem; font-weight: 700; letter-spacing: .06em; }
  .label { font-size: .75rem; color: #666; display: block; }
  h2 { color: var(--brand); font-size: 1.05rem; margin: 20px 0 8px; }
  table { width: 100%; border-collapse: collapse; font-size: .9rem; }
  th { background: var(--brand); color: #fff; text-align: left; }
  th, td { padding: 6px 8px; border-bottom: 1px solid #ddd; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 16px; }
  .pass { border: 1px dashed #999; padding: 8px; text-align: center; break-inside: avoid; }
  .pass svg { width: 160px; height: 160px; }
  .void { color: #c00000; font-weight: 700; font-size: 1.2rem; border: 2px solid #c00000; padding: 4px 8px; }
  footer { margin-top: 24px; font-size: .75rem; color: #666; }
  @media (max-width: 600px) { main { padding: 12px; } th:nth-child(4), td:nth-child(4) { display: none; } }
  @media print { body { background: #fff; } main { padding: 0; max-width: none; } @page { size: A4 portrait; margin: 14mm; } }
</style>
</head>
<body>
<main>
  <header>
    <div><p class="brand">${e(ticket.brand.name)}</p><strong>E-TICKET</strong></div>
    <div>
      <span class="label">Booking reference</span><span class="reference">${e(ticket.reference)}</span>
      <span class="label">Status</span>${ticket.void ? '<span class="void">CANCELLED — VOID</span>' : `<strong>${e(ticket.status.toUpperCase())}</strong>`}
    </div>
  </header>
  <h2>Trip</h2>
  <table>
    <tr><td><span class="label">Route</span><strong>${e(ticket.trip.route)}</strong></td><td><span class="label">Date</span>${e(ticket.trip.date)}</td><td><span class="label">Departure – arrival</span>${e(ticket.trip.departureTime)} – ${e(ticket.trip.arrivalTime)}</td></tr>
    <tr><td><span class="label">Bus</span>${e(ticket.trip.bus)}</td><td><span class="label">Plate</span>${e(ticket.trip.plateNumber)}</td><td><span class="label">Seats</span>${e(ticket.passengers.map((p) => p.seatNumber).join(', '))}</td></tr>
  </table>
  <h2>Passengers</h2>
  <table>
    <tr><th>Seat</th><th>Name</th><th>Type</th><th>ID</th><th>Number</th></tr>
    ${ticket.passengers.map((p) => `<tr><td>${e(p.seatNumber)}</td><td>${e(p.fullName)}</td><td>${e(p.passengerType)}</td><td>${e(p.idType)}</td><td>${e(p.idNumberMasked)}</td></tr>`).join('\n    ')}
  </table>
  <h2>Fare</h2>
  <table>
    <tr><th>Seat</th><th>Passenger</th><th>Fare</th><th>Discount</th><th>Net</th><th>VAT</th></tr>
    ${ticket.fares.lines.map((l) => `<tr><td>${e(l.seatNumber)}</td><td>${e(l.passengerType)}</td><td>${e(l.base)}</td><td>${e(l.discount)}</td><td>${e(l.net)}</td><td>${e(l.tax)}</td></tr>`).join('\n    ')}
    <tr><td colspan="4">Subtotal</td><td colspan="2">${e(ticket.fares.subtotal)}</td></tr>
    <tr><td colspan="4">VAT</td><td colspan="2">${e(ticket.fares.tax)}</td></tr>
    <tr><td colspan="4"><strong>Total</strong></td><td colspan="2"><strong>${e(ticket.fares.total)}</strong></td></tr>
  </table>
  <h2>Boarding passes</h2>
  <div class="grid">
    ${ticket.passengers.map((p, i) => `<div class="pass">${codes[i]}<div><strong>Seat ${e(p.seatNumber)}</strong></div><div>${e(p.fullName)}</div></div>`).join('\n    ')}
  </div>
  <h2>Terms</h2>
  <p>${e(ticket.brand.terms)}</p>
  <footer>${e(ticket.brand.name)} · ${e(ticket.brand.contact)}</footer>
</main>
</body>
</html>
`;
}
