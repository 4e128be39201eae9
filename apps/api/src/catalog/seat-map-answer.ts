import type { FastifyReply } from 'fastify';
import type { SeatMapView } from '@app/seating';
import { sharedAnswer } from '../http/shared-answers';

/** A seat map's answer, one per view: views are shared while nothing on the map changes. */
const mapAnswers = new WeakMap<SeatMapView, object>();

function mapAnswer(seatMap: SeatMapView): object {
  let answer = mapAnswers.get(seatMap);
  if (!answer) {
    answer = sharedAnswer({ kind: 'map', ...seatMap });
    mapAnswers.set(seatMap, answer);
  }
  return answer;
}

/** What a seat-map read answers with: its body, and the version its ETag names. */
export interface SeatMapAnswer {
  body: object;
  version: number;
  /** False while a hold has lapsed unrecorded: the map changed, the version not yet. */
  versionIsExact: boolean;
}

/** The answer to a whole-map read (GetSeatMapQuery). */
export const wholeMapAnswer = ({
  seatMap,
  versionIsExact,
}: {
  seatMap: SeatMapView;
  versionIsExact: boolean;
}): SeatMapAnswer => ({ body: mapAnswer(seatMap), version: seatMap.version, versionIsExact });

/** The seat map, or 304 when the client's ETag is still the map's. */
export async function sendSeatMap(
  reply: FastifyReply,
  read: SeatMapAnswer,
  ifNoneMatch: string | undefined,
): Promise<void> {
  const etag = `"${read.version}"`;
  // Seat maps differ per caller (heldByYou), so caches must key on the token.
  void reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'Authorization');
  // A hold that lapsed before its expiry is recorded changed the map but not the version:
  // the map is then sent in full until the expiry moves the version on.
  const unchanged =
    read.versionIsExact &&
    !!ifNoneMatch &&
    ifNoneMatch.split(',').some((given) => given.trim().replace(/^W\//, '') === etag);
  if (unchanged) {
    await reply.status(304).send();
    return;
  }
  await reply.status(200).send(read.body);
}
