// The shell shared by the HTML report and the compare matrix: one self-contained page (inline CSS
// and script, no external asset, and a Content-Security-Policy that forbids loading anything), plus
// HTML escaping that also shows bytes that are not valid UTF-8 (U+DC80+byte from process.ts) as \xNN.

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"'\u{dc80}-\u{dcff}]/gu, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&#39;';
      default:
        return `\\x${(c.charCodeAt(0) - 0xdc00).toString(16)}`;
    }
  });
}

const CSS = `
:root { --pass: #1a7f37; --fail: #cf222e; --known: #9a6700; --unexpected: #8250df; --notrun: #57606a; --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0; padding: 16px 24px 48px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 2px 0; } code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; margin: 4px 0 8px; white-space: pre; }
.result { display: inline-block; font-weight: 600; padding: 2px 10px; border-radius: 12px; color: #fff; }
.result.PASS { background: var(--pass); } .result.FAIL { background: var(--fail); } .result.INCOMPLETE { background: var(--notrun); }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.count { border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; min-width: 110px; }
.count b { display: block; font-size: 20px; } .count span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; margin: 4px 0 8px; } th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
.filters { position: sticky; top: 0; background: var(--bg); border-bottom: 1px solid var(--line); padding: 8px 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 14px; align-items: center; }
.filters fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 2px 8px; margin: 0; } .filters legend { font-size: 12px; color: var(--muted); }
.filters label { margin-right: 8px; white-space: nowrap; }
.badge { display: inline-block; font-size: 11.5px; font-weight: 600; padding: 0 7px; border-radius: 10px; color: #fff; margin-left: 6px; vertical-align: 1px; }
.s-pass { background: var(--pass); } .s-fail { background: var(--fail); } .s-known-failure { background: var(--known); } .s-unexpected-pass { background: var(--unexpected); } .s-not-run { background: var(--notrun); } .s-absent { background: #afb8c1; }
details.case { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
details.case > summary { cursor: pointer; padding: 5px 10px; list-style-position: inside; }
details.case[open] > summary { border-bottom: 1px solid var(--line); background: var(--soft); }
details.case .body { padding: 6px 12px 10px; }
.title { color: var(--muted); } .dur { color: var(--muted); float: right; font-size: 12px; }
.failure { border-left: 3px solid var(--fail); padding-left: 8px; margin: 6px 0; } .kind { font-weight: 600; }
.env-case { background: #fff8c5; } .env-removed { text-decoration: line-through; color: var(--muted); }
.explain { color: var(--muted); font-size: 12.5px; }
.hidden { display: none !important; }
table.matrix td.cell { text-align: center; } tr.differs > td:first-child { border-left: 4px solid var(--unexpected); } tr.differs { background: #fbefff; }
`;

/** A complete HTML document: no external assets; the CSP forbids any fetch, image, font or frame. */
export function page(title: string, body: string, script: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
<script>
${script}
</script>
</body>
</html>
`;
}

/**
 * The filter script of both pages: on every change of a control in `.filters`, shows the elements
 * matching `itemSelector` for which `predicate` (a JS expression over `el`, the element, and `v`, the
 * values read by `read`) holds, and writes "N of M cases shown" into #shown.
 */
export function filterScript(itemSelector: string, read: string, predicate: string): string {
  return `
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll(${JSON.stringify(itemSelector)}));
  var shown = document.getElementById('shown');
  function apply() {
    var v = (function () { ${read} })();
    var n = 0;
    items.forEach(function (el) {
      var ok = ${predicate};
      el.classList.toggle('hidden', !ok);
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + items.length + ' cases shown';
  }
  document.querySelectorAll('.filters input, .filters select').forEach(function (c) {
    c.addEventListener('input', apply);
    c.addEventListener('change', apply);
  });
  apply();
})();
`;
}
