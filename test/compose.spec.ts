import type { WebhookDeliveryStore } from '@app/webhooks';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Pool } from 'pg';
import { Clock } from '@app/clock';
import {
  AppConfig,
  loadConfig,
  OPERATOR_SECRET_NAMES,
  SECRET_NAMES,
  writeOperatorSecretFiles,
  writeSecretFiles,
} from '@app/config';
import { JobQueues } from '@app/jobs';
import { WaitlistRepository } from '@app/seating';
import { BusinessMetrics } from '../apps/api/src/ops/business-metrics';
import { Metrics } from '../apps/api/src/ops/metrics';
import { QueueMetrics } from '../apps/api/src/ops/queue-metrics';
import { PiiCipher, piiKeysFrom } from '@app/privacy';
import { TicketSigner, ticketKeyFrom } from '@app/ticketing';
import { testTempDir } from './utils/tmp';

/**
 * `docker compose -f docker/compose.yml up` must start a working stack, on a machine where no
 * variable is set. No Docker engine is needed: the file is parsed as compose parses it (anchors,
 * merge keys, `${VAR:-default}`) and each app service's environment goes through the service's
 * own config loader in production mode. What production requires is asked of that loader, not
 * listed here.
 */

const ROOT = join(__dirname, '..');
const APP_SERVICES = ['api', 'worker'] as const;

type Environment = Record<string, string | undefined>;

interface Service {
  image?: string;
  ports?: string[];
  command?: string[];
  restart?: string;
  volumes?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: unknown;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
}

const VARIABLE = /\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-?+])([^}$]*))?\}|([A-Za-z_]\w*))/g;

/** Compose's interpolation of one string, against the shell's environment. */
function interpolate(text: string, shell: Environment): string {
  if (text.replace(VARIABLE, '').includes('$')) {
    throw new Error(`interpolation this test does not understand: ${text}`);
  }
  return text.replace(
    VARIABLE,
    (_match, dollar?: string, name?: string, operator?: string, argument = '', bare?: string) => {
      if (dollar) return '$';
      if (bare) return shell[bare] ?? '';
      const value = shell[name!];
      const isSet = operator?.startsWith(':') ? !!value : value !== undefined;
      switch (operator?.replace(':', '')) {
        case '-':
          return isSet ? value! : interpolate(argument, shell);
        case '+':
          return isSet ? interpolate(argument, shell) : '';
        case '?':
          if (!isSet) throw new Error(`compose refuses to start: ${name} ${argument}`);
          return value!;
        default:
          return value ?? '';
      }
    },
  );
}

function interpolateAll(node: unknown, shell: Environment): unknown {
  if (typeof node === 'string') return interpolate(node, shell);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, shell));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateAll(value, shell)]),
    );
  }
  return node;
}

/** The compose file as `docker compose config` sees it, given the shell's environment. */
function loadCompose(shell: Environment): { services: Record<string, Service> } {
  const text = readFileSync(join(ROOT, 'docker/compose.yml'), 'utf8');
  return interpolateAll(parse(text, { merge: true }), shell) as {
    services: Record<string, Service>;
  };
}

/** The variables compose gives the service's container (the shell's only through the file). */
function containerEnvironment(service: Service): Environment {
  if (service.env_file !== undefined) throw new Error('env_file is not read by this test');
  const entries: [string, string | undefined][] = Array.isArray(service.environment)
    ? service.environment.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, undefined] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(service.environment ?? {}).map(([name, value]) => [
        name,
        value === null ? undefined : String(value),
      ]);
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function without(env: Environment, name: string): Environment {
  const { [name]: _removed, ...rest } = env;
  return rest;
}

function refuses(env: Environment): boolean {
  try {
    loadConfig(env);
    return false;
  } catch {
    return true;
  }
}

/** The variables of `env` without which the config loader refuses to start. */
function requiredBy(env: Environment): string[] {
  return Object.keys(env).filter((name) => refuses(without(env, name)));
}

const SECRETS = SECRET_NAMES;

/**
 * The environment an app container runs with once the one-shot `secrets` service has written
 * its files: that service's command run here, into a folder of the test's, the NAME_FILE paths
 * pointed at it.
 */
function withGeneratedSecrets(env: Environment, folder: string): Environment {
  const generator = compose.services.secrets;
  const target = generator.command?.at(-1) ?? '';
  expect(generator.command?.join(' ')).toContain('dist/scripts/generate-secrets.js');
  writeSecretFiles(folder);
  writeOperatorSecretFiles(folder);
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      name.endsWith('_FILE') && value?.startsWith(`${target}/`)
        ? `${folder}${value.slice(target.length)}`
        : value,
    ]),
  );
}

