/** Where the API is: VITE_API_URL (`npm run dev:web`), else the page's own origin (served by the API). */
export const API_BASE_URL: string =
  (import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, '') || window.location.origin;
