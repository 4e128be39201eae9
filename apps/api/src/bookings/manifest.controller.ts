import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '@app/auth';
import { GetTripManifestQuery, TripManifest } from '@app/booking-domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PdfRenderer } from '@app/ticketing';
import { Authenticated, CurrentActor } from '../http/auth';
import { Problems } from '../http/problems';
import { UuidParam } from '../http/validation';
import { ManifestRequest, TripManifestResponse } from './manifest.dto';
import { MANIFEST_COLUMNS, manifestCsv, manifestRow } from './manifest-export';

@ApiTags('Trips (operator)')
@Controller('admin/trips')
@Authenticated('admin', 'driver')
export class ManifestController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pdf: PdfRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':tripId/manifest')
  @ApiOperation({
    summary: 'The boarding manifest of a trip: JSON, CSV or a printable PDF',
    description:
      'Every passenger of its paid bookings in seat order: name, passenger type, accessible-seat ' +
      'need, boarded or not, booking reference, and ID number and phone masked. With ' +
      '`reveal=true` an admin sees them in clear; each reveal is recorded in the event log ' +
      '(ManifestRevealed, in stream trip-audit-{tripId}) and logged. Drivers and admins.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: TripManifestResponse })
  @Problems('trip.not_found')
  async manifest(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
    @Query() query: ManifestRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const manifest: TripManifest = await this.queries.execute(
      new GetTripManifestQuery(actor, tripId, query.reveal ?? false),
    );
    const name = `manifest-${tripId}`;
    void reply.header('cache-control', 'private, no-store');
    if (query.format === 'csv') {
      await reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(manifestCsv(manifest));
      return;
    }
    if (query.format === 'pdf') {
      const when = new Intl.DateTimeFormat('en-GB', {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: this.config.catalog.timeZone,
      }).format(new Date(manifest.departureAt));
      const pdf = await this.pdf.renderTable({
        title: `Boarding manifest: ${manifest.origin} – ${manifest.destination}`,
        subtitle: `${when} (${this.config.catalog.timeZone}) · ${manifest.busName} (${manifest.plateNumber}) · ${manifest.passengers.length} passenger(s)`,
        columns: [...MANIFEST_COLUMNS],
        rows: manifest.passengers.map(manifestRow),
        footer: `Generated ${manifest.generatedAt}${manifest.revealed ? ' · contains personal data' : ''}`,
      });
      await reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${name}.pdf"`)
        .send(pdf);
      return;
    }
    await reply.header('content-type', 'application/json; charset=utf-8').send(manifest);
  }
}
