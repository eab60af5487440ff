import fc from 'fast-check';
import { type Case, type CorpusContext, json, sample, verificationCases } from './cases.js';

/** Verification bodies: bad JSON, wrong types, unknown fields, Unicode tricks, sizes, media types, keys. */
export function bodyCases(ctx: CorpusContext, cases: Case[]) {
  const { valid } = ctx;
  const { verifyCase } = verificationCases(ctx);
  // Bad JSON: random text that does not parse, truncations of a valid body, invalid UTF-8.
  for (const text of sample(
    fc.string({ maxLength: 200 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }),
    250,
  )) {
    cases.push(verifyCase('bad json', text, ['BAD_JSON']));
  }
  const full = json(valid);
  for (let cut = 1; cut < full.length; cut += 2)
    cases.push(verifyCase('truncated json', full.slice(0, cut), ['BAD_JSON']));
  for (const bytes of sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), 60)) {
    cases.push(verifyCase('invalid utf-8', new Uint8Array([0x7b, 0xff, 0xfe, ...bytes]), ['BAD_JSON']));
  }

  // Wrong types: any JSON value that is not an object, and each field replaced by a non-string.
  for (const value of sample(
    fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
    150,
  )) {
    cases.push(verifyCase('not an object', json(value), ['INVALID_REQUEST']));
  }
  const fields = ['name', 'idNumber', 'cardNumber', 'phone', 'kind', 'consent'] as const;
  const nonString = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string()),
    fc.object(),
  );
  for (const [i, value] of sample(nonString, 300).entries()) {
    const field = fields[i % fields.length] ?? 'name';
    if (field === 'consent' && value === true) continue;
    cases.push(verifyCase('wrong type', json({ ...valid, [field]: value }), ['INVALID_REQUEST']));
  }
  for (const extra of sample(
    fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !(k in valid) && k !== 'phone' && k !== '__proto__'),
    80,
  )) {
    cases.push(verifyCase('unknown field', json({ ...valid, [extra]: 'x' }), ['INVALID_REQUEST']));
  }
  for (const field of ['name', 'idNumber', 'cardNumber', 'kind', 'consent'] as const) {
    const { [field]: _dropped, ...rest } = valid;
    cases.push(verifyCase('missing field', json(rest), ['INVALID_REQUEST']));
  }
  cases.push(verifyCase('consent false', json({ ...valid, consent: false }), ['INVALID_REQUEST']));
  cases.push(verifyCase('4 elements without phone', json({ ...valid, kind: 4 }), ['INVALID_INPUT']));

  // Unicode tricks inside otherwise well-formed bodies.
  const tricks = ['\u200b', '\u202e', '\u0000', '\ufeff', '\u2028', '\ud800', '\u0301', '\uff10', 'Ａ', '𝟘', '٣', 'ℂ'];
  for (const [i, trick] of sample(fc.constantFrom(...tricks), 240).entries()) {
    const field = (['cardNumber', 'idNumber', 'name'] as const)[i % 3] ?? 'name';
    const original = String(valid[field]);
    const at = i % original.length;
    const tampered = `${original.slice(0, at) + trick.repeat(1 + (i % 3))}x${original.slice(at)}`;
    cases.push(
      verifyCase('unicode trick', json({ ...valid, [field]: tampered }), ['INVALID_INPUT', 'INVALID_REQUEST']),
    );
  }
  for (const long of sample(fc.string({ minLength: 65, maxLength: 300 }), 40)) {
    cases.push(verifyCase('overlong field', json({ ...valid, name: long }), ['INVALID_REQUEST']));
  }

  // Oversized bodies, honest about their length.
  for (const size of [16 * 1024 + 1, 64 * 1024, 1024 * 1024]) {
    const huge = json({ ...valid, name: 'x'.repeat(size) });
    cases.push(verifyCase('oversized', huge, ['PAYLOAD_TOO_LARGE']));
  }

  // Media type, idempotency key.
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    '',
  ]) {
    cases.push(verifyCase('media type', full, ['UNSUPPORTED_MEDIA_TYPE'], { 'content-type': type }));
  }
  for (const key of sample(
    fc
      .string({ maxLength: 200 })
      .filter((k) => !/^[A-Za-z0-9_-]{8,128}$/.test(k) && !/[\r\n\0]/.test(k) && /^[\x20-\x7e]*$/.test(k)),
    100,
  )) {
    cases.push(
      verifyCase('idempotency key', full, ['IDEMPOTENCY_KEY_REQUIRED', 'IDEMPOTENCY_KEY_INVALID'], {
        'idempotency-key': key.trim(),
      }),
    );
  }
}
