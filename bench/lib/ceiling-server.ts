import Fastify from 'fastify';

/** The fastest this machine serves a small JSON answer: the ceiling the benchmarks compare against. */
async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? 3900);
  const app = Fastify({ logger: false });
  app.get('/ping', async () => ({ ok: true }));
  await app.listen({ port, host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
