import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { refundTermsOf } from '@app/booking-domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ASYNCAPI_DOCUMENT_URL } from './asyncapi.route';
import { declaredProblemsByOperation, documentProblems } from './openapi-problems';

/** Stands in the documentation for the refund tiers in force, filled in from the config. */
export const REFUND_TERMS = '{refundTerms}';

const TAGS: [name: string, description: string][] = [
  ['Catalog', 'Trips, their buses and fares, and the live seat map.'],
  ['Seat holds', 'Temporary, exclusive holds on seats, all or nothing, that lapse on their own.'],
  [
    'Bookings',
    'Held seats turned into bookings: price, passengers, payment, cancellation, history.',
  ],
  ['Guest services', 'Bookings without an account: lookup and access by reference and contact.'],
  ['Identity', 'Guest sessions; user tokens come from the platform’s auth service.'],
  ['E-tickets', 'PDF and HTML e-tickets with signed QR codes, e-mail delivery and boarding.'],
  ['Catalog (admin)', 'Buses and trips, for the bus operator’s staff (role admin).'],
  ['Operations', 'Health checks for load balancers and orchestrators.'],
];

/**
 * The OpenAPI document of record: operation ids are the handlers' names, and every error
 * response is generated from the error catalog (see openapi-problems.ts).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Bus booking service')
    .setDescription(
      'Seat maps, seat holds, bookings, guest checkout and e-tickets. Errors are ' +
        '`application/problem+json` (RFC 9457) with a stable `code`; each operation lists the ' +
        'codes it can answer with. Money is integer minor units; times are RFC 3339.' +
        '\n\nAuthentication: `Authorization: Bearer <JWT>`, a user token from the platform’s ' +
        'auth service or a guest token from `POST /guest/sessions`.' +
        `\n\nReal-time seats: the Socket.io namespace \`/seats\`, described by its AsyncAPI ` +
        `document at [${ASYNCAPI_DOCUMENT_URL}](${ASYNCAPI_DOCUMENT_URL}).`,
    )
    .setVersion('0.1.0')
    .addServer('http://localhost:3000', 'Local development (`npm start`)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
  });
  documentProblems(document, declaredProblemsByOperation(app));
  const terms = refundTermsOf(app.get<AppConfig>(APP_CONFIG).booking);
  return JSON.parse(JSON.stringify(document).replaceAll(REFUND_TERMS, terms)) as OpenAPIObject;
}
