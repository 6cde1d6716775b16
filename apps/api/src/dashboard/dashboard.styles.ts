/** The dashboard's stylesheet (served as /dashboard/styles.css); system fonts only, nothing loaded from outside. */
export const DASHBOARD_STYLES = String.raw`
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #ffffff; --page: #f3f5f7; --accent: #0b5cad;
  --good: #116329; --good-bg: #dafbe1; --amber: #7d4e00; --amber-bg: #fff1c2;
  --orange: #953800; --orange-bg: #ffe2cc; --red: #a40e26; --red-bg: #ffdce0;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  color: var(--ink); background: var(--page); font-size: 15px; line-height: 1.45;
}
body { margin: 0; }
.masthead { background: #12324f; color: #fff; padding: 14px 24px; }
.masthead h1 { margin: 0; font-size: 1.45rem; }
.masthead p { margin: 2px 0 0; color: #d6e4f0; }
main { max-width: 1500px; margin: 0 auto; padding: 16px 20px 40px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin-bottom: 16px; }
.panel h2 { margin: 0 0 10px; font-size: 1.15rem; }
.period-label { color: var(--muted); font-weight: normal; }
.access-grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 24px; }
@media (max-width: 800px) { .access-grid { grid-template-columns: 1fr; } }
label { display: block; font-weight: 600; margin-bottom: 4px; }
textarea, input[type="month"] { font: inherit; border: 1px solid #8c959f; border-radius: 6px; padding: 6px 8px; box-sizing: border-box; }
textarea { width: 100%; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem; }
textarea:focus, input:focus, button:focus-visible { outline: 3px solid #54aeff; outline-offset: 1px; }
.hint { color: var(--muted); font-size: 0.85rem; margin: 4px 0; }
.export { margin: 8px 0 0; }
.actions { display: flex; gap: 8px; margin-top: 6px; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; padding: 5px 14px; }
button.secondary { background: #fff; color: var(--accent); }
.token-status { margin: 8px 0 0; font-size: 0.9rem; }
.error { background: var(--red-bg); color: var(--red); border: 1px solid #ff8182; border-radius: 8px; padding: 10px 16px; margin-bottom: 16px; }
.error p { margin: 4px 0 0; color: var(--ink); }
.status { color: var(--muted); margin: 0 0 10px; min-height: 1.2em; }
.section-error { color: var(--red); font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
#progress table { font-size: 0.86rem; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 0.85rem; padding-bottom: 6px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 7px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; font-weight: 600; border-bottom: 2px solid var(--line); }
tbody th { font-weight: normal; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--line); border-bottom: none; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.money { white-space: nowrap; font-variant-numeric: tabular-nums; }
button.sort { background: none; border: none; color: var(--ink); font-weight: 600; padding: 0; text-align: inherit; }
button.sort .arrow { color: var(--muted); }
.name { font-weight: 600; display: block; }
.id { color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.78rem; word-break: break-all; }
.flag { display: inline-block; margin: 2px 0; padding: 0 6px; border-radius: 10px; background: var(--red-bg); color: var(--red); font-size: 0.8rem; }
ul.stages { list-style: none; margin: 0; padding: 0; }
ul.stages li, .nowrap { white-space: nowrap; }
.figure, .breakdown { display: block; }
.breakdown { color: var(--muted); font-size: 0.8rem; white-space: nowrap; }
.overdue { color: var(--red); font-weight: 700; }
.band { display: inline-block; padding: 1px 10px; border-radius: 12px; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.band-1 { color: var(--good); background: var(--good-bg); }
.band-2 { color: var(--amber); background: var(--amber-bg); }
.band-3 { color: var(--orange); background: var(--orange-bg); }
.band-4 { color: var(--red); background: var(--red-bg); }
.trend { white-space: nowrap; font-weight: 600; }
.trend.up { color: var(--good); }
.trend.down { color: var(--red); }
.trend.flat, .trend.new { color: var(--muted); font-weight: normal; }
.outcome { font-weight: 600; white-space: nowrap; }
.outcome-breached { color: var(--orange); }
.outcome-critically_breached { color: var(--red); }
`;
