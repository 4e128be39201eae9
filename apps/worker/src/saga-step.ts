import { Logger } from '@nestjs/common';
import { RecordedEvent, withCorrelation } from '@app/event-store';

const logger = new Logger('Saga');

/** An error message without what could be a person's address or number (an SMTP refusal names its recipient). */
export const scrub = (message: string): string =>
  message.replace(/[^\s<>"'@]+@[^\s<>"']+/g, '[e-mail]').replace(/\+?\d[\d .-]{6,}\d/g, '[number]');

/**
 * Runs one step of a saga (a subscription's handling of one event) in the event's correlation,
 * so the events its commands append carry it on (caused by this event), and logs the step as
 * one line with that correlation id: what the step did (`outcome`), or that it failed. Ids and
 * types only: the event's data may hold what a traveller typed.
 */
export async function sagaStep(
  saga: string,
  event: RecordedEvent,
  step: () => Promise<string | void>,
): Promise<void> {
  const { correlationId, eventId } = event.metadata;
  const line = { msg: 'saga step', saga, eventType: event.type, eventId, correlationId };
  try {
    const outcome = await withCorrelation({ correlationId, causationId: eventId }, step);
    logger.log({ ...line, outcome: outcome || 'done' });
  } catch (error) {
    logger.warn({ ...line, outcome: 'failed', error: scrub((error as Error).message) });
    throw error;
  }
}
