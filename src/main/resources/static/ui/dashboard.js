// The settle dashboard: plain browser JavaScript, no framework and no build step, so that what the
// jar serves is what runs. Every number comes from the REST API or the dashboard's own read-only
// endpoints, with the same bearer token. Data is only ever put into the page as text (textContent),
// never as HTML: names, references and error messages come from files and gateways.
'use strict';

// sessionStorage: the token lives as long as the tab, and no other site or later visitor sees it.
const TOKEN_KEY = 'settle.api.token';
const SVG = 'http://www.w3.org/2000/svg';
const BATCH_PAGE = 20;
const RUNNING = ['STARTING', 'STARTED', 'STOPPING'];
// While a job runs the page follows it on its own; otherwise it changes only when asked to.
const FOLLOW_MS = 5000;

// me: who the token signs in and what they may do (GET /me, from the server's own rule table).
const state = { selected: null, batchOffset: 0, batchQuery: '', timer: null, busy: false, me: null };

const $ = (id) => document.getElementById(id);

class Unauthorized extends Error {}

// @param json a request body to send as JSON, or nothing
async function api(method, path, json) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    throw new Unauthorized('no token');
  }
  // X-Settle-Client: the audit trail tells the dashboard's actions from other API clients'.
  const headers = { Authorization: 'Bearer ' + token, Accept: 'application/json', 'X-Settle-Client': 'dashboard' };
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
    cache: 'no-store',
  });
  const body = await response.json().catch(() => null);
  if (response.status === 401) {
    throw new Unauthorized((body && body.message) || 'the token was refused');
  }
  if (response.status === 403) {
    throw new Error((body && body.message) || 'your role may not do this');
  }
  if (!response.ok) {
    throw new Error((body && body.message) || method + ' ' + path + ': HTTP ' + response.status);
  }
  return body;
}

// --- small DOM helpers -------------------------------------------------------------------------

function cell(value, className) {
  const td = document.createElement('td');
  if (value instanceof Node) {
    td.appendChild(value);
  } else {
    td.textContent = value === null || value === undefined ? '' : String(value);
  }
  if (className) {
    td.className = className;
  }
  return td;
}

function num(value) {
  return cell(value, 'num');
}

function badge(status) {
  const span = document.createElement('span');
  span.className = 'badge ' + String(status || '').toLowerCase();
  span.textContent = status || '';
  return span;
}

function fill(tbody, rows, emptyText, columns) {
  tbody.replaceChildren(...rows);
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(emptyText, 'empty');
    td.colSpan = columns;
    tr.appendChild(td);
    tbody.appendChild(tr);
  }
}

function say(text, isError) {
  const line = $('status-line');
  line.textContent = text || '';
  line.className = isError ? 'error' : '';
}

// --- times ---------------------------------------------------------------------------------------

// The API's times carry their offset (RFC 3339) and may carry nanoseconds, which Date does not
// parse everywhere: keep milliseconds. They are shown in the browser's own zone.
function parseTime(text) {
  if (!text) {
    return null;
  }
  const date = new Date(String(text).replace(/(\.\d{3})\d+/, '$1'));
  return isNaN(date.getTime()) ? null : date;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function formatTime(date) {
  if (!date) {
    return '';
  }
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
    + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

function clock(date) {
  return pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

function formatDuration(start, end) {
  if (!start) {
    return '';
  }
  const running = !end;
  const ms = (end || new Date()) - start;
  let text;
  if (ms < 60000) {
    text = (ms / 1000).toFixed(1) + ' s';
  } else if (ms < 3600000) {
    text = Math.floor(ms / 60000) + ' m ' + pad(Math.floor(ms / 1000) % 60) + ' s';
  } else {
    text = Math.floor(ms / 3600000) + ' h ' + pad(Math.floor(ms / 60000) % 60) + ' m';
  }
  return running ? text + ' so far' : text;
}

// --- job executions ------------------------------------------------------------------------------

async function loadExecutions() {
  const list = await api('GET', '/executions?limit=20');
  const rows = list.data.map((e) => {
    const tr = document.createElement('tr');
    tr.dataset.executionId = e.id;
    tr.className = 'clickable' + (e.id === state.selected ? ' selected' : '');
    tr.tabIndex = 0;
    const start = parseTime(e.start);
    tr.append(cell(e.id), cell(e.job), cell(e.parameters), cell(statusOf(e)), cell(formatTime(start)),
      cell(formatDuration(start, parseTime(e.end))), cell(stepCounts(e.steps), 'steps'));
    tr.addEventListener('click', () => showExecution(e.id).catch(handle));
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        showExecution(e.id).catch(handle);
      }
    });
    return tr;
  });
  fill($('execution-rows'), rows, 'No job has run yet.', 7);
  return list.data.some((e) => RUNNING.includes(e.status));
}

