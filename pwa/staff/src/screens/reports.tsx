import { useState } from 'preact/hooks';
import type { MonthlyReport, ReportRow } from '../../../../shared/reports/api.js';
import { brusselsMonth } from '../../../../shared/brussels-time.js';
import { apiPath, api, download } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { DataTable } from '../ui/data-table.js';
import { ErrorText } from '../ui/errors.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';

type Shown = ReportRow['value'];

const CHARTED = ['cases.opened', 'cases.open', 'followups.due', 'bookings.made', 'breaches'];

const thisMonth = () => brusselsMonth(new Date());

export function ReportsScreen() {
  const { t } = useI18n();
  const month = thisMonth();
  const [from, setFrom] = useState(month);
  const [to, setTo] = useState(month);
  const [asked, setAsked] = useState({ from: month, to: month });
  const path = apiPath('/api/reports/monthly', asked);
  const report = useLoad((signal) => api<MonthlyReport>('GET', path, { signal }), path);
  const csv = useAction();
  const show = (e: Event) => {
    e.preventDefault();
    setAsked({ from, to });
  };
  const saveCsv = () =>
    void csv.run(async () => {
      const blob = await download(apiPath('/api/reports/monthly', asked), 'text/csv');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `oneroof-monthly-${asked.from}_${asked.to}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  const r = report.data;
  return (
    <Page title={t.reports.title}>
      <form class="inline-form" onSubmit={show}>
        <div class="field">
          <label for="from">{t.reports.from}</label>
          <input id="from" type="month" required pattern="\d{4}-\d{2}" value={from} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="to">{t.reports.to}</label>
          <input id="to" type="month" required pattern="\d{4}-\d{2}" value={to} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button primary">
          {t.reports.show}
        </button>
        <button type="button" class="button" disabled={csv.busy} onClick={saveCsv}>
          {t.reports.csv}
        </button>
      </form>
      <ErrorText error={csv.error} />
      <p class="muted">{t.reports.rounding}</p>
      <ErrorText error={report.error} />
      {report.loading && !r ? <Loading /> : null}
      {/* After a refused range the previous table would sit under the error as if it answered it. */}
      {r && !report.error ? <ReportView report={r} /> : null}
    </Page>
  );
}

function ReportView({ report }: { report: MonthlyReport }) {
  const { t } = useI18n();
  const totals = report.rows.filter((row) => row.breakdown === 'total');
  if (totals.length === 0) return <p>{t.reports.empty}</p>;
  const columns = [...new Set(totals.map((row) => `${row.month}|${row.zone}`))];
  const multiZone = report.zones.length > 1;
  const colLabel = (c: string) => {
    const [m, z] = c.split('|');
    return multiZone ? `${m} (${z})` : (m ?? c);
  };
  const measures = [...new Set(totals.map((row) => row.measure))];
  const cell = (measure: string, col: string) => totals.find((row) => row.measure === measure && `${row.month}|${row.zone}` === col)?.value ?? null;
  const show = (v: Shown) => (v === null ? t.none : String(v));
  const measureName = (m: string) => label(t.reports.measures, m);

  return (
    <>
      <h2>{t.reports.totals}</h2>
      <div class="scroll" role="region" aria-labelledby="totals-caption" tabIndex={0}>
        <table>
          <caption id="totals-caption">
            {t.reports.title}: {report.from} – {report.to}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.reports.measure}</th>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {colLabel(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m}>
                <th scope="row">{measureName(m)}</th>
                {columns.map((c) => (
                  <td key={c} class="num">
                    {show(cell(m, c))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="charts">
        {CHARTED.filter((m) => measures.includes(m)).map((m) => (
          <BarChart key={m} title={t.reports.chart(measureName(m))} bars={columns.map((c) => ({ label: colLabel(c), value: cell(m, c) }))} show={show} />
        ))}
      </div>
      <details class="panel">
        <summary>{t.reports.details}</summary>
        <DataTable
          label={t.reports.details}
          columns={[t.reports.month, t.reports.zone, t.reports.measure, t.reports.breakdown, t.reports.category, t.reports.value]}
          numeric={[5]}
          rows={report.rows}
          rowKey={(_row, i) => String(i)}
          cells={(row) => [
            row.month,
            row.zone,
            measureName(row.measure),
            row.breakdown === 'total' ? t.reports.total : row.breakdown,
            row.category,
            show(row.value),
          ]}
        />
      </details>
    </>
  );
}

/**
 * A plain horizontal bar chart in inline SVG (sizes as attributes: the CSP allows no inline styles).
 * Its text equivalent is the list under it (and the totals table above); the SVG itself is hidden
 * from assistive technology so nothing is read twice.
 */
function BarChart({ title, bars, show }: { title: string; bars: { label: string; value: Shown }[]; show: (v: Shown) => string }) {
  const { t } = useI18n();
  const numeric = bars.map((b) => (typeof b.value === 'number' ? b.value : 0));
  const max = Math.max(1, ...numeric);
  const rowH = 28;
  const labelW = 120;
  const width = 420;
  const barMax = width - labelW - 60;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${bars.length * rowH + 4}`} width={width} height={bars.length * rowH + 4} aria-hidden="true" focusable="false">
        {bars.map((b, i) => {
          const w = typeof b.value === 'number' ? Math.max(1, (b.value / max) * barMax) : 0;
          const y = i * rowH + 2;
          return (
            <g key={b.label}>
              <text x={labelW - 6} y={y + rowH / 2 + 5} text-anchor="end" class="chart-label">
                {b.label}
              </text>
              <rect x={labelW} y={y + 4} width={w} height={rowH - 8} class={typeof b.value === 'number' ? 'bar' : 'bar hidden-value'} />
              <text x={labelW + w + 6} y={y + rowH / 2 + 5} class="chart-value">
                {show(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t.reports.chartText}</summary>
        <ul>
          {bars.map((b) => (
            <li key={b.label}>
              {b.label}: {show(b.value)}
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}
