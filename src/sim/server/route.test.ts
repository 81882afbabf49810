// Request routing of the loopback server: origin-form, metadata paths, forward-proxy targets,
// loopback proxied through itself, CONNECT, and everything that must never leave the machine.
import { describe, expect, it } from 'vitest';
import { routeRequest } from './route.ts';
import { splitTarget } from './serve-request.ts';

const O = 'http://127.0.0.1:4321';

describe('routeRequest', () => {
  it.each([
    [
      'GET',
      '/api/v2/workspaceagents/me/external-auth?id=a&match=',
      {
        kind: 'local',
        fetchUrl: `${O}/api/v2/workspaceagents/me/external-auth?id=a&match=`,
        url: `${O}/api/v2/workspaceagents/me/external-auth?id=a&match=`,
        proxied: false,
      },
    ],
    [
      'GET',
      '/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder',
      {
        kind: 'local',
        fetchUrl: 'http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder',
        url: `${O}/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder`,
        proxied: false,
      },
    ],
    [
      'PUT',
      'http://169.254.169.254/latest/api/token',
      { kind: 'local', fetchUrl: 'http://169.254.169.254/latest/api/token', url: 'http://169.254.169.254/latest/api/token', proxied: true },
    ],
    [
      'GET',
      'http://metadata.google.internal/computeMetadata/v1/',
      {
        kind: 'local',
        fetchUrl: 'http://metadata.google.internal/computeMetadata/v1/',
        url: 'http://metadata.google.internal/computeMetadata/v1/',
        proxied: true,
      },
    ],
    ['GET', 'http://localhost:4321/api/v2/x?y', { kind: 'local', fetchUrl: `${O}/api/v2/x?y`, url: 'http://localhost:4321/api/v2/x?y', proxied: true }],
    ['GET', 'http://127.0.0.1:4321?q', { kind: 'local', fetchUrl: `${O}/?q`, url: 'http://127.0.0.1:4321?q', proxied: true }],
    ['CONNECT', '169.254.169.254:443', { kind: 'connect', url: '169.254.169.254:443' }],
    ['GET', 'https://169.254.169.254/latest/api/token', { kind: 'foreign', url: 'https://169.254.169.254/latest/api/token' }],
    ['GET', 'http://169.254.169.254:8080/latest/api/token', { kind: 'foreign', url: 'http://169.254.169.254:8080/latest/api/token' }],
    ['GET', 'http://example.com/', { kind: 'foreign', url: 'http://example.com/' }],
    ['GET', 'http://127.0.0.1:9/x', { kind: 'foreign', url: 'http://127.0.0.1:9/x' }],
    ['GET', 'http://[bad/x', { kind: 'foreign', url: 'http://[bad/x' }],
  ])('%s %s', (method, target, want) => {
    expect(routeRequest(method, target, O)).toEqual(want);
  });
});

describe('splitTarget (journal path and query as sent)', () => {
  it.each([
    ['/api/v2/x?id=a b&match=', { path: '/api/v2/x', query: 'id=a b&match=' }],
    ['/a/../b?', { path: '/a/../b', query: '' }],
    ['http://169.254.169.254/latest/api/token', { path: '/latest/api/token', query: '' }],
    ['http://127.0.0.1:1?q=é#frag', { path: '/', query: 'q=é' }],
    ['169.254.169.254:443', { path: '169.254.169.254:443', query: '' }],
  ])('%s', (target, want) => expect(splitTarget(target)).toEqual(want));
});
