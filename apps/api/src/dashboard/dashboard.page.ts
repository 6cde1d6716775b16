/**
 * The dashboard's one HTML page. Kept as a string constant so `nest build` ships it with the
 * compiled code (no asset copying) and it needs nothing from outside the API: no CDN, no fonts.
 * Data is rendered by /dashboard/app.js with text nodes only.
 */
export const DASHBOARD_PAGE = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Spinout — reform progress and provider performance</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/styles.css">
<script type="module" src="/dashboard/app.js"></script>
</head>
<body>
<header class="masthead">
  <h1>Spinout dashboard</h1>
  <p>Reform progress of agencies’ logistics service units and the performance of their contracted providers.</p>
</header>
<main>
  <section id="access" class="panel" aria-labelledby="access-title">
    <h2 id="access-title">Access and period</h2>
    <div class="access-grid">
      <form id="token-form" class="token-form">
        <label for="token">Bearer token</label>
        <textarea id="token" name="token" rows="3" autocomplete="off" spellcheck="false" aria-describedby="token-hint" placeholder="Paste a JWT (eyJhbGciOi…)"></textarea>
        <p id="token-hint" class="hint">Kept in this browser tab only (sessionStorage). Any role that reads the views will do; settlements need contract_manager, approver, auditor or reform_office.</p>
        <div class="actions">
          <button type="submit">Use token</button>
          <button type="button" id="forget" class="secondary">Forget token</button>
        </div>
        <p id="token-status" class="token-status" role="status"></p>
      </form>
      <form id="period-form" class="period-form">
        <label for="period">Period (month)</label>
        <input type="month" id="period" name="period" aria-describedby="period-hint">
        <p id="period-hint" class="hint">Scorecards, SLA breaches and settlements of this month; empty means the latest scored month.</p>
        <div class="actions"><button type="submit">Show period</button></div>
      </form>
    </div>
  </section>
  <div id="error" class="error" role="alert" hidden></div>
  <p id="status" class="status" aria-live="polite"></p>
  <div id="dashboard" hidden>
    <section id="progress" class="panel" aria-labelledby="progress-title">
      <h2 id="progress-title">Reform progress by agency and category</h2>
      <div class="body"></div>
    </section>
    <section id="scorecards" class="panel" aria-labelledby="scorecards-title">
      <h2 id="scorecards-title">Provider scorecards <span class="period-label"></span></h2>
      <div class="body"></div>
    </section>
    <section id="breaches" class="panel" aria-labelledby="breaches-title">
      <h2 id="breaches-title">SLA breaches <span class="period-label"></span></h2>
      <div class="body"></div>
    </section>
    <section id="settlements" class="panel" aria-labelledby="settlements-title">
      <h2 id="settlements-title">Settlements <span class="period-label"></span></h2>
      <div class="body"></div>
    </section>
  </div>
</main>
</body>
</html>
`;
