import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.mts';

/** Component tests (Testing Library in jsdom): `npm run test:web`, also run by `npm test`. */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      globals: true,
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: ['src/test/setup.ts'],
      css: false,
    },
  }),
);
