import type { components } from '../generated/asyncapi';

/** The seat feed's messages, as openapi/asyncapi.yaml describes them. */
type Schemas = components['schemas'];

export type SeatSnapshot = Schemas['SeatSnapshot'];
export type SeatDelta = Schemas['SeatDelta'];
export type FeedSeatChange = Schemas['SeatChange'];
export type HoldChange = Schemas['HoldChange'];
export type TripUpdate = Schemas['TripUpdate'];
export type FeedProblem = Schemas['SeatFeedProblem'];
export type SubscribeRequest = Schemas['SubscribeRequest'];
export type SubscribeReply = Schemas['SubscribeAccepted'] | Schemas['RequestRefused'];
export type UnsubscribeRequest = Schemas['UnsubscribeRequest'];