// A run whose partitions no worker takes (a cluster's manager, no `settle worker` running) says
// since when it waits beside its status.
function statusOf(e) {
  const status = document.createElement('span');
  status.append(badge(e.status));
  if (e.waitingForWorkerSince) {
    const waiting = document.createElement('span');
    waiting.className = 'waiting';
    waiting.textContent = ' ' + waitingText(e);
    status.append(waiting);
  }
  return status;
}

function waitingText(e) {
  return 'waiting for a worker since ' + formatTime(parseTime(e.waitingForWorkerSince));
}

// What each step counted, one line per step: the steps count different things (payments in a
// settle pass, batches in the closing step), so no total over them would mean anything.
function stepCounts(steps) {
  const list = document.createElement('ul');
  (steps || []).forEach((s) => {
    const item = document.createElement('li');
    item.dataset.step = s.step;
    item.textContent = s.step + ': ' + s.read + ' read, ' + s.written + ' written, ' + s.skipped + ' skipped, '
      + s.rollbacks + ' rolled back';
    list.appendChild(item);
  });
  return list;
}

async function showExecution(id) {
  state.selected = id;
  document.querySelectorAll('#execution-rows tr').forEach((tr) =>
    tr.classList.toggle('selected', Number(tr.dataset.executionId) === id));
  const e = await api('GET', '/executions/' + id);
  $('execution').hidden = false;
  $('execution').dataset.executionId = e.id;
  $('execution-id').textContent = e.id;
  $('execution-status').replaceWith(Object.assign(badge(e.status), { id: 'execution-status' }));
  const start = parseTime(e.start);
  $('execution-summary').textContent = e.job + (e.parameters ? ' (' + e.parameters + ')' : '') + ', started '
    + formatTime(start) + ', ' + formatDuration(start, parseTime(e.end)) + ', exit ' + e.exitCode;
  $('execution-failure').textContent = e.failure
    || (e.waitingForWorkerSince ? waitingText(e) + ': start one with `settle worker`' : '');
  // What Spring Batch allows: a FAILED or STOPPED execution restarts, a running one can be asked to stop.
  $('restart').disabled = state.busy || !['FAILED', 'STOPPED'].includes(e.status);
  $('stop').disabled = state.busy || !['STARTING', 'STARTED'].includes(e.status);
  // Only what the person's role allows is offered; the server refuses the rest anyway.
  $('restart').hidden = !may('restart');
  $('stop').hidden = !may('stop');
  $('execution-actions').hidden = !may('restart') && !may('stop');
  const steps = e.steps.map((s) => {
    const tr = document.createElement('tr');
    tr.dataset.step = s.step;
    // A partition's counts are already in its manager step's sums: shown, but set apart.
    if (s.step.includes(':')) {
      tr.className = 'partition';
    }
    tr.append(cell(s.step), cell(badge(s.status)), num(s.read), num(s.filtered), num(s.written),
      num(s.readSkips + s.processSkips + s.writeSkips), num(s.rollbacks), num(s.commits), cell(s.exitCode));
    return tr;
  });
  fill($('step-rows'), steps, 'No step has run.', 9);
  await loadThroughput(id);
}

async function control(action) {
  const id = state.selected;
  const question = action === 'restart'
    ? 'Restart execution ' + id + '? It resumes where it failed and runs to its end.'
    : 'Ask execution ' + id + ' to stop after its current chunk?';
  if (id === null || !window.confirm(question)) {
    return;
  }
  state.busy = true;
  $('restart').disabled = true;
  $('stop').disabled = true;
  say(action === 'restart' ? 'Restarting execution ' + id + '…' : 'Stopping execution ' + id + '…');
  try {
    // A restart answers once the new execution has ended, so its status here is final.
    const e = await api('POST', '/executions/' + id + '/' + action);
    say(action === 'restart' ? 'Execution ' + id + ' restarted as ' + e.id + ': ' + e.status
      : 'Execution ' + id + ': ' + e.status);
    state.selected = e.id;
    state.busy = false;
    await refresh(false);
  } catch (error) {
    state.busy = false;
    handle(error);
    if (state.selected !== null) {
      await showExecution(state.selected).catch(handle);
    }
  }
}

