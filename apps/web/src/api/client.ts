import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/openapi';
import { API_BASE_URL } from '../lib/env';

/** The only HTTP client of the app: typed from openapi/openapi.json. */
export const api = createClient<paths>({ baseUrl: API_BASE_URL });

let currentToken: () => string | undefined = () => undefined;

/** The session tells the client which bearer token to send (src/session). */
export function setTokenSource(source: () => string | undefined): void {
  currentToken = source;
}

/** Adds the session's bearer token unless the call brought its own (a booking access token). */
const bearer: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token && !request.headers.has('authorization')) {
      request.headers.set('authorization', `Bearer ${token}`);
    }
    return request;
  },
};
api.use(bearer);

/** `Authorization` for a call made with a specific token. */
export const withToken = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};
