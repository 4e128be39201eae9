import * as Tabs from '@radix-ui/react-tabs';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Booking } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { Account } from '../../session/session';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { ListStatus } from '../../ui/ListStatus';
import { PageTitle } from '../../ui/PageTitle';
import { RequireUser } from '../auth/RequireUser';
import { useUserBookings, type BookingSort, type BookingTab } from './booking-api';
import { BookingListItem } from './BookingListItem';
import { BookingStatsCard } from './BookingStatsCard';
import { ClaimDialog } from './ClaimDialog';

const TABS: BookingTab[] = ['upcoming', 'pending', 'completed', 'cancelled'];
const SORTS: BookingSort[] = ['departureAt', 'createdAt', 'reference', 'status'];
const PAGE_SIZE = 10;

const isTab = (value: string | null): value is BookingTab => TABS.some((tab) => tab === value);
const isSort = (value: string | null): value is BookingSort => SORTS.some((sort) => sort === value);

/**
 * A reference (or part of one) is letters and digits, with a digit somewhere (its date):
 * `BUS2026…`, `K7QM4X`. Anything else (`Sa Pa`, `Huế`) is looked for in the routes.
 */
const looksLikeReference = (text: string) =>
  /^[A-Za-z0-9]*\d[A-Za-z0-9]*$/.test(text.replace(/[\s-]/g, ''));

/** Route searches look through this many bookings of the tab (the API searches references only). */
const ROUTE_SEARCH_WINDOW = 100;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

/** `/account/bookings`: the signed-in traveller's bookings. */
export function MyBookingsPage() {
  return <RequireUser>{(account) => <MyBookings account={account} />}</RequireUser>;
}

function MyBookings({ account }: { account: Account }) {
  const { t, tp } = useI18n();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const sortParam = params.get('sort');
  const tab: BookingTab = isTab(tabParam) ? tabParam : 'upcoming';
  const sort: BookingSort = isSort(sortParam) ? sortParam : 'departureAt';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const search = params.get('q') ?? '';
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const [claiming, setClaiming] = useState(false);
  const [text, setText] = useState(search);

  const reference =
    search && looksLikeReference(search) ? search.replace(/[\s-]/g, '').toUpperCase() : undefined;
  const route = search && !looksLikeReference(search) ? fold(search) : undefined;
  const bookings = useUserBookings(account.id, {
    tab,
    q: reference,
    sort,
    order,
    offset: route ? 0 : page * PAGE_SIZE,
    limit: route ? ROUTE_SEARCH_WINDOW : PAGE_SIZE,
  });
  const matching: Booking[] = route
    ? (bookings.data?.items ?? []).filter((booking) =>
        fold(`${booking.trip.origin} ${booking.trip.destination}`).includes(route),
      )
    : (bookings.data?.items ?? []);
  const total = route ? matching.length : (bookings.data?.total ?? 0);
  const items = route ? matching.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) : matching;
  const pages = Math.ceil(total / PAGE_SIZE);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() || undefined });
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageTitle>{t('myBookings.title')}</PageTitle>
        <Button variant="secondary" onClick={() => setClaiming(true)}>
          {t('claim.open')}
        </Button>
      </div>
      <BookingStatsCard userId={account.id} />
      <Tabs.Root
        value={tab}
        onValueChange={(value) => update({ tab: value })}
        className="flex flex-col gap-4"
      >
        <Tabs.List
          aria-label={t('myBookings.tabs')}
          className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800"
        >
          {TABS.map((value) => (
            <Tabs.Trigger
              key={value}
              value={value}
              className="-mb-px min-h-11 border-b-2 border-transparent px-3 text-sm font-semibold text-slate-700 hover:text-slate-950 data-[state=active]:border-brand-600 data-[state=active]:text-brand-800 dark:text-slate-300 dark:hover:text-white dark:data-[state=active]:border-brand-300 dark:data-[state=active]:text-brand-100"
            >
              {t(`myBookings.tab.${value}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <form role="search" onSubmit={submitSearch} className="flex flex-1 items-end gap-2">
            <TextField
              label={t('myBookings.search')}
              hint={t('myBookings.searchHint')}
              value={text}
              onChange={(event) => setText(event.target.value)}
              frameClassName="flex-1"
            />
            <Button type="submit" variant="secondary" className="mb-[1.375rem]">
              {t('search.submit')}
            </Button>
          </form>
          <SelectField
            label={t('myBookings.sort')}
            value={`${sort}:${order}`}
            onChange={(event) => {
              const [nextSort, nextOrder] = event.target.value.split(':');
              update({ sort: nextSort, order: nextOrder });
            }}
            frameClassName="sm:w-72 sm:mb-[1.375rem]"
          >
            {SORTS.flatMap((value) =>
              (['desc', 'asc'] as const).map((direction) => (
                <option key={`${value}:${direction}`} value={`${value}:${direction}`}>
                  {t(`myBookings.sortBy.${value}.${direction}`)}
                </option>
              )),
            )}
          </SelectField>
        </div>
        {TABS.map((value) => (
          <Tabs.Content key={value} value={value} className="flex flex-col gap-3 outline-none">
            <ListStatus query={bookings} count={tp('myBookings.count', total)} />
            {bookings.data && items.length === 0 && <Alert>{t('myBookings.empty')}</Alert>}
            {items.length > 0 && (
              <ul className="flex flex-col gap-3" aria-label={t(`myBookings.tab.${value}`)}>
                {items.map((booking) => (
                  <BookingListItem key={booking.bookingId} booking={booking} />
                ))}
              </ul>
            )}
          </Tabs.Content>
        ))}
      </Tabs.Root>
      {pages > 1 && (
        <nav aria-label={t('pagination.label')} className="flex items-center justify-between gap-3">
          <Button
            variant="secondary"
            disabled={page === 0}
            onClick={() => update({ page: String(page - 1) })}
          >
            {t('pagination.previous')}
          </Button>
          <span className="text-sm">{t('pagination.page', { page: page + 1, pages })}</span>
          <Button
            variant="secondary"
            disabled={page + 1 >= pages}
            onClick={() => update({ page: String(page + 1) })}
          >
            {t('pagination.next')}
          </Button>
        </nav>
      )}
      <ClaimDialog
        userId={account.id}
        defaultEmail={account.email}
        open={claiming}
        onOpenChange={setClaiming}
      />
    </div>
  );
}
