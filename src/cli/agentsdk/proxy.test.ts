// The reference's proxy choice (proxy.ts) against Go's own (golang.org/x/net/http/httpproxy, the code Go
// 1.26's net/http vendors; Go oracle op "proxyForURL"): ≥ 5,000 drawn request URLs, proxy values and
// NO_PROXY lists a run, with the run's fast-check seed.
import fc from 'fast-check';
import { it } from 'vitest';
import { parseURL } from '../../go/index.ts';
import { agree, bytesOf, describeWithGo, differential } from '../../testing/go-oracle.ts';
import { proxyForURL } from './proxy.ts';

const host = fc.constantFrom(
  'example.com',
  'sub.example.com',
  'EXAMPLE.com',
  'badexample.com',
  'coder.internal',
  'localhost',
  '169.254.169.254',
  '10.1.2.3',
  '127.0.0.1',
  '0.0.0.0',
  '[::1]',
  '[::ffff:10.1.2.3]',
  '[::ffff:127.0.0.1]',
  '[2001:db8::5]',
  '[fe80::1%25eth0]',
);
const url = fc.tuple(fc.constantFrom('http', 'https'), host, fc.constantFrom('', ':80', ':443', ':8080')).map(([s, h, p]) => `${s}://${h}${p}/api`);
const proxyValue = fc.constantFrom('', 'http://proxy.test:3128', 'proxy.test:3128', 'https://proxy.test', 'socks5://p:1080', '://bad', 'http://%zz', 'p');
const entry = fc.constantFrom(
  '*',
  'example.com',
  '.example.com',
  '*.example.com',
  'example.com:80',
  'example.com:443',
  'Example.COM',
  ' example.com ',
  'internal',
  '.internal',
  '169.254.0.0/16',
  '10.0.0.0/8',
  '::ffff:10.0.0.0/104',
  '2001:db8::/32',
  '169.254.169.254',
  '169.254.169.254:80',
  '10.1.2.3:8080',
  '[2001:db8::5]:443',
  '2001:db8::5',
  'fe80::1',
  '0.0.0.0',
  '.0.0',
  ':80',
  '[]:80',
  '',
  '*.',
  'com',
);
const noProxy = fc.array(entry, { maxLength: 4 }).map((e) => e.join(','));
const config = fc.record({ HTTP: proxyValue, HTTPS: proxyValue, No: noProxy, CGI: fc.boolean() });

describeWithGo('proxy choice against Go httpproxy', (oracle) => {
  it('proxyForURL agrees with Go for drawn URLs, proxies and NO_PROXY lists', async () => {
    await differential({
      oracle: oracle(),
      arb: fc.tuple(url, config),
      n: 5000,
      request: ([u, c]) => ({ op: 'proxyForURL', a: u, b: JSON.stringify(c) }),
      check: ([u, c], ans) => {
        const parsed = parseURL(u);
        if (!parsed.ok) throw new Error(`test URL does not parse: ${u}`);
        const env = { HTTP_PROXY: c.HTTP, HTTPS_PROXY: c.HTTPS, NO_PROXY: c.No, REQUEST_METHOD: c.CGI ? 'GET' : undefined };
        const ours = proxyForURL(parsed.url, env);
        agree(
          `proxyForURL(${u}, ${JSON.stringify(c)})`,
          'error' in ours ? { err: ours.error } : { proxy: ours.proxy?.toString() ?? null },
          typeof ans.err === 'string' ? { err: ans.err } : { proxy: ans.proxy === undefined ? null : bytesOf(ans.proxy).toString() },
        );
      },
    });
  });
});
