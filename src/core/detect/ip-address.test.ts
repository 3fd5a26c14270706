import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/normalize.js';
import { ipAddressDetector } from './ip-address.js';

function ips(text: string): string[] {
  const n = normalize(text);
  return ipAddressDetector.detect(n).map((s) => n.text.slice(s.start, s.end));
}

describe('ip address detector', () => {
  it.each([
    ['router admin page is 192.168.1.1.', '192.168.1.1'],
    ['ahora es 198.51.100.23', '198.51.100.23'],
    ['who swatted in my chat: 203.0.113.57', '203.0.113.57'],
    ['(10.0.0.255)', '10.0.0.255'],
  ])('IPv4 %s', (text, expected) => {
    expect(ips(text)).toEqual([expected]);
  });

  it.each([
    ['his ip 2001:db8::1 lol', '2001:db8::1'],
    ['fe80::1ff:fe23:4567:890a', 'fe80::1ff:fe23:4567:890a'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
  ])('IPv6 %s', (text, expected) => {
    expect(ips(text)).toEqual([expected]);
  });

  it('labels the subtype and keeps the address as canonical form', () => {
    const [span] = ipAddressDetector.detect(normalize('ip 2001:DB8::1'));
    expect(span?.subtype).toBe('ipv6');
    expect(span?.canonical).toBe('2001:db8::1');
  });

  describe('things that are not IP addresses', () => {
    it.each([
      ['octets over 255', '256.1.1.1 and 1.2.3.999'],
      ['leading zeros', '01.02.03.04'],
      ['a longer dotted number', '1.2.3.4.5'],
      ['a version number', 'version 1.2.3.4 released, v10.0.0.1 too, build 10.0.19041.1'],
      ['dates and prices', '12.05.2024 and 1.250.000'],
      ['times', 'from 10:30:45 to 11:00'],
      ['words of hex letters', 'cafe:bad:beef and std::vector'],
      ['a phone number', '773.555.0133'],
    ])('%s', (_name, text) => {
      expect(ips(text)).toEqual([]);
    });
  });

  it('stays linear on adversarial input', () => {
    for (const text of ['1.'.repeat(30_000), '1:'.repeat(30_000), 'a:'.repeat(30_000), '::'.repeat(30_000)]) {
      const started = performance.now();
      ipAddressDetector.detect(normalize(text));
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
