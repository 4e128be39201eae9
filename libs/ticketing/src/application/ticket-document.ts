import type { AppConfig } from '@app/config';
import type { Booking, PriceBreakdown } from '@app/booking-domain';
import { refundTermsOf } from '@app/booking-domain';
import type { TripRecord } from '@app/seating';
import { TicketSigner } from '../infrastructure/ticket-signer';

export interface Branding {
  name: string;
  color: string;
  logoFile?: string;
  contact: string;
  terms: string;
}

/** Everything a ticket shows, rendered alike as PDF and as HTML. */
export interface TicketDocument {
  brand: Branding;
  reference: string;
  bookingId: string;
  status: string;
  /** A cancelled booking's ticket: still readable, marked void, refused at boarding. */
  void: boolean;
  trip: {
    route: string;
    date: string;
    departureTime: string;
    arrivalTime: string;
    bus: string;
    plateNumber: string;
  };
  passengers: {
    index: number;
    seatNumber: string;
    fullName: string;
    passengerType: string;
    idType: string;
    idNumberMasked: string;
    qrPayload: string;
  }[];
  fares: {
    lines: {
      seatNumber: string;
      passengerType: string;
      base: string;
      discount: string;
      net: string;
      tax: string;
    }[];
    subtotal: string;
    tax: string;
    total: string;
  };
}

export const brandingOf = (config: Pick<AppConfig, 'brand' | 'booking'>): Branding => ({
  name: config.brand.name,
  color: config.brand.color,
  logoFile: config.brand.logoFile,
  contact: config.brand.contact,
  terms: `${config.brand.terms} ${refundTermsOf(config.booking)}`,
});

const PASSENGER_TYPES: Record<string, string> = {
  adult: 'Adult',
  child: 'Child',
  senior: 'Senior',
};
const ID_TYPES: Record<string, string> = { citizen_id: 'Citizen ID', passport: 'Passport' };

// Building an Intl format costs more than formatting with it (~0.1 ms): one per zone, currency.
const dateFormats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

function dateFormatsIn(timeZone: string) {
  let formats = dateFormats.get(timeZone);
  if (!formats) {
    formats = {
      date: new Intl.DateTimeFormat('en-GB', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }),
      time: new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    };
    dateFormats.set(timeZone, formats);
  }
  return formats;
}

function moneyFormatIn(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** The ticket of a booking: times in the operator's zone, money formatted, one signed QR per passenger. */
export function ticketDocument(
  booking: Booking,
  trip: TripRecord,
  signer: TicketSigner,
  brand: Branding,
  timeZone: string,
): TicketDocument {
  const { date, time } = dateFormatsIn(timeZone);
  const money = (m: PriceBreakdown['total']) => moneyFormatIn(m.currency).format(m.amount);
  const departure = new Date(booking.departureAt);
  const arrival = new Date(booking.arrivalAt);
  return {
    brand,
    reference: booking.reference,
    bookingId: booking.bookingId,
    status: booking.status,
    void: booking.status === 'cancelled',
    trip: {
      route: `${trip.origin} – ${trip.destination}`,
      date: date.format(departure),
      departureTime: time.format(departure),
      arrivalTime: time.format(arrival),
      bus: trip.busName,
      plateNumber: trip.plateNumber,
    },
    passengers: booking.passengers.map((p, index) => ({
      index,
      seatNumber: p.seatNumber,
      fullName: p.fullName,
      passengerType: PASSENGER_TYPES[p.passengerType] ?? p.passengerType,
      idType: ID_TYPES[p.idType] ?? p.idType,
      idNumberMasked: p.idNumberMasked,
      qrPayload: signer.sign({
        v: 1,
        ref: booking.reference,
        bid: booking.bookingId,
        trip: booking.tripId,
        dep: booking.departureAt,
        seat: p.seatNumber,
        pax: index,
        ...(p.passengerId ? { tid: p.passengerId, rev: p.ticketRevision ?? 1 } : {}),
      }),
    })),
    fares: {
      lines: booking.price.lines.map((line) => ({
        seatNumber: line.seatNumber,
        passengerType: PASSENGER_TYPES[line.passengerType] ?? line.passengerType,
        base: money(line.base),
        discount: money(line.discount),
        net: money(line.net),
        tax: money(line.tax),
      })),
      subtotal: money(booking.price.subtotal),
      tax: money(booking.price.tax),
      total: money(booking.price.total),
    },
  };
}
