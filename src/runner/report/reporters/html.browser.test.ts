// The HTML report and the compare matrix in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core, which never downloads a browser): the pages load from file:// with no console
// error and no request of any kind, and the filters show exactly the cases they should.
// Screenshots go to a temp dir; with UPDATE_SCREENSHOTS=1 to docs/ (the README shows them).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../command/cli.ts';
import { contractOperations } from '../contract.ts';
import { packageRoot } from '../../root.ts';
import { createSimulatorStarter } from '../../exec/simulator.ts';
import type { RunReport } from '../summary.ts';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'runner-html-'));
const shots = process.env.UPDATE_SCREENSHOTS === '1' ? join(packageRoot(), 'docs') : dir;
const startSimulator = createSimulatorStarter();
const broken = fileURLToPath(new URL('../../fixtures/broken/url-exit-zero.mjs', import.meta.url));
const FILTERS = ['token/github', 'token/gitlab', 'url-answer/**', 'auth/**', 'args/none'].flatMap((f) => ['--filter', f]);

async function run(argv: string[]): Promise<number> {
  return cli(
    { argv, env: { PATH: process.env.PATH }, stdout: { write: () => true }, stderr: { write: () => true } },
    { startSimulator, contract: contractOperations },
  );
}

let browser: Browser;
let report: RunReport;
const errors: string[] = [];
const requests: string[] = [];

async function open(file: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${file}: console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${file}: page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) requests.push(r.url());
  });
  await page.goto(pathToFileURL(file).href);
  return page;
}

const visibleIds = (page: Page) => page.$$eval('details.case:not(.hidden)', (els) => els.map((e) => (e as HTMLElement).dataset.id!));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)`);
  const bin = ['--bin-env', 'CODER_REFERENCE_REVISION=pr24325', '--level', 'core', ...FILTERS];
  expect(await run(['run', '--bin', broken, ...bin, '--reporter', 'html', '--out', join(dir, 'report.html')])).toBe(1);
  expect(await run(['run', '--bin', broken, ...bin, '--reporter', 'json', '--out', join(dir, 'broken.json')])).toBe(1);
  expect(await run(['run', ...bin, '--reporter', 'json', '--out', join(dir, 'reference.json')])).toBe(0);
  expect(
    await run([
      'compare',
      '--label',
      'reference',
      '--label',
      'url-exit-zero',
      '--reporter',
      'html',
      '--out',
      join(dir, 'compare.html'),
      join(dir, 'reference.json'),
      join(dir, 'broken.json'),
    ]),
  ).toBe(0);
  report = JSON.parse(readFileSync(join(dir, 'broken.json'), 'utf8')) as RunReport;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the HTML report in Chromium', () => {
  it('loads with no console error and no request, and shows counts and the taxonomy', async () => {
    const page = await open(join(dir, 'report.html'));
    expect(await page.textContent('.result')).toBe('result: FAIL (exit 1)');
    expect(await page.textContent('.counts')).toContain(`${report.counts.failed}failed`);
    const taxonomy = await page.$$eval('h2 + table tr', (rows) => rows.slice(1).map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)));
    expect(taxonomy).toContainEqual(['exit code', String(report.failureKinds.exit)]);
    expect(report.failureKinds.exit).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('filters by status, failure kind, group and text', async () => {
    const page = await open(join(dir, 'report.html'));
    const failing = report.results.filter((c) => c.outcome !== 'pass').map((c) => c.id);
    const all = report.results.map((c) => c.id);
    expect(failing.length).toBeGreaterThan(0);
    // With failures, passing cases start hidden.
    expect(await visibleIds(page)).toEqual(failing);
    expect(await page.textContent('#shown')).toBe(`${failing.length} of ${all.length} cases shown`);
    await page.check('input[name=status][value=pass]');
    expect(await visibleIds(page)).toEqual(all);
    await page.selectOption('#kind', 'exit');
    expect(await visibleIds(page)).toEqual(report.results.filter((c) => c.verdict?.failures.some((f) => f.kind === 'exit')).map((c) => c.id));
    await page.selectOption('#kind', '');
    await page.selectOption('#group', 'auth');
    expect(await visibleIds(page)).toEqual(all.filter((id) => id.startsWith('auth/')));
    await page.selectOption('#group', '');
    await page.fill('#text', 'gitlab');
    expect(await visibleIds(page)).toEqual(['token/gitlab']);
    await page.fill('#text', '');
    await page.uncheck('input[name=status][value=pass]');
    expect(await visibleIds(page)).toEqual(failing);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a failing case's command line, environment, diff and journal; screenshot", async () => {
    const page = await open(join(dir, 'report.html'));
    const id = report.results.find((c) => c.outcome === 'fail')!.id;
    const block = page.locator(`details.case[data-id="${id}"]`);
    await block.locator('summary').first().click();
    const text = await block.textContent();
    expect(text).toContain(broken);
    expect(text).toContain('environment (');
    expect(text).toContain('wire journal (');
    expect(text).toContain('exit code');
    await page.screenshot({ path: join(shots, 'report-html.png') });
    expect(statSync(join(shots, 'report-html.png')).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the compare matrix in Chromium', () => {
  it('marks the differing cases, filters them, and loads cleanly; screenshot', async () => {
    const page = await open(join(dir, 'compare.html'));
    const differing = report.results.filter((c) => c.outcome !== 'pass').map((c) => c.id);
    const rowIds = (sel: string) => page.$$eval(sel, (els) => els.map((e) => e.querySelector('.mono')!.textContent!));
    expect(await rowIds('tr.row.differs')).toEqual(differing);
    expect(await rowIds('tr.row:not(.hidden)')).toHaveLength(report.results.length);
    await page.check('#only-diff');
    expect(await rowIds('tr.row:not(.hidden)')).toEqual(differing);
    await page.uncheck('#only-diff');
    await page.screenshot({ path: join(shots, 'compare-html.png') });
    expect(statSync(join(shots, 'compare-html.png')).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});

it('the README shows the screenshots kept in docs/', () => {
  const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
  for (const f of ['report-html.png', 'compare-html.png']) {
    expect(readme).toContain(`docs/${f}`);
    expect(statSync(join(packageRoot(), 'docs', f)).size).toBeGreaterThan(10_000);
  }
});