// A fresh machine: nothing set in the shell, so every `${VAR:-default}` takes its default.
const compose = loadCompose({});

describe('docker/compose.yml', () => {
  it('finds secrets for the test to check', () => {
    expect(SECRETS.length).toBeGreaterThan(0);
    for (const name of APP_SERVICES) expect(compose.services[name]).toBeDefined();
  });

  describe.each(APP_SERVICES)('the %s service', (name) => {
    const service = compose.services[name];
    const folder = testTempDir('compose-secrets');
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const files = containerEnvironment(service);
    const env = withGeneratedSecrets(files, folder);

    it('passes the production config checks with the demo defaults', () => {
      expect(env.NODE_ENV).toBe('production');
      let config: AppConfig | undefined;
      expect(() => (config = loadConfig(env))).not.toThrow();
      expect(config!.isProduction).toBe(true);
      expect(config!.developmentSecrets).toEqual([]);
    });

    it('writes no secret: each comes from the secrets service’s files, or from the shell', () => {
      const required = requiredBy(env);
      expect(required).toEqual(expect.arrayContaining(SECRETS.map((secret) => `${secret}_FILE`)));
      for (const secret of SECRETS) {
        expect([secret, files[secret] ?? '']).toEqual([secret, '']);
        expect(service.volumes).toContainEqual(
          expect.stringContaining(`:${files[`${secret}_FILE`]!.replace(/\/[^/]+$/, '')}`),
        );
      }
      // without the files, production refuses to start
      expect(() => loadConfig(files)).toThrow(/no such|cannot be read/i);
      // a value from the shell wins over the file
      const real = containerEnvironment(
        loadCompose({ [SECRETS[0]]: 'r'.repeat(40) }).services[name],
      );
      expect(real[SECRETS[0]]).toBe('r'.repeat(40));
    });

    it('has keys the ticket signer and the PII cipher accept, as they load them at start-up', () => {
      const config = loadConfig(env);
      const signer = new TicketSigner(ticketKeyFrom(config.tickets.signingKey));
      expect(signer.publicKeyPem()).toContain('BEGIN PUBLIC KEY');
      const cipher = new PiiCipher(
        piiKeysFrom(config.privacy.encryptionKeys, config.privacy.blindIndexKey),
      );
      expect(cipher.open(cipher.seal('079123456789'))).toBe('079123456789');
    });

    it('waits for the services its URLs point at to be healthy', () => {
      const dependsOn = service.depends_on;
      expect(dependsOn).toBeDefined();
      expect(Array.isArray(dependsOn)).toBe(false);
      const hosts = ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL']
        .map((variable) => env[variable])
        .filter((url): url is string => !!url)
        .map((url) => new URL(url).hostname)
        .filter((host) => host in compose.services);
      expect(hosts.length).toBeGreaterThan(0);
      for (const host of hosts) {
        expect([host, (dependsOn as Record<string, { condition?: string }>)[host]]).toEqual([
          host,
          expect.objectContaining({ condition: 'service_healthy' }),
        ]);
      }
    });
  });

  it('seeds demo data from the api only', () => {
    const folder = testTempDir('compose-secrets');
    const configOf = (name: string) =>
      loadConfig(withGeneratedSecrets(containerEnvironment(compose.services[name]), folder));
    try {
      expect(configOf('api').database.seedDemo).toBe(true);
      expect(configOf('worker').database.seedDemo).not.toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('gives every long-running service a health check; the api’s asks /health/ready', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.restart === 'no') continue; // runs once (the secrets)
      const test = service.healthcheck?.test;
      expect([name, service.healthcheck?.disable ?? false]).toEqual([name, false]);
      expect([name, [test].flat().length > 0 && [test].flat()[0] !== 'NONE']).toEqual([name, true]);
    }
    expect([compose.services.api.healthcheck!.test].flat().join(' ')).toContain('/health/ready');
  });

  it('runs built files that exist in the source', () => {
    const commands = [
      ...Object.values(compose.services).map((s) => [s.healthcheck?.test].flat().join(' ')),
      ...Object.values(compose.services).map((s) => (s.command ?? []).join(' ')),
      readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8'),
    ].join('\n');
    const built = [...commands.matchAll(/\bdist\/([\w/.-]+)\.js\b/g)].map((m) => m[1]);
    expect(built).toEqual(
      expect.arrayContaining(['apps/worker/src/healthcheck', 'scripts/generate-secrets']),
    );
    for (const file of built)
      expect([file, existsSync(join(ROOT, `${file}.ts`))]).toEqual([file, true]);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image === undefined) continue;
      const tag = /:([^/:]+)$/.exec(service.image)?.[1];
      expect([name, tag !== undefined && tag !== 'latest' && tag !== 'edge']).toEqual([name, true]);
    }
  });
});