// --- throughput chart ----------------------------------------------------------------------------

async function loadThroughput(id) {
  const t = await api('GET', '/dashboard/executions/' + id + '/throughput');
  const chart = $('chart');
  chart.replaceChildren();
  if (t.payments === 0) {
    $('chart-caption').textContent = t.note || 'No payment got its gateway outcome during this execution.';
    return;
  }
  const rates = t.points.map((p) => p.payments / t.bucketSeconds);
  const peak = Math.max(...rates);
  const seconds = Math.max(1, (parseTime(t.to) - parseTime(t.from)) / 1000);
  $('chart-caption').textContent = t.payments + ' payments sent to the gateway, on average '
    + (t.payments / seconds).toFixed(1) + '/s, at most ' + peak.toFixed(1) + '/s'
    + (t.bucketSeconds > 1 ? ' (bars of ' + t.bucketSeconds + ' s)' : ' (bars of 1 s)');
  chart.appendChild(barChart(t.points.map((p) => parseTime(p.at)), rates, t.bucketSeconds));
}

// Hand-drawn SVG: a bar per bucket, a scale with a round maximum, the first and last time below.
function barChart(times, rates, width) {
  const W = 860, H = 220, left = 48, right = 12, top = 12, bottom = 28;
  const plotW = W - left - right, plotH = H - top - bottom;
  const max = niceCeiling(Math.max(1, ...rates));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'payments per second');
  const add = (name, attributes, text) => {
    const node = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) {
      node.textContent = text;
    }
    svg.appendChild(node);
    return node;
  };
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    add('line', { x1: left, x2: W - right, y1: y, y2: y, class: 'grid' });
    add('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, formatRate((max * i) / 4));
  }
  const step = plotW / rates.length;
  rates.forEach((rate, i) => {
    const h = (plotH * rate) / max;
    const bar = add('rect', { x: left + i * step + step * 0.1, y: top + plotH - h, width: Math.max(1, step * 0.8),
      height: h, class: 'bar' });
    const title = document.createElementNS(SVG, 'title');
    title.textContent = clock(times[i]) + ': ' + formatRate(rate) + ' payments/s';
    bar.appendChild(title);
  });
  // Five times along the axis: the start, the end and three between, each under its bar's left edge.
  const end = new Date(times[times.length - 1].getTime() + width * 1000);
  for (let i = 0; i <= 4; i++) {
    const at = new Date(times[0].getTime() + ((end - times[0]) * i) / 4);
    const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
    add('text', { x: left + (plotW * i) / 4, y: H - 8, class: 'axis', 'text-anchor': anchor }, clock(at));
  }
  return svg;
}

function niceCeiling(value) {
  const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= value);
}

function formatRate(rate) {
  return rate >= 10 || Number.isInteger(rate) ? String(Math.round(rate)) : rate.toFixed(1);
}

// --- batches -------------------------------------------------------------------------------------

// The form's fields are the USAePay filters of GET /batches; dates go as yyyymmdd.
function batchQuery() {
  const params = new URLSearchParams();
  new FormData($('batch-filter')).forEach((value, name) => {
    const text = String(value).trim();
    if (text) {
      params.set(name, name.startsWith('opened') || name.startsWith('closed') ? text.replaceAll('-', '') : text);
    }
  });
  return params;
}

