// Differential tests of src/go/net.ts (ParseIP, netip.ParseAddr bytes and zone, ParseCIDR, IPNet.Contains,
// SplitHostPort, IsLoopback) against real Go (the Go oracle, oracles/go op "net"), ≥ 5,000 drawn texts a
// run with the run's fast-check seed: well-formed addresses, near misses and token soup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agree, bytesOf, describeWithGo, differential } from '../testing/go-oracle.ts';
import { cidrContains, isDomainName, isLoopback, parseAddrIP, parseCIDR, parseIP, splitHostPort, splitHostPortError } from './index.ts';

const N = 5000;
const hex = (b: readonly number[] | Uint8Array | undefined) => (b === undefined ? null : Buffer.from(b).toString('hex'));

const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('256', '01', '00', '1000', ''));
const v4 = fc.array(octet, { minLength: 3, maxLength: 5 }).map((o) => o.join('.'));
const group = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16)),
  fc.constantFrom('0', 'ffff', 'FFFF', '00000', '1ffff', 'g', ''),
);
const v6 = fc
  .tuple(
    fc.array(group, { maxLength: 9 }),
    fc.array(group, { maxLength: 9 }),
    fc.boolean(),
    fc.option(v4, { nil: undefined }),
    fc.option(fc.constantFrom('%eth0', '%', '%25x'), { nil: undefined }),
  )
  .map(
    ([a, b, dbl, tail, zone]) =>
      `${a.join(':')}${dbl ? '::' : b.length ? ':' : ''}${b.join(':')}${tail !== undefined ? (b.length || dbl ? ':' : '') + tail : ''}${zone ?? ''}`,
  );
const mapped = v4.map((a) => `::ffff:${a}`);
const addr = fc.oneof(v4, v6, mapped, fc.constantFrom('127.0.0.1', '127.255.0.9', '::1', '::', '0.0.0.0', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'));
const prefix = fc.oneof(fc.integer({ min: 0, max: 130 }).map(String), fc.constantFrom('', '08', '+8', '-1', '16777216', '99999999', 'x'));
const cidr = fc.tuple(addr, prefix).map(([a, p]) => `${a}/${p}`);
const port = fc.constantFrom('', '80', '8080', 'x', ':80');
const hostport = fc.oneof(
  fc.tuple(addr, port).map(([a, p]) => `${a}:${p}`),
  fc.tuple(addr, port).map(([a, p]) => `[${a}]:${p}`),
  fc.tuple(addr, fc.constantFrom(']', '[', ']]', '')).map(([a, x]) => `[${a}${x}`),
  fc.constantFrom('example.com:80', ':80', '[]:80', 'a[b]:1', '[a]b:1'),
);
const soup = fc
  .array(fc.constantFrom('1', '0', 'f', 'F', ':', '::', '.', '[', ']', '/', '%', '24', '255', '1.2.3.4', 'x'), { maxLength: 10 })
  .map((t) => t.join(''));
const text = fc.oneof(addr, cidr, hostport, soup);

describeWithGo('src/go/net against the Go oracle', (oracle) => {
  it('ParseIP, ParseAddr, ParseCIDR + Contains, SplitHostPort (and its error text), IsLoopback', async () => {
    await differential({
      oracle: oracle(),
      // b is often a's own address part (so Contains is true as often as false).
      arb: text.chain((a) => fc.tuple(fc.constant(a), fc.oneof(addr, fc.constant(a.split('/')[0])))),
      n: N,
      examples: [
        ['::ffff:1.2.3.0/120', '1.2.3.9'],
        ['::ffff:1.2.3.4/64', '1.2.3.4'],
        ['::ffff:1.2.3.4/64', '::ffff:0.0.0.1'],
        ['10.0.0.0/8', '::ffff:10.1.2.3'],
        ['::/0', '1.2.3.4'],
        ['0.0.0.0/0', '::1'],
        ['[::1]:80:90', '::1'],
        ['fe80::1%eth0', '::1'],
        ['a]:1', '::1'],
        ['[a]b:1', '::1'],
        ['[a]', '::1'],
        ['[a', '::1'],
        ['a[b:1', '::1'],
      ] as [string, string][],
      request: ([a, b]) => ({ op: 'net', a, b }),
      check: ([a, b], ans) => {
        const net = parseCIDR(a);
        const sp = splitHostPort(a);
        const ip = parseAddrIP(a);
        const inNet = net && parseIP(b) ? cidrContains(net, parseIP(b)!) : undefined;
        agree(
          `net(${JSON.stringify(a)}, ${JSON.stringify(b)})`,
          {
            parseIP: hex(parseIP(a)),
            addr: hex(ip),
            loopback: ip ? isLoopback(ip) : null,
            cidrIP: hex(net?.ip),
            cidrMask: hex(net?.mask),
            contains: inNet ?? null,
            split: sp ? [sp.host, sp.port] : null,
            splitError: sp ? null : splitHostPortError(a),
          },
          {
            parseIP: ans.parseIP === undefined ? null : hex(bytesOf(ans.parseIP)),
            addr: ans.addr === undefined ? null : hex(bytesOf(ans.addr)),
            loopback: ans.loopback ?? null,
            cidrIP: ans.cidrIP === undefined ? null : hex(bytesOf(ans.cidrIP)),
            cidrMask: ans.cidrMask === undefined ? null : hex(bytesOf(ans.cidrMask)),
            contains: ans.contains ?? null,
            split: ans.split ? [bytesOf(ans.host).toString(), bytesOf(ans.port).toString()] : null,
            splitError: ans.splitError ?? null,
          },
        );
        if (ip) {
          const r = parseAddrIP(a);
          agree(`zone(${JSON.stringify(a)})`, r ? (a.includes('%') ? a.slice(a.indexOf('%') + 1) : '') : null, ans.zone ?? null);
        }
      },
    });
  });
});

describe('isDomainName (Go net, before any DNS query)', () => {
  it('accepts names of letters, digits, _ and -, and refuses the rest', () => {
    for (const ok of ['localhost', 'a.b', 'a-b.c_d', 'x.', '.', '1a', 'a1', `${'a'.repeat(63)}.b`]) expect(isDomainName(ok), ok).toBe(true);
    for (const bad of ['', '127.0.0.1', '1234', '127.0.0.1:1', 'a..b', '-a', 'a-', 'a-.b', '.a', 'a b', 'é', `${'a'.repeat(64)}.b`, 'a'.repeat(255)])
      expect(isDomainName(bad), bad).toBe(false);
  });
});
