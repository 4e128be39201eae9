export const SEAT_TYPES = ['standard', 'limousine', 'sleeper'] as const;
export type SeatType = (typeof SEAT_TYPES)[number];

export interface Money {
  /** Integer minor units of the currency. */
  amount: number;
  currency: string;
}

export interface SeatLayout {
  seatNumber: string;
  deck: number;
  row: number;
  col: number;
  type: SeatType;
  accessible: boolean;
}

export type Fares = Partial<Record<SeatType, Money>> & { standard: Money };

export interface Bus {
  id: string;
  name: string;
  plateNumber: string;
  seats: SeatLayout[];
}

export interface Trip {
  id: string;
  busId: string;
  origin: string;
  destination: string;
  departureAt: string;
  arrivalAt: string;
  fares: Fares;
  maxSeatsPerBooking: number;
}
