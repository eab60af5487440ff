import * as z from 'zod';
import { ipRange } from '../http/ip-range.js';
import { localizedName } from '../schemas.js';
import { unknownKeyProblems } from './unknown-keys.js';
import { newerKeysDropped } from './versions.js';

const url = z.url({ protocol: /^https?$/ });
const secret = (min: number) => z.string().min(min, `must be at least ${min} characters`);

const merchant = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** SHA-256 hex of the merchant's API key: the key itself is never stored. */
  apiKeySha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 of the API key'),
  /** Origins whose pages may embed the widget for this merchant. */
  allowedOrigins: z.array(z.url()).min(1),
  /** Where signed events are POSTed: terminal bind results, and verification results if asked for. */
  webhook: z
    .strictObject({
      url,
      verificationResults: z.boolean().default(false),
    })
    .optional(),
});

const signingKey = z.strictObject({
  kid: z.string().min(1),
  /** EC P-256 private key as a JWK (`kty`, `crv`, `x`, `y`, `d`). */
  privateJwk: z.strictObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string(),
    y: z.string(),
    d: z.string(),
  }),
  /** Keys after the first only verify, until this time (rotation). ISO date-time. */
  verifyUntil: z.iso.datetime().optional(),
});

export const configSchema = z.strictObject({
  /**
   * The configuration format the file was written for (`init` writes the current one). A file for a
   * newer cardbind has its unknown keys ignored with a warning instead of refused (rolling upgrades).
   */
  schemaVersion: z.number().int().min(1).optional(),
  /** The BFF's public base URL: notification and return URLs are built from it. */
  publicUrl: url,
  merchants: z.array(merchant).min(1),
  /** The first key signs; the others verify until their `verifyUntil`. */
  signingKeys: z.array(signingKey).min(1),
  /** HMAC key for card / ID fingerprints (limits, idempotency, caches). */
  fingerprintSecret: secret(32),
  providers: z.strictObject({
    'tencent-faceid': z
      .strictObject({
        secretId: secret(8),
        secretKey: secret(8),
        endpoint: url.optional(),
        /** The console's public key for `Encryption`: RSA for AES-256-CBC, SM2 for SM4-GCM (SPKI PEM). */
        encryptionPublicKey: z.string().optional(),
        encryptionAlgorithm: z.enum(['AES-256-CBC', 'SM4-GCM']).default('AES-256-CBC'),
      })
      .optional(),
    'tencent-csec': z.strictObject({ secretId: secret(8), secretKey: secret(8), endpoint: url.optional() }).optional(),
    rz: z
      .strictObject({
        endpoint: url,
        merchantNo: z.string().min(1),
        key: secret(8),
        fourElementVerifyType: z.string().optional(),
      })
      .optional(),
    'alibaba-cloudauth': z
      .strictObject({
        accessKeyId: secret(8),
        accessKeySecret: secret(8),
        securityToken: z.string().optional(),
        /** Tried in order when one cannot be reached; default the central, Shanghai and Beijing endpoints. */
        endpoints: z.array(url).min(1).optional(),
        signing: z.enum(['v3', 'v1']).default('v3'),
        /** `md5`: parts of each element hashed, so Alibaba sees less of them. */
        paramType: z.enum(['normal', 'md5']).default('normal'),
      })
      .optional(),
    'aggregate-pay': z
      .strictObject({
        baseUrl: url,
        customerNo: z.string().min(1),
        md5Key: z.string().optional(),
        platformPublicKey: z.string().includes('PUBLIC KEY'),
        merchantPrivateKey: z.string().includes('PRIVATE KEY'),
        /** Where the bank form may be submitted: core's SubmitUrlPolicy, same names. */
        submitUrlPolicy: z.strictObject({
          allowedHosts: z.array(z.string().min(1)).min(1),
          allowHttpLoopback: z.boolean().default(false),
        }),
      })
      .optional(),
  }),
  /** Provider ids per capability, in order of preference (failover). */
  routing: z.strictObject({
    verify2: z.array(z.string()).default([]),
    verify3: z.array(z.string()).default([]),
    verify4: z.array(z.string()).default([]),
    bindCard: z.array(z.string()).default([]),
  }),
  limits: z
    .strictObject({
      sessionAttempts: z.number().int().positive().default(5),
      cardPerDay: z.number().int().positive().default(5),
      idPerDay: z.number().int().positive().default(10),
      /** Browser requests (widget token or none) per client IP per minute. */
      ipPerMinute: z.number().int().positive().default(60),
      /** Server-to-server requests per merchant API key per minute. */
      merchantPerMinute: z.number().int().positive().default(600),
      /** Wrong API keys per client IP per minute; after that every API-key request from it is refused until the minute ends. */
      failedAuthPerMinute: z.number().int().positive().default(10),
      /** Provider notifications per client IP per minute (a provider sends from a few addresses). */
      notifyIpPerMinute: z.number().int().positive().default(600),
      /**
       * Provider notifications this instance decrypts per second, whoever sends them: each
       * costs RSA work on this instance's CPU. Past it: 503 NOTIFY_BUSY, which providers retry.
       */
      notificationsPerSecond: z.number().int().positive().default(10),
      /**
       * Requests per second across all instances, per provider (`tencent-faceid`) or per provider
       * and capability (`alibaba-cloudauth:verify3`, for a provider that counts per product).
       * Added to DEFAULT_PROVIDER_QPS: FaceID 20, Alibaba 50 for each of its three products.
       */
      providerQps: z.record(z.string(), z.number().int().positive()).default({}),
    })
    .prefault({}),
  /**
   * Per provider, the company the consent names as receiving the cardholder's data, in both
   * languages (Tencent's and Alibaba's are known; name any other, or rename those).
   */
  providerNames: z.record(z.string(), localizedName).default({}),
  /**
   * Per provider, the addresses its notifications come from (IPs or CIDR ranges, from the
   * provider's documentation): any other sender is refused before any crypto, and the provider's
   * own get the whole notification budget. Unset for a provider: anyone may send, each sender held
   * to a fair share of the budget.
   */
  notifyFrom: z
    .record(
      z.string(),
      z.array(z.string().refine((range) => ipRange(range) !== undefined, 'not an IP address or CIDR range')).min(1),
    )
    .default({}),
  tokenTtlSeconds: z.number().int().min(60).max(3600).default(600),
  providerTimeoutMs: z.number().int().min(100).max(60_000).default(8_000),
  /** Webhook delivery: exponential backoff from `retryBaseMs`, capped, until `maxAttempts`. */
  webhooks: z
    .strictObject({
      retryBaseMs: z.number().int().min(10).default(5_000),
      retryMaxMs: z.number().int().min(10).default(3_600_000),
      maxAttempts: z.number().int().min(1).max(50).default(16),
      timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
      /** How often a Node instance polls the outbox for due deliveries. */
      pollMs: z.number().int().min(10).default(1_000),
    })
    .prefault({}),
  /**
   * Answer an identical `verified` verification from a cache (keyed by
   * fingerprints, per merchant) within this many seconds; 0 turns it off.
   */
  resultCacheSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(0),
  /**
   * The header a trusted reverse proxy sets to the client IP (for example
   * `x-forwarded-for` or `cf-connecting-ip`). Unset: the socket address.
   */
  clientIpHeader: z.string().toLowerCase().optional(),
  /** A pending bind order older than this is reconciled through the provider's query API. */
  reconcileAfterSeconds: z.number().int().min(1).default(60),
  /**
   * SHA-256 hex of the operator key: `Authorization: Bearer <operator key>`
   * reads the metrics. Apart from the merchants' keys (a merchant sees its own
   * data, an operator the instance's health).
   */
  operatorKeySha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 of the operator key')
    .optional(),
  /**
   * The operations page (`GET /ops`, read with the operator key or a merchant API key): provider
   * health and breaker state, paid calls and spend per day, outcome mix, latency, webhooks, orders.
   */
  operations: z
    .strictObject({
      /** Serve the page and keep its counts (per instance in memory, written to the store every few seconds). */
      page: z.boolean().default(true),
      /** What one paid call costs, per provider id, in `currency` (0.3 for 三毛钱): spend = paid calls × price. */
      unitPrices: z.record(z.string(), z.number().nonnegative()).default({}),
      /** ISO 4217 code of the prices. */
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY')
        .default('CNY'),
    })
    .prefault({}),
  /**
   * Holds every answer to its route's declaration (status, body schema, refusal code) and says
   * on the request's log line whether it kept it (`answer`, and `answerProblem` when not): for
   * development and staging. Off by default, and then it costs nothing.
   */
  checkAnswers: z.boolean().default(false),
  /** Both off by default: off, nothing is instrumented and nothing costs. */
  telemetry: z
    .strictObject({
      /** OpenTelemetry spans through the tracer provider the process registered (docs/operations.md). */
      traces: z.boolean().default(false),
      /** `GET /metrics` in the Prometheus text format (the Node entry), behind the operator key. */
      metrics: z.boolean().default(false),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;

/** The providers' documented rates, unless `limits.providerQps` says otherwise. */
export const DEFAULT_PROVIDER_QPS: Readonly<Record<string, number>> = {
  'tencent-faceid': 20,
  'alibaba-cloudauth:verify2': 50,
  'alibaba-cloudauth:verify3': 50,
  'alibaba-cloudauth:verify4': 50,
};
export type ConfigInput = z.input<typeof configSchema>;

/**
 * Validates a configuration. The error names each bad path and what is wrong
 * with it, never the value (it may be a secret).
 */
export function parseConfig(input: unknown): Config {
  let result = configSchema.safeParse(input);
  const dropped = result.success ? undefined : newerKeysDropped(input, result.error.issues);
  if (dropped) result = configSchema.safeParse(dropped.input);
  if (result.success) {
    // An open metrics endpoint would tell anyone the traffic and the spend: it needs a key.
    if (result.data.telemetry.metrics && !result.data.operatorKeySha256) {
      throw new ConfigError([
        'telemetry.metrics: needs operatorKeySha256 (the metrics are read with the operator key)',
      ]);
    }
    if (dropped) ignoredKeys.set(result.data, dropped.warnings);
    return result.data;
  }
  const problems = result.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? unknownKeyProblems(configSchema, i.path, i.keys)
      : [`${i.path.join('.') || '(root)'}: ${i.message}`],
  );
  throw new ConfigError(problems);
}

/** Per parsed configuration, the keys of a newer file that were ignored (said at start and by `check`). */
const ignoredKeys = new WeakMap<Config, string[]>();
export const configWarnings = (config: Config): readonly string[] => ignoredKeys.get(config) ?? [];

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid cardbind configuration:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}
