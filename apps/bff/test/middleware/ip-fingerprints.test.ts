import { Fingerprinter } from '@cardbind/core/pii';
import { describe, expect, it } from 'vitest';
import { ipFingerprints } from '../../src/middleware/ip-fingerprints.js';

/** Counts the HMACs the memo asks for. */
function countingFingerprinter() {
  const fingerprinter = new Fingerprinter('k'.repeat(32));
  const asked: string[] = [];
  const counting = Object.create(fingerprinter) as Fingerprinter;
  counting.fingerprint = (kind, value) => {
    asked.push(value);
    return fingerprinter.fingerprint(kind, value);
  };
  return { fingerprinter, counting, asked };
}

describe('client IP fingerprints', () => {
  it("are the fingerprinter's own 'ip' fingerprints, computed once per IP while it is remembered", () => {
    const { fingerprinter, counting, asked } = countingFingerprinter();
    const ipFingerprint = ipFingerprints(counting, 8);
    const first = ipFingerprint('203.0.113.7');
    expect(first).toBe(fingerprinter.fingerprint('ip', '203.0.113.7'));
    expect(first).not.toContain('203.0.113.7');
    expect(ipFingerprint('203.0.113.7')).toBe(first);
    expect(ipFingerprint('2001:db8::1')).toBe(fingerprinter.fingerprint('ip', '2001:db8::1'));
    expect(asked).toEqual(['203.0.113.7', '2001:db8::1']);
  });

  it('remember a bounded number of IPs, forgetting the oldest first', () => {
    const { counting, asked } = countingFingerprinter();
    const ipFingerprint = ipFingerprints(counting, 3);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) ipFingerprint(ip);
    asked.length = 0;
    ipFingerprint('10.0.0.4');
    ipFingerprint('10.0.0.2');
    expect(asked).toEqual([]);
    ipFingerprint('10.0.0.1');
    expect(asked).toEqual(['10.0.0.1']);
  });
});
