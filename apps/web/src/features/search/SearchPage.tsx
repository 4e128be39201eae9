import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PageTitle } from '../../ui/PageTitle';
import { TRIPS_PAGE_SIZE, useTrips, type TripFilters } from '../trips/queries';
import { SearchForm } from './SearchForm';
import { TripCard } from './TripCard';

/** `/`: find a trip by origin, destination and date; the filters live in the URL. */
export function SearchPage() {
  const { t, tp } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters: TripFilters = {
    origin: params.get('from') ?? undefined,
    destination: params.get('to') ?? undefined,
    date: params.get('date') ?? undefined,
  };
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const trips = useTrips(filters, page * TRIPS_PAGE_SIZE);

  const search = (next: TripFilters) => {
    const query = new URLSearchParams();
    if (next.origin) query.set('from', next.origin);
    if (next.destination) query.set('to', next.destination);
    if (next.date) query.set('date', next.date);
    setParams(query);
  };
  const goTo = (nextPage: number) => {
    const query = new URLSearchParams(params);
    query.set('page', String(nextPage));
    setParams(query);
  };
  const total = trips.data?.total ?? 0;
  const pages = Math.ceil(total / TRIPS_PAGE_SIZE);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <PageTitle title={t('search.title')}>{t('search.heading')}</PageTitle>
        <p className="text-slate-700 dark:text-slate-300">{t('search.intro')}</p>
      </div>
      <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900">
        <SearchForm key={params.toString()} filters={filters} onSearch={search} />
      </div>
      <section
        aria-labelledby="results-heading"
        aria-busy={trips.isFetching}
        className="flex flex-col gap-4"
      >
        <h2 id="results-heading" className="text-lg font-semibold">
          {trips.data ? tp('search.results', total) : t('search.resultsHeading')}
        </h2>
        {trips.isError && (
          <Alert
            tone="error"
            role="alert"
            action={
              <Button size="sm" onClick={() => void trips.refetch()}>
                {t('common.retry')}
              </Button>
            }
          >
            {trips.error.message}
          </Alert>
        )}
        {trips.isPending && (
          <p className="text-slate-700 dark:text-slate-300">{t('common.loading')}</p>
        )}
        {trips.data && trips.data.items.length === 0 && (
          <Alert tone="info">{t('search.noResults')}</Alert>
        )}
        {trips.data && trips.data.items.length > 0 && (
          <ul className="flex flex-col gap-4">
            {trips.data.items.map((trip) => (
              <TripCard key={trip.id} trip={trip} />
            ))}
          </ul>
        )}
        {pages > 1 && (
          <nav
            aria-label={t('pagination.label')}
            className="flex items-center justify-between gap-3"
          >
            <Button variant="secondary" disabled={page === 0} onClick={() => goTo(page - 1)}>
              {t('pagination.previous')}
            </Button>
            <span className="text-sm">{t('pagination.page', { page: page + 1, pages })}</span>
            <Button variant="secondary" disabled={page + 1 >= pages} onClick={() => goTo(page + 1)}>
              {t('pagination.next')}
            </Button>
          </nav>
        )}
      </section>
    </div>
  );
}
