import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';

/** The operator's terms (pricing rules, holds, refunds, time zone): they change rarely. */
export const policyQuery = queryOptions({
  queryKey: ['booking-policy'],
  queryFn: () => unwrap(api.GET('/booking-policy')),
  staleTime: 10 * 60_000,
});

export const usePolicy = () => useQuery(policyQuery);
