// Test fixture: a tiny Go module proxy (GOPROXY protocol: @v/list, .info, .mod, .zip) on
// 127.0.0.1 serving small modules of our own, built in memory. It can refuse a module version the
// way the filtered proxy on this project's machines does (403, "This module version is not
// available."), so the build command's error paths run against the real go command without
// touching upstream or the network.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

export interface FakeModule {
  path: string;
  version: string;
  /** File name (relative to the module root) -> contents. Must include go.mod. */
  files: Record<string, string>;
  /** Which of the module's files the proxy answers with 403. */
  refuse?: ('info' | 'mod' | 'zip')[];
}

/** A module zip as the go command expects it: every file under `path@version/`, stored. */
export function moduleZip(m: FakeModule): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of Object.keys(m.files).sort()) {
    const fname = Buffer.from(`${m.path}@${m.version}/${name}`);
    const data = Buffer.from(m.files[name]!);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    local.writeUInt16LE(0, 28);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(0, 10);
    cen.writeUInt32LE(0, 12);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(data.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(fname.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    central.push(cen, fname);
    offset += local.length + fname.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const n = Object.keys(m.files).length;
  end.writeUInt16LE(n, 8);
  end.writeUInt16LE(n, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** golang.org/x/mod/sumdb/dirhash Hash1 over (name, contents) pairs. */
function hash1(files: [string, string][]): string {
  const h = createHash('sha256');
  for (const [name, data] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    h.update(`${createHash('sha256').update(data).digest('hex')}  ${name}\n`);
  }
  return `h1:${h.digest('base64')}`;
}

/** The two go.sum lines for a module (its zip's hash and its go.mod's hash). */
export function goSumLines(m: FakeModule): string {
  const zipHash = hash1(Object.entries(m.files).map(([n, d]) => [`${m.path}@${m.version}/${n}`, d]));
  const modHash = hash1([['go.mod', m.files['go.mod']!]]);
  return `${m.path} ${m.version} ${zipHash}\n${m.path} ${m.version}/go.mod ${modHash}\n`;
}

const REFUSED = 'This module version is not available.\n';

export interface FakeProxy {
  url: string;
  /** Every path the go command asked for. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeProxy(modules: FakeModule[]): Promise<FakeProxy> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    const m = /^\/(.+)\/@v\/(list|(.+)\.(info|mod|zip))$/.exec(path);
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (!m) return send(404, 'not found\n');
    const [, modPath, what, version, ext] = m;
    const mods = modules.filter((x) => x.path === modPath);
    if (what === 'list') return send(200, mods.map((x) => `${x.version}\n`).join(''));
    const mod = mods.find((x) => x.version === version);
    if (!mod) return send(404, `not found: ${modPath}@${version}: invalid version: unknown revision ${version}\n`);
    if (mod.refuse?.includes(ext as 'info')) return send(403, REFUSED);
    if (ext === 'info') return send(200, JSON.stringify({ Version: mod.version, Time: '2026-01-02T03:04:05Z' }), 'application/json');
    if (ext === 'mod') return send(200, mod.files['go.mod']!);
    return send(200, moduleZip(mod), 'application/zip');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