describe('docker/Dockerfile', () => {
  it('gives /app to the node user the app runs as', () => {
    const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
    const runtime = /^FROM \S+ AS runtime$([\s\S]*?)^FROM /m.exec(dockerfile)?.[1] ?? '';
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^RUN chown node:node \/app\b/m);
    const copies = runtime.split('\n').filter((line) => line.startsWith('COPY '));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy).toContain('--chown=node:node');
  });
});

describe('.env.example', () => {
  const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
  const assigned = new Map(
    lines.flatMap((line, index) => {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      return match ? [[match[1], { value: match[2], index }] as const] : [];
    }),
  );

  it('names, with a comment, every variable production requires', () => {
    const required = new Set([
      'NODE_ENV',
      ...SECRETS,
      ...APP_SERVICES.flatMap((name) => {
        const folder = testTempDir('compose-secrets');
        try {
          const env = withGeneratedSecrets(containerEnvironment(compose.services[name]), folder);
          return requiredBy(env).filter((variable) => !variable.endsWith('_FILE'));
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }),
    ]);
    for (const name of required) {
      const entry = assigned.get(name);
      expect([name, entry !== undefined]).toEqual([name, true]);
      expect([name, lines[entry!.index - 1]]).toEqual([name, expect.stringMatching(/^#/)]);
    }
    expect(assigned.get('NODE_ENV')?.value).toBe('production');
  });

  it('ships no usable secret', () => {
    for (const name of SECRETS) expect([name, assigned.get(name)?.value]).toEqual([name, '']);
    const env = Object.fromEntries([...assigned].map(([name, { value }]) => [name, value]));
    expect(() => loadConfig(env)).toThrow(/required when NODE_ENV=production/);
  });
});

/** The names of every series the API exports on /metrics, read from its registry. */
function exportedMetricNames(): Set<string> {
  const metrics = new Metrics();
  const unused = {} as never;
  new BusinessMetrics(
    metrics,
    unused as Pool,
    unused as WaitlistRepository,
    unused as WebhookDeliveryStore,
    unused as Clock,
  ).onModuleInit();
  new QueueMetrics(metrics, unused as JobQueues, unused as Clock).onModuleInit();
  return new Set(
    metrics.registry.getMetricsAsArray().flatMap((metric) => {
      const { name, type } = metric as unknown as { name: string; type: string };
      return type === 'histogram'
        ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]
        : [name];
    }),
  );
}

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'le',
]);

/** The metric names a PromQL expression selects (not its functions, labels or keywords). */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...bare.matchAll(/([A-Za-z_:][\w:]*)(\s*\()?/g)]
    .filter(([, word, call]) => !call && !PROMQL_WORDS.has(word))
    .map(([, word]) => word);
}

