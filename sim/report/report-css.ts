// The HTML report's stylesheet, inlined so the file opens anywhere with nothing to fetch.

export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1f; margin: 0; background: #f6f7f9; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 6px; border-bottom: 1px solid #e3e5e8; padding-bottom: 4px; }
p.lead, p.caption { color: #555; margin: 4px 0 12px; }
dl.scenario { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.scenario dt { color: #666; }
dl.scenario dd { margin: 0; }
table { border-collapse: collapse; margin: 8px 0 12px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e9ebee; text-align: right; white-space: nowrap; }
th:first-child, td:first-child, table.instance-hours th, table.instance-hours td, table.price-sources th, table.price-sources td { text-align: left; }
thead th { border-bottom: 2px solid #c9ccd1; font-weight: 600; }
tr.oracle td { color: #666; font-style: italic; }
td.lost { color: #b00020; font-weight: 700; background: #fde8ea; }
ul.notes { padding-left: 18px; }
li.alert { color: #b00020; font-weight: 600; }
figure { margin: 8px 0 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
code { font-size: 12.5px; background: #f1f2f4; padding: 1px 4px; border-radius: 3px; }
`;
