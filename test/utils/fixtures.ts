import { randomUUID } from 'node:crypto';

export function uniquePlate(): string {
  return `T${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase()}`;
}

export function standardBus(seatCount = 12) {
  return {
    name: 'Test coach',
    plateNumber: uniquePlate(),
    seats: Array.from({ length: seatCount }, (_, i) => ({
      seatNumber: `S${i + 1}`,
      deck: 1,
      row: Math.floor(i / 4) + 1,
      col: (i % 4) + 1,
      type: i < 4 ? ('limousine' as const) : ('standard' as const),
      accessible: i === 0,
    })),
  };
}

export function tripFor(busId: string, overrides: Record<string, unknown> = {}) {
  const departure = new Date(Date.now() + 48 * 3600_000);
  return {
    busId,
    origin: `Origin ${randomUUID().slice(0, 8)}`,
    destination: 'Đà Lạt',
    departureAt: departure.toISOString(),
    arrivalAt: new Date(departure.getTime() + 6 * 3600_000).toISOString(),
    fares: {
      standard: { amount: 300000, currency: 'VND' },
      limousine: { amount: 420000, currency: 'VND' },
    },
    ...overrides,
  };
}
