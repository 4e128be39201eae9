import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { PageState } from '../../ui/PageState';
import { PageTitle } from '../../ui/PageTitle';
import { manifestFileName, saveBlob } from './manifest-file';
import { tripCalls, useManifest, type Manifest } from './operator-api';
import { OperatorNav } from './OperatorNav';
import { RequireAdmin } from './RequireAdmin';

/** `/operator/trips/:tripId/manifest`: who boards, seat by seat, with the files for the driver. */
export function ManifestPage() {
  const { tripId = '' } = useParams();
  return <RequireAdmin>{() => <TripManifest tripId={tripId} />}</RequireAdmin>;
}

function TripManifest({ tripId }: { tripId: string }) {
  const { t } = useI18n();
  const [reveal, setReveal] = useState(false);
  const [asking, setAsking] = useState(false);
  const manifest = useManifest(tripId, reveal);

  if (!manifest.data) {
    return (
      <div className="flex flex-col gap-6">
        <OperatorNav />
        <PageState query={manifest} notFound="operator.manifest.notFound" />
      </div>
    );
  }
  return (
    <>
      <ManifestView
        manifest={manifest.data}
        refreshing={manifest.isFetching}
        onReveal={() => setAsking(true)}
        onHide={() => setReveal(false)}
      />
      <Dialog
        open={asking}
        onOpenChange={setAsking}
        title={t('operator.reveal.title')}
        description={t('operator.reveal.description')}
      >
        <div className="flex flex-wrap justify-end gap-3">
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button
            onClick={() => {
              setReveal(true);
              setAsking(false);
            }}
          >
            {t('operator.reveal.confirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function ManifestView({
  manifest,
  refreshing,
  onReveal,
  onHide,
}: {
  manifest: Manifest;
  refreshing: boolean;
  onReveal(): void;
  onHide(): void;
}) {
  const { t, tp } = useI18n();
  const format = useFormat();
  const [downloading, setDownloading] = useState<'csv' | 'pdf'>();
  const [error, setError] = useState<string>();
  const route = `${manifest.origin} → ${manifest.destination}`;

  const download = async (kind: 'csv' | 'pdf') => {
    setDownloading(kind);
    setError(undefined);
    try {
      const blob = await tripCalls.manifestFile(manifest.tripId, kind, manifest.revealed);
      saveBlob(blob, manifestFileName(manifest, kind, format.timeZone, manifest.revealed));
    } catch (failure) {
      setError(isApiError(failure) ? failure.message : t('common.unexpectedError'));
    } finally {
      setDownloading(undefined);
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link
          to="/operator/trips"
          className="self-start text-sm font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-200"
        >
          ← {t('operator.manifest.back')}
        </Link>
        <PageTitle title={t('operator.manifest.title', { route })}>
          {t('operator.manifest.heading')}
          <span className="mt-1 block text-lg font-semibold break-words sm:text-xl">{route}</span>
        </PageTitle>
      </div>
      <OperatorNav />
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-700 dark:text-slate-300">{t('trip.departs')}</dt>
        <dd>{format.dateTime(manifest.departureAt)}</dd>
        <dt className="font-medium text-slate-700 dark:text-slate-300">
          {t('operator.trips.bus')}
        </dt>
        <dd className="break-words">
          {manifest.busName} · {manifest.plateNumber}
        </dd>
        <dt className="font-medium text-slate-700 dark:text-slate-300">
          {t('operator.manifest.generatedAt')}
        </dt>
        <dd>{format.dateTime(manifest.generatedAt)}</dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          busy={downloading === 'csv'}
          onClick={() => void download('csv')}
        >
          {t('operator.manifest.csv')}
        </Button>
        <Button
          variant="secondary"
          busy={downloading === 'pdf'}
          onClick={() => void download('pdf')}
        >
          {t('operator.manifest.pdf')}
        </Button>
        {manifest.revealed ? (
          <Button variant="ghost" onClick={onHide}>
            {t('operator.reveal.hide')}
          </Button>
        ) : (
          <Button variant="ghost" busy={refreshing} onClick={onReveal}>
            {t('operator.reveal.open')}
          </Button>
        )}
      </div>
      {manifest.revealed && (
        <Alert tone="warning" role="status">
          {t('operator.reveal.shown')}
        </Alert>
      )}
      {error && (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      )}
      <p className="text-sm text-slate-700 dark:text-slate-300" role="status">
        {tp('operator.manifest.count', manifest.passengers.length)}
      </p>
      {manifest.passengers.length === 0 ? (
        <Alert>{t('operator.manifest.empty')}</Alert>
      ) : (
        // The table scrolls inside its frame on a narrow screen; the page itself does not
        // (`relative`: the sr-only labels, absolutely positioned, scroll with it too).
        <div
          className="relative overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800"
          role="region"
          aria-labelledby="manifest-caption"
          tabIndex={0}
        >
          <table className="w-full min-w-[44rem] border-collapse text-left text-sm">
            <caption id="manifest-caption" className="sr-only">
              {t('operator.manifest.caption', { route })}
            </caption>
            <thead className="bg-slate-50 dark:bg-slate-800/60">
              <tr>
                {(
                  [
                    'seat',
                    'name',
                    'type',
                    'accessible',
                    'boarded',
                    'reference',
                    'idNumber',
                    'phone',
                  ] as const
                ).map((column) => (
                  <th
                    key={column}
                    scope="col"
                    className="px-3 py-2 font-semibold whitespace-nowrap"
                  >
                    {t(`operator.manifest.column.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {manifest.passengers.map((line) => (
                <tr
                  key={`${line.bookingReference}-${line.seatNumber}`}
                  className="border-t border-slate-200 dark:border-slate-800"
                >
                  <th scope="row" className="px-3 py-2 font-semibold tabular">
                    {line.seatNumber}
                  </th>
                  <td className="px-3 py-2">{line.fullName}</td>
                  <td className="px-3 py-2">{t(`passengerType.${line.passengerType}`)}</td>
                  <td className="px-3 py-2">
                    {line.needsAccessibleSeat ? (
                      <Badge tone="brand">{t('operator.yes')}</Badge>
                    ) : (
                      t('operator.no')
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {line.boarded ? (
                      <Badge tone="success">{t('operator.manifest.boarded')}</Badge>
                    ) : (
                      t('operator.manifest.notBoarded')
                    )}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs break-all">{line.bookingReference}</td>
                  <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">
                    <span className="sr-only">{t(`form.idType.${line.idType}`)}: </span>
                    {line.idNumber}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{line.phone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!manifest.revealed && manifest.passengers.length > 0 && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {t('operator.manifest.masked')}
        </p>
      )}
    </div>
  );
}