async function loadBatches() {
  const params = new URLSearchParams(state.batchQuery);
  params.set('limit', BATCH_PAGE);
  params.set('offset', state.batchOffset);
  const list = await api('GET', '/batches?' + params);
  const rows = list.data.map((b) => {
    const tr = document.createElement('tr');
    tr.dataset.batchId = b.key;
    const c = b.counts || {};
    // Amounts stay the exact strings the API sends, one per currency: never added up as numbers.
    const totals = (b.settledTotals || []).map((t) => t.amount + ' ' + t.currency).join(', ');
    tr.append(cell(b.merchantId), num(b.batchnum), cell(b.name), cell(badge(b.statusCode)), cell(b.opened),
      cell(b.closed), num(c.payments), num(c.settled), num(c.declined), num(c.failed), num(c.skipped),
      cell(totals, 'amount'));
    return tr;
  });
  fill($('batch-rows'), rows, 'No batch matches.', 12);
  const shown = list.data.length;
  $('batch-total').textContent = list.total === 0 ? '' : (list.offset + 1) + '–' + (list.offset + shown) + ' of '
    + list.total;
  $('batches-newer').disabled = list.offset === 0;
  $('batches-older').disabled = list.offset + shown >= list.total;
}

// --- payments that need a person -----------------------------------------------------------------

async function loadAttention() {
  const page = await api('GET', '/dashboard/payments/attention?limit=50');
  const rows = page.data.map((p) => {
    const tr = document.createElement('tr');
    tr.dataset.paymentId = p.paymentId;
    const todo = p.reconcile
      ? 'May have been charged: look it up with the gateway before any resend'
      : 'Retries ran out: escalate to the gateway with the correlation id';
    tr.append(cell(p.merchantId), num(p.batchnum), cell(p.referenceId), cell(p.amount + ' ' + p.currency, 'num'),
      cell(p.accountId), num(p.attempts), cell(p.httpStatus), cell(p.errorCode), cell(p.errorMessage, 'wrap'),
      cell(p.correlationId, 'mono'), cell(todo, 'wrap'));
    return tr;
  });
  fill($('attention-rows'), rows, 'None: every payment settled, was declined for good, or is still on its way.', 11);
  $('attention-total').textContent = page.total > page.data.length
    ? 'The newest ' + page.data.length + ' of ' + page.total + ' FAILED payments.'
    : page.total + ' FAILED payment' + (page.total === 1 ? '' : 's') + '.';
}

// --- reconciliation: each date's counts, the open exceptions, resolve ---------------------------

const CATEGORIES = ['MATCHED', 'MISSING_AT_GATEWAY', 'UNKNOWN_TO_US', 'AMOUNT_MISMATCH', 'CURRENCY_MISMATCH',
  'STATUS_MISMATCH', 'DUPLICATE_CHARGE', 'PENDING_AT_GATEWAY'];

async function loadReconciliations() {
  const recent = await api('GET', '/reconciliations/recent?limit=14');
  const dates = recent.dates.map((r) => {
    const tr = document.createElement('tr');
    tr.append(cell(r.businessDate), num(r.executionId), cell(r.source),
      ...CATEGORIES.map((c) => num(r.counts[c])));
    return tr;
  });
  fill($('reconciliation-rows'), dates, 'No date reconciled yet: `settle reconcile --date YYYY-MM-DD`.', 11);
  const open = recent.openExceptions.map((e) => {
    const tr = document.createElement('tr');
    tr.dataset.exceptionId = e.id;
    const ours = e.status ? e.status + ' ' + e.amount + ' ' + e.currency : '';
    const theirs = e.gatewayStatus ? e.gatewayStatus + ' ' + e.gatewayAmount + ' ' + e.gatewayCurrency
      + (e.gatewayCharges > 1 ? ' ×' + e.gatewayCharges : '') : '';
    const resolve = document.createElement('button');
    resolve.type = 'button';
    resolve.textContent = 'Resolve';
    resolve.addEventListener('click', () => resolveException(e.id));
    tr.append(num(e.id), cell(e.businessDate), cell(e.category), cell(e.referenceId), cell(ours, 'num'),
      cell(theirs, 'num'), cell(e.gatewayChargeId || e.gatewayId, 'mono'), cell(e.correlationId, 'mono'), cell(resolve));
    return tr;
  });
  fill($('exception-rows'), open, 'None open: every exception found was resolved.', 9);
}

async function resolveException(id) {
  const remark = window.prompt('Resolve exception ' + id + ': what was found or done?');
  if (remark === null || remark.trim() === '') {
    return;
  }
  try {
    await api('POST', '/reconciliations/exceptions/' + id + '/resolve', { remark: remark.trim() });
    say('Exception ' + id + ' resolved');
    await loadReconciliations();
  } catch (error) {
    handle(error);
  }
}

// --- who is signed in, and the audit trail for admins -----------------------------------------------

