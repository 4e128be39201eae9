/* eslint-disable no-console */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { toString as qrSvg } from 'qrcode';
import * as ts from 'typescript';
import { TicketSigner } from '@app/ticketing';
import { startTestServer, TestServer, tokenFor } from '../utils/api-server';
import { readPdf } from '../utils/pdf';
import {
  ObservedResponse,
  opaqueSchemas,
  OpenApiDocument,
  ResponseValidator,
} from './response-validator';

/**
 * A typed client of openapi/openapi.json, proven: types generated with openapi-typescript, a
 * flow written against them with openapi-fetch (.flow/flow.ts) that tsc --strict accepts with
 * no casts, and that flow run against a real server with every answer checked against the
 * document (status, content type, body).
 */

const ROOT = join(__dirname, '..', '..');
/** The committed document; TYPED_CLIENT_OPENAPI=<file> checks another (a candidate, /docs-json). */
const DOCUMENT_FILE = process.env.TYPED_CLIENT_OPENAPI
  ? resolve(process.env.TYPED_CLIENT_OPENAPI)
  : join(ROOT, 'openapi', 'openapi.json');
const FLOW_FILE = join(__dirname, '.flow', 'flow.ts');

/**
 * openapi-typescript as a frontend team runs it, with its defaults. (Its CLI, in a process of its
 * own: the library needs require(esm), which Jest's module loader does not do.)
 */
function generateTypes(output: string): void {
  const cli = join(dirname(require.resolve('openapi-typescript')), '..', 'bin', 'cli.js');
  execFileSync(process.execPath, [cli, DOCUMENT_FILE, '--output', output], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}

/** The flow's tsconfig: a browser-like client (no Node types), strict. */
const FLOW_TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM'],
    types: [],
    isolatedModules: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ['flow.ts'],
};

/** What .flow/flow.ts exports, as the harness sees it (the flow's own types need the schema). */
interface ScannableTicket {
  pdf: Uint8Array;
  html: string;
  bookingId: string;
  reference: string;
  tripId: string;
  departureAt: string;
  passengers: { seatNumber: string }[];
}
interface FlowModule {
  runFlow(options: {
    baseUrl: string;
    observer: { onResponse(observed: ObservedResponse): Promise<undefined> };
    tokens: { admin: string; driver: string; user: string };
    user: { id: string; email: string };
    scanTicket(ticket: ScannableTicket): Promise<string[]>;
    log?(line: string): void;
  }): Promise<{ tripId: string; bookingId: string; reference: string }>;
}

/** tsc's diagnostics for the folder's tsconfig, one entry per error, paths relative to it. */
function typecheck(dir: string): string[] {
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return [];
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string } & Error;
    const output = `${stdout ?? ''}${stderr ?? ''}`.split(`${dir}/`).join('');
    const errors: string[] = [];
    for (const line of output.split('\n')) {
      if (!line.trim()) continue;
      if (/^\s/.test(line) && errors.length) errors[errors.length - 1] += `\n${line}`;
      else errors.push(line);
    }
    return errors.length ? errors : [message];
  }
}

/** Casts, `any`, non-null assertions, type predicates and @ts- comments in the flow's source. */
function escapeHatches(source: string): string[] {
  const file = ts.createSourceFile('flow.ts', source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) =>
    `flow.ts:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      found.push(`${at(node)}: cast ${node.getText()}`);
    } else if (ts.isNonNullExpression(node)) {
      found.push(`${at(node)}: non-null assertion ${node.getText()}`);
    } else if (node.kind === ts.SyntaxKind.AnyKeyword) {
      found.push(`${at(node)}: any`);
    } else if (ts.isTypePredicateNode(node)) {
      found.push(`${at(node)}: type predicate ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  source.split('\n').forEach((line, i) => {
    if (/@ts-(ignore|expect-error|nocheck)/.test(line)) {
      found.push(`flow.ts:${i + 1}: ${line.trim()}`);
    }
  });
  return found;
}

/** The flow as JavaScript, loaded whether or not tsc accepted it, so both checks report. */
async function loadFlow(dir: string): Promise<FlowModule> {
  const { outputText } = ts.transpileModule(readFileSync(join(dir, 'flow.ts'), 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: 'flow.ts',
  });
  const file = join(dir, 'flow.js');
  writeFileSync(file, outputText);
  return (await import(file)) as FlowModule;
}

