import { createServer } from 'node:http';

/**
 * A stand-in OpenTelemetry collector for the benchmarks: accepts OTLP/HTTP JSON trace exports
 * on POST /v1/traces and drops them, counting requests and spans; GET /stats reports the counts.
 */
function main(): void {
  const port = Number(process.argv[2] ?? 3914);
  let exports = 0;
  let spans = 0;
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ exports, spans }));
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      exports++;
      // Each span has one "spanId" key (its parent's is "parentSpanId").
      spans += Buffer.concat(chunks).toString('utf8').split('"spanId"').length - 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(port, '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