function may(action) {
  return state.me !== null && state.me.actions.includes(action);
}

async function loadMe() {
  if (state.me === null) {
    state.me = await api('GET', '/me');
  }
  $('whoami').textContent = state.me.user + ' (' + (state.me.role || 'no role') + ')';
  $('whoami').hidden = false;
  $('audit').hidden = !may('audit');
}

async function loadAudit() {
  if (!may('audit')) {
    return;
  }
  const events = await api('GET', '/audit?limit=50');
  const rows = events.map((e) => {
    const tr = document.createElement('tr');
    tr.append(cell(formatTime(parseTime(e.at))), cell(e.actor), cell(e.role), cell(e.origin), cell(e.action),
      cell(e.target, 'wrap'), cell(badge(e.outcome)), cell(e.host), cell(e.detail, 'wrap'));
    return tr;
  });
  fill($('audit-rows'), rows, 'Nothing recorded yet.', 9);
}

// Each channel's state of an alert: "webhook DELIVERED (1)", "mail PENDING (3: HTTP 503)".
function deliveryText(alert) {
  if (alert.deliveries.length === 0) {
    return 'no channel configured';
  }
  return alert.deliveries.map((d) => d.channel + ' ' + d.status + ' (' + d.attempts
    + (d.lastError && d.status !== 'DELIVERED' ? ': ' + d.lastError : '') + ')').join(', ');
}

async function loadAlerts() {
  const page = await api('GET', '/alerts?limit=20');
  const rows = page.data.map((a) => {
    const tr = document.createElement('tr');
    tr.dataset.alertId = a.id;
    tr.append(cell(formatTime(parseTime(a.createdAt))), cell(a.id, 'mono'), cell(a.summary, 'wrap'),
      cell(deliveryText(a), 'wrap'));
    return tr;
  });
  fill($('alert-rows'), rows, 'None: no run failed, no night was late.', 4);
}

// --- start-up, login and refresh -----------------------------------------------------------------

function handle(error) {
  if (error instanceof Unauthorized) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.me = null;
    showLogin(error.message === 'no token' ? '' : 'The token was refused: ' + error.message);
  } else {
    say(error.message, true);
  }
}

function showLogin(message) {
  $('board').hidden = true;
  $('refresh').hidden = true;
  $('logout').hidden = true;
  $('whoami').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('token').focus();
}

// @param announce whether to overwrite the status line (not after a restart, whose outcome it shows)
async function refresh(announce = true) {
  clearTimeout(state.timer);
  if (state.busy) {
    // A restart from this page is running: its answer refreshes everything once it is over.
    return;
  }
  try {
    await loadMe();
    const running = await loadExecutions();
    $('login').hidden = true;
    $('board').hidden = false;
    $('refresh').hidden = false;
    $('logout').hidden = false;
    await Promise.all([loadBatches(), loadAttention(), loadReconciliations(), loadAlerts(), loadAudit(),
      state.selected !== null ? showExecution(state.selected) : Promise.resolve()]);
    if (announce) {
      say('Updated ' + clock(new Date()) + (running ? '; a job is running, following it every 5 s' : ''));
    }
    if (running) {
      state.timer = setTimeout(refresh, FOLLOW_MS);
    }
  } catch (error) {
    handle(error);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
    $('token').value = '';
    refresh();
  });
  $('logout').addEventListener('click', () => {
    clearTimeout(state.timer);
    sessionStorage.removeItem(TOKEN_KEY);
    state.selected = null;
    state.me = null;
    $('execution').hidden = true;
    showLogin('');
  });
  $('refresh').addEventListener('click', () => refresh());
  $('restart').addEventListener('click', () => control('restart'));
  $('stop').addEventListener('click', () => control('stop'));
  $('batch-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    state.batchQuery = batchQuery().toString();
    state.batchOffset = 0;
    loadBatches().catch(handle);
  });
  $('batches-newer').addEventListener('click', () => {
    state.batchOffset = Math.max(0, state.batchOffset - BATCH_PAGE);
    loadBatches().catch(handle);
  });
  $('batches-older').addEventListener('click', () => {
    state.batchOffset += BATCH_PAGE;
    loadBatches().catch(handle);
  });
  if (sessionStorage.getItem(TOKEN_KEY)) {
    refresh();
  } else {
    showLogin('');
  }
});
