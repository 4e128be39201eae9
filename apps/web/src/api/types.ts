import type { components } from '../generated/openapi';

type Schemas = components['schemas'];

export type Money = Schemas['MoneyDto'];
export type Trip = Schemas['TripResponse'];
export type TripPage = Schemas['TripPageResponse'];
export type Seat = Schemas['SeatResponse'];
export type SeatType = Seat['type'];
export type SeatStatus = Seat['status'];
export type SeatMap = Schemas['SeatMapResponse'];
export type SeatChanges = Schemas['SeatChangesResponse'];
export type Lock = Schemas['LockResponse'];
export type Booking = Schemas['BookingResponse'];
export type BookingStatus = Schemas['BookingStatus'];
export type BookingPage = Schemas['BookingPageResponse'];
export type BookingStats = Schemas['BookingStatsResponse'];
export type AuditEntry = Schemas['AuditEntryResponse'];
export type PriceBreakdown = Schemas['PriceBreakdownResponse'];
export type PassengerRequest = Schemas['PassengerRequest'];
export type PassengerType = Schemas['PassengerType'];
export type Contact = Schemas['ContactRequest'];
export type PaymentMethod = Schemas['PaymentMethod'];
export type FieldViolation = Schemas['FieldViolation'];
export type SeatConflict = Schemas['SeatConflict'];
export type Problem = Schemas['Problem'];
export type BookingPolicy = Schemas['BookingPolicyResponse'];
export type DemoAccount = Schemas['DemoAccountResponse'];