/** What test/utils/pdf.ts runs to read a PDF's QR codes (CI has them; a bare machine may not). */
const canReadPdfs = () =>
  ['pdfinfo', 'pdftotext', 'pdftoppm', 'zbarimg'].every(
    (tool) => !spawnSync(tool, ['--version']).error,
  );

describe('A typed client of openapi/openapi.json (openapi-typescript + openapi-fetch)', () => {
  let document: OpenApiDocument;
  let dir: string;

  beforeAll(() => {
    document = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8')) as OpenApiDocument;
    // Inside the checkout, so that the flow finds openapi-fetch in node_modules; git ignores it.
    dir = mkdtempSync(join(__dirname, '.run-'));
    generateTypes(join(dir, 'schema.d.ts'));
    copyFileSync(FLOW_FILE, join(dir, 'flow.ts'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(FLOW_TSCONFIG, null, 2));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the flow without escape hatches: no as, any, !, type predicates or @ts- comments', () => {
    expect(escapeHatches(readFileSync(FLOW_FILE, 'utf8'))).toEqual([]);
  });

  it('typechecks the flow with tsc --strict against the generated types', () => {
    const errors = typecheck(dir);
    console.log(
      `typed client: tsc found ${errors.length} errors in the flow${errors.length ? ':\n' : ''}${errors.join('\n')}`,
    );
    expect(errors).toEqual([]);
  }, 120_000);

  it('says what every object holds (no Record<string, never>, no unknown bodies)', () => {
    const opaque = opaqueSchemas(document);
    if (opaque.length) console.log(`typed client: opaque schemas:\n${opaque.join('\n')}`);
    expect(opaque).toEqual([]);
  });

  describe('against a real server', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({
        BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
        GUEST_OTP_REQUIRED: 'false',
      });
    });
    afterAll(() => server?.close());

    /**
     * Reads the QR codes off the PDF when poppler and zbar are installed (as CI has them);
     * otherwise signs what the issuer signs and checks that the ticket's HTML shows exactly
     * those codes.
     */
    async function scanTicket(ticket: ScannableTicket): Promise<string[]> {
      if (canReadPdfs()) {
        return readPdf(Buffer.from(ticket.pdf)).qrCodes;
      }
      const signer = server.app.get(TicketSigner);
      return Promise.all(
        ticket.passengers.map(async ({ seatNumber }, pax) => {
          const payload = signer.sign({
            v: 1,
            ref: ticket.reference,
            bid: ticket.bookingId,
            trip: ticket.tripId,
            dep: ticket.departureAt,
            seat: seatNumber,
            pax,
          });
          const code = await qrSvg(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
          if (!ticket.html.includes(code)) {
            throw new Error(`the e-ticket does not show the QR code of passenger ${pax}`);
          }
          return payload;
        }),
      );
    }

    it('runs the flow over HTTP, and every answer matches the document', async () => {
      const validator = new ResponseValidator(document);
      const userId = randomUUID();
      const email = `traveller.${userId.slice(0, 8)}@example.com`;
      const steps: string[] = [];
      let outcome = 'completed';
      try {
        const { runFlow } = await loadFlow(dir);
        await runFlow({
          baseUrl: server.baseUrl,
          observer: validator.middleware(),
          tokens: {
            admin: await tokenFor(server.config, ['admin']),
            driver: await tokenFor(server.config, ['driver']),
            user: await tokenFor(server.config, ['user'], userId, email),
          },
          user: { id: userId, email },
          scanTicket,
          log: (line) => steps.push(line),
        });
      } catch (error) {
        outcome = `failed: ${(error as Error).stack ?? String(error)}`;
      }
      const { mismatches } = validator;
      const trouble = mismatches.length > 0 || outcome !== 'completed';
      const answers = validator.checked.map(
        (c) => `  ${c.method} ${c.path} ${c.status} ${c.contentType ?? '-'}`,
      );
      const notExercised = validator.operationsNotExercised();
      console.log(
        [
          `typed client: ${validator.checked.length} responses validated, ${mismatches.length} mismatches`,
          ...mismatches.map((m) => `  ${m}`),
          `flow ${outcome.split('\n')[0]} (${steps.join('; ')})`,
          ...(trouble ? ['answers, in order:', ...answers] : []),
          `operations not exercised: ${notExercised.join(', ') || 'none'}`,
        ].join('\n'),
      );
      expect({ flow: outcome, mismatches }).toEqual({ flow: 'completed', mismatches: [] });
    }, 120_000);
  });
});