describe('metrics: Prometheus and Grafana in docker/compose.yml', () => {
  const prometheus = compose.services.prometheus;
  const grafana = compose.services.grafana;
  const api = containerEnvironment(compose.services.api);
  const readYaml = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8'));
  /** The container path a compose-relative file or folder is mounted at. */
  const mountOf = (service: Service, source: string) =>
    service.volumes?.find((v) => v.startsWith(`${source}:`))?.split(':')[1];
  const secretsFolder = compose.services.secrets.command!.at(-1)!;

  it('scrapes the api’s /metrics with the token the api expects, from the generated file', () => {
    expect(prometheus.image).toMatch(/^prom\/prometheus:/);
    expect(mountOf(prometheus, './prometheus/prometheus.yml')).toBe(
      '/etc/prometheus/prometheus.yml',
    );
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    const config = readYaml('docker/prometheus/prometheus.yml');
    const job = config.scrape_configs.find(
      (j: { job_name: string }) => j.job_name === 'bus-booking-api',
    );
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs[0].targets).toEqual([`api:${api.PORT}`]);
    // The same file: the api reads its METRICS_TOKEN from it, Prometheus its bearer credentials.
    expect(job.authorization).toEqual({ type: 'Bearer', credentials_file: api.METRICS_TOKEN_FILE });
    expect(api.METRICS_TOKEN_FILE).toBe(`${secretsFolder}/METRICS_TOKEN`);
    expect(OPERATOR_SECRET_NAMES).toContain('METRICS_TOKEN');
    expect(prometheus.volumes).toContain(`secrets:${secretsFolder}:ro`);
    expect(JSON.stringify(config)).not.toMatch(/"credentials"\s*:/);
    // In production /metrics answers only with a token: the api has one from the file.
    const folder = testTempDir('compose-secrets');
    try {
      const config = loadConfig(withGeneratedSecrets(api, folder));
      expect(config.http.metricsToken).toBe(
        readFileSync(join(folder, 'METRICS_TOKEN'), 'utf8').trim(),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('gives Grafana a generated admin password, the Prometheus datasource and the dashboards', () => {
    const env = containerEnvironment(grafana);
    expect(env.GF_SECURITY_ADMIN_PASSWORD).toBeUndefined();
    expect(env.GF_SECURITY_ADMIN_PASSWORD__FILE).toBe(`${secretsFolder}/GRAFANA_ADMIN_PASSWORD`);
    expect(OPERATOR_SECRET_NAMES).toContain('GRAFANA_ADMIN_PASSWORD');
    expect(grafana.volumes).toContain(`secrets:${secretsFolder}:ro`);
    expect(env.GF_AUTH_ANONYMOUS_ENABLED).toBe('false');

    expect(mountOf(grafana, './grafana/provisioning')).toBe('/etc/grafana/provisioning');
    const datasources = readYaml('docker/grafana/provisioning/datasources/prometheus.yml');
    const [source] = datasources.datasources;
    expect(source.type).toBe('prometheus');
    expect(new URL(source.url).hostname).toBe('prometheus');
    expect(new URL(source.url).port).toBe('9090'); // Prometheus's own port (see its ports)
    expect(prometheus.ports).toContain('9090:9090');
    const providers = readYaml('docker/grafana/provisioning/dashboards/bus-booking.yml');
    expect(providers.providers[0].options.path).toBe(mountOf(grafana, './grafana/dashboards'));
  });

  describe('the dashboard', () => {
    const dashboard = JSON.parse(
      readFileSync(join(ROOT, 'docker/grafana/dashboards/bus-booking.json'), 'utf8'),
    ) as {
      uid: string;
      panels: {
        type: string;
        title: string;
        datasource?: { uid: string };
        targets?: { expr: string }[];
      }[];
    };
    const queried = dashboard.panels.filter((p) => p.type !== 'row');
    const exprs = queried.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

    it('queries the provisioned datasource in every panel', () => {
      const datasources = readYaml('docker/grafana/provisioning/datasources/prometheus.yml');
      expect(queried.length).toBeGreaterThan(10);
      for (const panel of queried) {
        expect([panel.title, panel.datasource?.uid]).toEqual([
          panel.title,
          datasources.datasources[0].uid,
        ]);
        expect([panel.title, (panel.targets ?? []).length > 0]).toEqual([panel.title, true]);
      }
    });

    it('queries only metrics the service exports, and shows every one of its own', () => {
      const exported = exportedMetricNames();
      const used = new Set(exprs.flatMap(metricNamesIn));
      for (const name of used) expect([name, exported.has(name)]).toEqual([name, true]);
      for (const name of [
        'http_requests_total',
        'http_request_duration_seconds_bucket',
        'seat_holds_active',
        'bookings',
        'booking_refunds_minor_units',
        'domain_events_total',
        'event_subscription_lag_events',
        'event_subscription_lag_seconds',
        'job_queue_jobs',
        'job_queue_oldest_waiting_seconds',
        'seat_feed_connections',
        'seat_feed_messages_total',
        'waitlist_parties_waiting',
      ]) {
        expect([name, used.has(name)]).toEqual([name, true]);
      }
    });

    it('reads PromQL as the check expects', () => {
      expect(
        metricNamesIn(
          'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{route=~"/a|b"}[$__rate_interval])))',
        ),
      ).toEqual(['http_request_duration_seconds_bucket']);
      expect(metricNamesIn('topk(5, waitlist_parties_waiting) or on() vector(0)')).toEqual([
        'waitlist_parties_waiting',
      ]);
    });
  });
});
