// neterr.ts: Go's texts for dial failures.
import { describe, expect, it } from 'vitest';
import { goIPString, mapNodeError } from './neterr.ts';

describe('goIPString (net.IP String of the dialled address)', () => {
  it('writes IPv6 in its shortest form, IPv4-mapped as IPv4, and keeps a zone', () => {
    expect(goIPString('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(goIPString('2001:DB8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(goIPString('::FFFF:7F00:1')).toBe('127.0.0.1');
    expect(goIPString('0:0::1%lo')).toBe('::1%lo');
    expect(goIPString('127.0.0.1')).toBe('127.0.0.1');
    expect(goIPString('example.test')).toBe('example.test');
  });
});

describe('mapNodeError', () => {
  it('names a port above 65535 as Go does, before any dial', () => {
    expect(mapNodeError({ code: 'ERR_SOCKET_BAD_PORT' }, { host: '127.0.0.1', port: '99999', viaProxy: false, requestSent: false }).error()).toBe(
      'dial tcp: address 99999: invalid port',
    );
    expect(mapNodeError({ code: 'ERR_SOCKET_BAD_PORT' }, { host: 'p', port: '70000', viaProxy: true, requestSent: false }).error()).toBe(
      'proxyconnect tcp: dial tcp: address 70000: invalid port',
    );
  });
  it('names the dialled IPv6 address in Go form', () => {
    expect(
      mapNodeError(
        { code: 'ECONNREFUSED', address: '0:0:0:0:0:0:0:1', port: 1 },
        { host: '0:0:0:0:0:0:0:1', port: '1', viaProxy: false, requestSent: false },
      ).error(),
    ).toBe('dial tcp [::1]:1: connect: connection refused');
  });
});
