import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { usePlaces, type TripFilters } from '../trips/queries';

/** Origin, destination and date (in the catalog's zone); places suggested from the catalog. */
export function SearchForm({
  filters,
  onSearch,
}: {
  filters: TripFilters;
  onSearch(filters: TripFilters): void;
}) {
  const { t } = useI18n();
  const places = usePlaces().data;
  const originsId = useId();
  const destinationsId = useId();
  const [origin, setOrigin] = useState(filters.origin ?? '');
  const [destination, setDestination] = useState(filters.destination ?? '');
  const [date, setDate] = useState(filters.date ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ origin: origin.trim(), destination: destination.trim(), date });
  };

  return (
    <form
      role="search"
      aria-label={t('search.formLabel')}
      onSubmit={submit}
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_auto] lg:items-end"
    >
      <TextField
        label={t('search.origin')}
        name="origin"
        list={originsId}
        value={origin}
        autoComplete="off"
        placeholder={t('search.anywhere')}
        onChange={(event) => setOrigin(event.target.value)}
      />
      <datalist id={originsId}>
        {places?.origins.map((place) => (
          <option key={place} value={place} />
        ))}
      </datalist>
      <TextField
        label={t('search.destination')}
        name="destination"
        list={destinationsId}
        value={destination}
        autoComplete="off"
        placeholder={t('search.anywhere')}
        onChange={(event) => setDestination(event.target.value)}
      />
      <datalist id={destinationsId}>
        {places?.destinations.map((place) => (
          <option key={place} value={place} />
        ))}
      </datalist>
      <TextField
        label={t('search.date')}
        name="date"
        type="date"
        value={date}
        onChange={(event) => setDate(event.target.value)}
      />
      <Button type="submit" className="w-full lg:w-auto">
        {t('search.submit')}
      </Button>
    </form>
  );
}
