// tip-monitor dashboard: hash-routed pages over the public API (/api/v1). Plain browser JavaScript, no build step,
// nothing loaded from the network but this instance. Every fetch goes through api() (a documented route) or
// optionalApi() (a route read only when this instance's OpenAPI document lists it), so that pages degrade
// gracefully on an instance without the newer routes and never trigger a failed request.
"use strict";

const API = "/api/v1";
const STATUS_ORDER = ["NOT_STARTED", "PLANNED", "IN_PROGRESS", "PARTIALLY_IMPLEMENTED", "IMPLEMENTED",
  "ALREADY_IN_PLACE", "CONSIDERED_NOT_ADOPTED", "NOT_APPLICABLE"];
const KNOWN_STATUS_CLASSES = new Set(STATUS_ORDER);
const SUBMITTABLE_STATUSES = ["NOT_STARTED", "PLANNED", "IN_PROGRESS", "PARTIALLY_IMPLEMENTED", "IMPLEMENTED",
  "NOT_APPLICABLE"];
const MEASURES = ["LEGISLATION", "REGULATION", "POLICY_OR_ACTION_PLAN", "TRAINING", "AWARENESS_CAMPAIGN",
  "PARTNERSHIP", "INSTITUTIONAL", "DATA_COLLECTION", "INTERNATIONAL_COOPERATION", "VICTIM_ASSISTANCE", "OTHER"];
const FORMS = ["FORCED_BEGGING", "RECRUITMENT_FOR_CRIMINAL_ACTIVITIES", "CONTEMPORARY_FORMS_OF_SLAVERY",
  "RECRUITMENT_FOR_ARMED_CONFLICT", "PORNOGRAPHY_INCLUDING_INTERNET", "SEX_TOURISM", "FORCED_AND_SERVILE_MARRIAGE",
  "DEBT_BONDAGE", "SERFDOM", "ILLEGAL_BIOMEDICAL_EXPERIMENTS", "REMOVAL_OF_TISSUE_AND_CELLS", "STREET_VENDING",
  "DRUG_COURIERS", "EXPLOITATION_OF_BOYS_IN_FOOTBALL_CLUBS", "CHILDREN_IN_ILLICIT_DRUG_PRODUCTION_AND_TRAFFICKING",
  "CHILDREN_IN_HARMFUL_ACTIVITIES", "ILLEGAL_ADOPTION_FOR_EXPLOITATION", "FORCED_ABANDONMENT_OF_CHILDREN",
  "ILLEGAL_ADOPTION_OF_ANY_CHILD", "SALE_OF_BABIES", "OTHER"];
const SEVERITIES = ["HIGH", "MEDIUM", "LOW"];
const REFRESH_MS = 5000;
// The topology refuses a submittedAt more than this far ahead of its clock (SubmissionValidator).
const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------------------------
// Formatting

const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g, (c) =>
  ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c]));
const number = new Intl.NumberFormat("en");
const num = (n) => n == null ? "&ndash;" : number.format(n);
const pct = (x) => x == null || Number.isNaN(x) ? "&ndash;" : (100 * x).toFixed(0) + "%";
const LABELS = {UN_MEMBER_STATE: "UN Member State", NHRI: "NHRI", UNODC: "UNODC", STATES_PARTIES: "States parties",
  CONFERENCE_OF_THE_PARTIES: "Conference of the Parties", OVERDUE: "Overdue", NOT_REPORTED: "Not reported",
  REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION: "Regional economic integration organization"};
const words = (symbol) => {
  if (LABELS[symbol]) return LABELS[symbol];
  const s = String(symbol == null ? "" : symbol).toLowerCase().replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};
const day = (iso) => iso ? String(iso).slice(0, 10) : "&ndash;";
const when = (iso) => iso ? String(iso).replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC") : "&ndash;";
const statusClass = (status) => KNOWN_STATUS_CLASSES.has(status) ? "s-" + status : "s-other";
const chip = (status, href) => {
  if (!status) {
    return href ? `<a class="st s-none" href="${href}">not reported</a>` : `<span class="st s-none">not reported</span>`;
  }
  const label = esc(words(status));
  return href ? `<a class="st ${statusClass(status)}" href="${href}">${label}</a>`
    : `<span class="st ${statusClass(status)}">${label}</span>`;
};
const sevChip = (severity) =>
  `<span class="sev ${SEVERITIES.includes(severity) ? "sev-" + severity : "sev-other"}">${esc(words(severity))}</span>`;
const meter = (x, label) => x == null ? "&ndash;" :
  `<div class="meter" role="img" aria-label="${esc(label || "")} ${pct(x)}"><span class="track"><span class="fill" style="width:${(100 * Math.max(0, Math.min(1, x))).toFixed(1)}%"></span></span><span class="fig">${pct(x)}</span></div>`;
const para = (rec) => rec ? "para " + rec.paragraph : "";
const recHref = (id) => "#/recommendations/" + encodeURIComponent(id);
const countryHref = (iso3) => "#/countries/" + encodeURIComponent(iso3);
const cellHref = (iso3, id) => `#/countries/${encodeURIComponent(iso3)}/recommendations/${encodeURIComponent(id)}`;
const short = (text, n) => {
  const s = String(text || "");
  return s.length > n ? esc(s.slice(0, n - 1)) + "&hellip;" : esc(s);
};

/** The statuses in the order of the scale, then any status this page does not know, in the order met. */
function orderedStatuses(counts) {
  const extra = Object.keys(counts || {}).filter((s) => !STATUS_ORDER.includes(s));
  return STATUS_ORDER.filter((s) => counts && s in counts).concat(extra);
}

/** A stacked bar of status counts with every figure written beside it. */
function stack(counts) {
  if (!counts) {
    return "&ndash;";
  }
  const statuses = orderedStatuses(counts).filter((s) => counts[s] > 0);
  const total = statuses.reduce((sum, s) => sum + counts[s], 0);
  if (total === 0) {
    return `<span class="muted">no reports</span>`;
  }
  const label = statuses.map((s) => `${words(s)} ${counts[s]}`).join(", ");
  const parts = statuses.map((s) =>
    `<span class="${statusClass(s)}" style="width:${(100 * counts[s] / total).toFixed(2)}%" title="${esc(words(s))}: ${counts[s]}"></span>`).join("");
  const figures = statuses.map((s) => `<i class="${statusClass(s)}" aria-hidden="true"></i>${counts[s]}`).join("");
  return `<div class="stack" role="img" aria-label="${esc(label)}"><span class="track">${parts}</span><span class="figs" aria-hidden="true">${figures}</span></div>`;
}

function legend(statuses) {
  return `<ul class="legend" aria-label="Status colours">${statuses.map((s) =>
    `<li><i class="${statusClass(s)}"></i>${esc(words(s))}</li>`).join("")}<li><i class="s-none"></i>Not reported</li></ul>`;
}

function table(id, caption, head, rows, empty) {
  return `<div class="table-wrap"><table id="${id}"><caption>${caption}</caption><thead><tr>${head}</tr></thead>
    <tbody>${rows.length ? rows.join("") : `<tr><td colspan="20" class="muted">${empty || "Nothing to show."}</td></tr>`}</tbody></table></div>`;
}

// ---------------------------------------------------------------------------------------------------------------
// The API

class HttpError extends Error {
  constructor(path, status, body) {
    super(`${path}: HTTP ${status}${body && body.error ? " (" + body.error + ")" : ""}`);
    this.status = status;
    this.body = body;
  }
}

const query = (params) => {
  const entries = Object.entries(params || {}).filter(([, v]) => v != null && v !== "");
  return entries.length ? "?" + entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&") : "";
};

/** GET a documented route of the API as JSON. */
async function api(path, params) {
  const response = await fetch(API + path + query(params), {headers: {Accept: "application/json"}});
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new HttpError(path, response.status, body);
  }
  return body;
}

/** GET a documented route as text (the CSV feeds). */
async function apiText(path) {
  const response = await fetch(API + path, {headers: {Accept: "text/csv"}});
  if (!response.ok) {
    throw new HttpError(path, response.status, null);
  }
  return response.text();
}

/** RFC 4180 records, after an optional byte order mark: the first record names the fields. */
function parseCsv(text) {
  const records = [];
  let record = [], field = "", quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === "\"" && body[i + 1] === "\"") { field += "\""; i++; }
      else if (c === "\"") quoted = false;
      else field += c;
    } else if (c === "\"") quoted = true;
    else if (c === ",") { record.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      record.push(field); records.push(record); record = []; field = "";
    } else field += c;
  }
  if (field || record.length) { record.push(field); records.push(record); }
  const [head, ...rows] = records;
  return (rows || []).map((r) => Object.fromEntries((head || []).map((h, i) => [h, r[i]])));
}

let spec = {paths: {}, components: {schemas: {}}};

/** Whether this instance documents the route (e.g. "/alerts/summary" or "/countries/{iso3}/statistics"). */
function documented(path) {
  return Object.prototype.hasOwnProperty.call(spec.paths || {}, API + path);
}

/** GET a route only when this instance documents it; null otherwise. */
async function optionalApi(path, params) {
  return documented(path) ? api(path, params) : null;
}

/** The documented routes below a prefix (e.g. the CSV feeds of a cycle). */
function documentedUnder(prefix) {
  return Object.keys(spec.paths || {}).filter((p) => p.startsWith(API + prefix)).map((p) => p.slice(API.length));
}

/** An enum of the contract when this instance's OpenAPI document lists it, else the fallback. */
function enumOf(name, fallback) {
  const schema = (spec.components && spec.components.schemas && spec.components.schemas[name]) || {};
  return Array.isArray(schema.enum) && schema.enum.length ? schema.enum : fallback;
}

function sse(path, params) {
  return new EventSource(API + path + query(params));
}

const stateAddressed = (rec) => (rec.addressees || []).some((a) => a === "STATES_PARTIES" || a === "STATES");
const reportableBy = (rec, type) => type === "UNODC" ? (rec.addressees || []).includes("UNODC")
  : ["STATE", "CIVIL_SOCIETY", "NHRI"].includes(type) && stateAddressed(rec);
const byParagraph = (a, b) => (a.paragraph - b.paragraph) || String(a.id).localeCompare(String(b.id));

// ---------------------------------------------------------------------------------------------------------------
// Router: #/page/... with the page's own query, each a bookmarkable URL.

const view = document.getElementById("view");
let current = {route: null, cleanup: [], html: null};
let renderSeq = 0;

function parseHash() {
  const raw = location.hash.startsWith("#/") ? location.hash.slice(2) : "";
  const [path, q] = raw.split("?");
  return {segments: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(q || "")};
}

function pageFor(segments) {
  const [first, second, third, fourth] = segments;
  if (!first) return {name: "overview", render: overviewPage, live: true};
  if (first === "recommendations" && !second) return {name: "recommendations", render: recommendationsPage, live: true};
  if (first === "recommendations") return {name: "recommendations", render: () => recommendationPage(second), live: true};
  if (first === "countries" && !second) return {name: "countries", render: countriesPage, live: true};
  if (first === "countries" && third === "recommendations" && fourth) {
    return {name: "countries", render: () => cellPage(second, fourth), live: true};
  }
  if (first === "countries") return {name: "countries", render: () => countryPage(second), live: true};
  if (first === "matrix") return {name: "matrix", render: matrixPage, live: true};
  if (first === "alerts") return {name: "alerts", render: alertsPage, live: false};
  if (first === "cycles") return {name: "cycles", render: cyclesPage, live: false};
  if (first === "submit") return {name: "submit", render: submitPage, live: false};
  return {name: "", render: async () => ({html: `<h1>Page not found</h1><p><a href="#/">Back to the overview</a></p>`})};
}

function setUpdated(text) {
  document.getElementById("updated").textContent = text;
}

function setLive(on) {
  document.getElementById("live-dot").classList.toggle("live", on);
}

let navigations = 0;
let loading = false;
let refreshing = false;

/**
 * Renders the page of the current hash. A quiet re-render (the periodic refresh) replaces the page only when its
 * content changed, never runs beside another render, and is dropped when the reader navigated meanwhile.
 */
async function render(quiet) {
  if (quiet && (loading || refreshing)) return;
  const seq = quiet ? navigations : ++navigations;
  if (quiet) refreshing = true; else loading = true;
  try {
    await renderPage(quiet, seq);
  } finally {
    if (quiet) refreshing = false;
    else if (seq === navigations) loading = false;
  }
}

async function renderPage(quiet, seq) {
  const {segments, params} = parseHash();
  const page = pageFor(segments);
  if (!quiet) {
    current.cleanup.forEach((f) => f());
    current = {route: location.hash, cleanup: [], html: null, page};
    document.querySelectorAll("header nav a").forEach((a) => {
      if (a.dataset.page === page.name) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    view.setAttribute("aria-busy", "true");
  }
  try {
    const result = await page.render(params, segments);
    if (seq !== navigations) return;
    if (quiet && result.html === current.html) {
      setUpdated("updated " + new Date().toLocaleTimeString("en-GB"));
      return;
    }
    const open = quiet ? [...view.querySelectorAll("details[open][id]")].map((d) => d.id) : [];
    view.innerHTML = result.html;
    open.forEach((id) => { const d = document.getElementById(id); if (d) d.open = true; });
    current.html = result.html;
    if (result.bind) result.bind(current.cleanup);
    if (result.title) document.title = result.title + " \u00b7 tip-monitor";
    if (!quiet) {
      view.setAttribute("aria-busy", "false");
      window.scrollTo(0, 0);
    }
    setUpdated("updated " + new Date().toLocaleTimeString("en-GB"));
  } catch (e) {
    if (seq !== navigations) return;
    if (quiet) {
      setUpdated("refresh failed: " + e.message);
      return;
    }
    view.innerHTML = `<h1>Cannot show this page</h1><p class="notice err">${esc(e.message)}</p>
      <p class="muted">The stores may still be starting; the page retries every few seconds.</p>`;
    current.html = null;
    view.setAttribute("aria-busy", "false");
    const retry = setTimeout(() => { if (current.route === location.hash) render(false); }, REFRESH_MS);
    current.cleanup.push(() => clearTimeout(retry));
  }
}

/** The pages marked live re-read the API every few seconds; not while the reader is typing in it. */
setInterval(() => {
  const active = document.activeElement;
  const typing = active && view.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
  const inMatrix = active && active.closest && active.closest("#matrix");
  if (current.page && current.page.live && !typing && !inMatrix && document.visibilityState === "visible") {
    render(true);
  }
}, REFRESH_MS);

window.addEventListener("hashchange", () => {
  if (!location.hash.startsWith("#/") && location.hash !== "") return;
  render(false).then(() => view.focus({preventScroll: true}));
});
document.getElementById("skip").addEventListener("click", (e) => { e.preventDefault(); view.focus(); });

/** Updates the page's own query without a new history entry or a re-render (filters, sort). */
function replaceQuery(params) {
  const base = location.hash.split("?")[0] || "#/";
  const q = params.toString();
  history.replaceState(null, "", base + (q ? "?" + q : ""));
  current.route = location.hash;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared data

async function countriesByIso() {
  const countries = await api("/countries");
  return {list: countries.items, byIso: new Map(countries.items.map((c) => [c.iso3, c]))};
}

const statesParty = (c) => c && c.protocolStatus === "PARTY" && c.entityType !== "REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION";
const countryName = (byIso, iso3) => (byIso.get(iso3) || {}).nameEn || iso3;

/** Open alerts by kind, severity, region and recommendation: the summary route when served, else counted here. */
async function alertSummary(byIso) {
  if (documented("/alerts/summary")) {
    const summary = await optionalApi("/alerts/summary", {status: "OPEN"});
    const read = summaryFromServer(summary);
    if (read) return read;
  }
  const alerts = await api("/alerts", {status: "OPEN"});
  return summaryFromAlerts(alerts.items, byIso);
}

function summaryFromAlerts(items, byIso) {
  const count = (keyOf) => {
    const m = new Map();
    items.forEach((a) => { const k = keyOf(a); if (k != null) m.set(k, (m.get(k) || 0) + 1); });
    return [...m.entries()].sort((x, y) => y[1] - x[1]);
  };
  return {
    source: "counted from /api/v1/alerts",
    total: items.length,
    byKind: count((a) => a.kind),
    bySeverity: count((a) => a.severity),
    byKindSeverity: count((a) => a.kind + "|" + a.severity),
    byRegion: count((a) => { const c = a.country && byIso.get(a.country); return c && c.region ? c.region.name : null; }),
    byRecommendation: count((a) => a.recommendationId),
  };
}

/** Reads the server's summary leniently: {byKind: {K: n}} or {byKind: [{kind, count}]}; null if unreadable. */
function summaryFromServer(body) {
  if (!body || typeof body !== "object") return null;
  const pairs = (x, names) => {
    if (!x) return [];
    const value = (v) => typeof v === "number" ? v : v && (v.count ?? v.open ?? v.total);
    if (Array.isArray(x)) {
      return x.map((e) => [names.map((n) => e[n]).find((v) => v != null), value(e)]).filter(([k, v]) => k != null && typeof v === "number");
    }
    return Object.entries(x).map(([k, v]) => [k, value(v)]).filter(([, v]) => typeof v === "number");
  };
  const byKind = pairs(body.byKind, ["kind", "key"]);
  if (!byKind.length && !(body.total === 0 || body.count === 0)) return null;
  const sorted = (p) => p.sort((x, y) => y[1] - x[1]);
  return {
    source: "from /api/v1/alerts/summary",
    total: body.total ?? body.count ?? byKind.reduce((s, [, v]) => s + v, 0),
    byKind: sorted(byKind),
    bySeverity: sorted(pairs(body.bySeverity, ["severity", "key"])),
    byKindSeverity: sorted(Object.entries(body.byKindAndSeverity || {}).flatMap(([kind, bySev]) =>
      Object.entries(bySev || {}).filter(([, n]) => typeof n === "number").map(([sev, n]) => [kind + "|" + sev, n]))),
    byRegion: sorted(pairs(body.byRegion, ["name", "label", "region", "m49", "key"])),
    byRecommendation: sorted(pairs(body.byRecommendation, ["recommendationId", "id", "key"])),
  };
}

function weightedRate(rows, field) {
  let weight = 0, sum = 0;
  rows.forEach((r) => { if (r && r[field] != null && r.applicable) { weight += r.applicable; sum += r[field] * r.applicable; } });
  return weight ? sum / weight : null;
}

function addCounts(target, counts) {
  Object.entries(counts || {}).forEach(([s, n]) => { target[s] = (target[s] || 0) + n; });
  return target;
}

// ---------------------------------------------------------------------------------------------------------------
// Overview

async function overviewPage() {
  const [recs, countries, matrix, cycles, regions] = await Promise.all([
    api("/recommendations"), countriesByIso(), api("/matrix"), api("/cycles"), api("/tables/region")]);
  const summary = await alertSummary(countries.byIso);
  const currentCycle = cycles.items.find((c) => !c.passed) || cycles.items[cycles.items.length - 1];
  const since = currentCycle ? currentCycle.begins : null;
  const reportingNow = new Set(matrix.cells.filter((c) => since && c.submittedAt >= since).map((c) => c.country));
  const partiesNow = [...reportingNow].filter((iso3) => statesParty(countries.byIso.get(iso3))).length;
  const reportingEver = new Set(matrix.cells.map((c) => c.country));
  const rows = recs.items.map((r) => r.compliance).filter(Boolean);
  const lastSubmitted = matrix.cells.reduce((m, c) => c.submittedAt > m ? c.submittedAt : m, "");

  const sections = new Map();
  recs.items.filter(stateAddressed).sort(byParagraph).forEach((r) => {
    const letter = (r.section && r.section.letter) || "?";
    if (!sections.has(letter)) sections.set(letter, {letter, title: r.section && r.section.titleEn, recs: [], rows: [], counts: {}});
    const s = sections.get(letter);
    s.recs.push(r);
    if (r.compliance) { s.rows.push(r.compliance); addCounts(s.counts, r.compliance.counts); }
  });
  const sectionRows = [...sections.values()].map((s) => `<tr>
      <th scope="row"><a href="#/recommendations?section=${esc(s.letter)}">${esc(s.letter)}</a> <span class="muted hide-narrow">${short(s.title, 70)}</span></th>
      <td class="num">${s.recs.length}</td><td class="num">${num(s.rows.reduce((n, r) => n + r.reported, 0))}</td>
      <td>${stack(s.counts)}</td><td>${meter(weightedRate(s.rows, "implementationRate"), "implementation rate")}</td>
      <td>${meter(weightedRate(s.rows, "progressScore"), "progress score")}</td></tr>`);

  const kindRows = summary.byKind.map(([kind, n]) => `<tr><th scope="row"><a href="#/alerts?status=OPEN&kind=${encodeURIComponent(kind)}">${esc(words(kind))}</a></th>
      ${SEVERITIES.map((sev) => {
        const cell = summary.byKindSeverity.find(([k]) => k === kind + "|" + sev);
        return `<td class="num">${cell ? `<a href="#/alerts?status=OPEN&kind=${encodeURIComponent(kind)}&severity=${sev}">${num(cell[1])}</a>` : (summary.byKindSeverity.length ? "0" : "")}</td>`;
      }).join("")}
      <td>${meter(summary.total ? n / summary.total : 0, "share of open alerts")}</td><td class="num"><b>${num(n)}</b></td></tr>`);
  const sevList = summary.bySeverity.map(([sev, n]) => `<li>${sevChip(sev)} <a href="#/alerts?status=OPEN&severity=${encodeURIComponent(sev)}">${num(n)}</a></li>`).join("");
  const regionAlerts = summary.byRegion.slice(0, 6).map(([name, n]) => `<li>${esc(name)}: ${num(n)}</li>`).join("");

  const latest = new Map();
  matrix.cells.forEach((c) => {
    const seen = latest.get(c.submissionId);
    if (!seen) latest.set(c.submissionId, {id: c.submissionId, country: c.country, at: c.submittedAt, n: 1});
    else seen.n++;
  });
  const latestRows = [...latest.values()].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 8).map((s) =>
    `<tr><td>${when(s.at)}</td><td><a href="${countryHref(s.country)}">${esc(countryName(countries.byIso, s.country))}</a></td><td class="num">${s.n}</td></tr>`);

  const regionRows = regions.rows.filter((r) => r.dimension === "REGION").sort((a, b) => a.label.localeCompare(b.label)).map((r) =>
    `<tr><th scope="row"><a href="#/countries?region=${encodeURIComponent(r.key)}">${esc(r.label)}</a></th><td class="num">${num(r.reported)} / ${num(r.expected)}</td>
      <td>${meter(r.coverage, "coverage")}</td><td>${meter(r.implementationRate, "implementation rate")}</td></tr>`);

  const html = `<h1>Overview</h1>
    <div class="kpis" id="kpis">
      <div class="kpi"><b id="kpi-parties-now">${num(partiesNow)}</b><span>States parties reporting in the current cycle${currentCycle ? ` (edition ${currentCycle.edition}, since ${day(since)})` : ""}</span></div>
      <div class="kpi"><b id="kpi-states">${num(reportingEver.size)}</b><span>States and parties that have reported</span></div>
      <div class="kpi"><b id="kpi-cells">${num(matrix.count)}</b><span>State cells (country &times; recommendation)</span></div>
      <div class="kpi"><b>${pct(weightedRate(rows, "implementationRate"))}</b><span>implementation rate over every applicable State cell</span></div>
      <div class="kpi"><b id="kpi-alerts">${num(summary.total)}</b><span>open alerts (para 37)</span></div>
      <div class="kpi"><b>${day(lastSubmitted)}</b><span>last submission</span></div>
    </div>
    <div class="card"><h2>Progress by section</h2>${legend(STATUS_ORDER.filter((s) => [...sections.values()].some((x) => x.counts[s] != null)))}
      ${table("sections-table", "State reports on the recommendations of each section (paragraph groups A-E)",
        `<th scope="col">Section</th><th scope="col" class="num">Recs</th><th scope="col" class="num">Reports</th><th scope="col">Statuses</th><th scope="col">Implementation rate</th><th scope="col">Progress</th>`, sectionRows)}</div>
    <div class="grid">
      <div class="card"><h2>Open alerts by kind and severity</h2>
        ${table("alert-summary", `${num(summary.total)} open alerts <span class="muted">(${esc(summary.source)})</span>`,
          `<th scope="col">Kind</th>${SEVERITIES.map((s) => `<th scope="col" class="num">${esc(words(s))}</th>`).join("")}<th scope="col">Share</th><th scope="col" class="num">Open</th>`, kindRows, "No open alert.")}
        <ul class="legend" aria-label="By severity">${sevList}</ul>
        ${regionAlerts ? `<h3>By region</h3><ul class="legend">${regionAlerts}</ul>` : ""}</div>
      <div class="card"><h2>Latest submissions</h2>
        ${table("latest-table", "Most recent State submissions", `<th scope="col">Submitted</th><th scope="col">Country</th><th scope="col" class="num">Cells</th>`, latestRows, "No submission yet.")}</div>
    </div>
    <div class="card" style="margin-top:16px"><h2>By M49 region</h2>
      ${table("regions-table", "States' reports per region: coverage of what States parties were asked, and implementation",
        `<th scope="col">Region</th><th scope="col" class="num">Reported / expected</th><th scope="col">Coverage</th><th scope="col">Implementation rate</th>`, regionRows)}</div>`;
  return {html, title: "Overview", bind: (cleanup) => bindAlertStream(cleanup, {})};
}

/** Keeps the live dot and the open-alert figure of a page current over server-sent events. */
function bindAlertStream(cleanup, filters, onAlert) {
  // One stream per visit of a page: a redraw of a live page binds again but keeps the stream it has.
  if (current.alertSource) return;
  const source = sse("/alerts/stream", filters);
  current.alertSource = source;
  source.onopen = () => setLive(true);
  source.onerror = () => setLive(false);
  source.addEventListener("alert", (event) => {
    const alert = JSON.parse(event.data);
    if (onAlert) onAlert(alert);
    const kpi = document.getElementById("kpi-alerts");
    if (kpi && !onAlert) render(true);
  });
  cleanup.push(() => { source.close(); setLive(false); });
}

// ---------------------------------------------------------------------------------------------------------------
// Recommendations

function sortRows(rows, key, dir, accessors) {
  const get = accessors[key] || accessors.para;
  const sign = dir === "desc" ? -1 : 1;
  return rows.slice().sort((a, b) => {
    const x = get(a), y = get(b);
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    return sign * (typeof x === "string" ? x.localeCompare(y) : x - y);
  });
}

function sortHeader(label, key, params, numeric) {
  const sort = params.get("sort") || "";
  const [k, dir] = sort.split("-");
  const state = k === key ? (dir === "desc" ? "descending" : "ascending") : "none";
  return `<th scope="col" aria-sort="${state}"${numeric ? " class=\"num\"" : ""}><button type="button" class="sort" data-sort="${key}">${label}</button></th>`;
}

function bindSort(params, rerender) {
  view.querySelectorAll("button.sort").forEach((b) => b.addEventListener("click", () => {
    const [k, dir] = (params.get("sort") || "").split("-");
    params.set("sort", b.dataset.sort + "-" + (k === b.dataset.sort && dir !== "desc" ? "desc" : "asc"));
    replaceQuery(params);
    rerender(b.dataset.sort);
  }));
}

function selectFilter(name, label, values, selected, describe) {
  return `<label>${label}<select name="${name}" data-filter="${name}"><option value="">All</option>${values.map((v) =>
    `<option value="${esc(v)}"${v === selected ? " selected" : ""}>${esc(describe ? describe(v) : words(v))}</option>`).join("")}</select></label>`;
}

function bindFilters(params, rerender) {
  view.querySelectorAll("[data-filter]").forEach((el) => el.addEventListener(el.tagName === "INPUT" && el.type !== "checkbox" ? "input" : "change", () => {
    const v = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value;
    if (v) params.set(el.dataset.filter, v); else params.delete(el.dataset.filter);
    replaceQuery(params);
    rerender();
  }));
}

async function recommendationsPage(params) {
  const recs = await api("/recommendations");
  const all = recs.items;
  const distinct = (f) => [...new Set(all.flatMap(f))].sort();
  const sections = distinct((r) => [r.section && r.section.letter].filter(Boolean));
  const themes = distinct((r) => r.themes || []);
  const forces = distinct((r) => [r.force].filter(Boolean));
  const addressees = distinct((r) => r.addressees || []);
  const accessors = {
    para: (r) => r.paragraph, section: (r) => r.section && r.section.letter, force: (r) => r.force,
    reported: (r) => r.compliance && r.compliance.reported, rate: (r) => r.compliance && r.compliance.implementationRate,
    progress: (r) => r.compliance && r.compliance.progressScore,
  };
  const rowsHtml = () => {
    const f = (k) => params.get(k) || "";
    const text = f("q").toLowerCase();
    const shown = all.filter((r) => (!f("section") || (r.section && r.section.letter) === f("section"))
      && (!f("theme") || (r.themes || []).includes(f("theme"))) && (!f("force") || r.force === f("force"))
      && (!f("addressee") || (r.addressees || []).includes(f("addressee")))
      && (!text || (r.summaryEn || "").toLowerCase().includes(text) || String(r.paragraph) === text));
    const [key, dir] = (params.get("sort") || "para-asc").split("-");
    return {count: shown.length, rows: sortRows(shown, key, dir, accessors).map((r) => {
      const c = r.compliance;
      return `<tr data-id="${esc(r.id)}"><th scope="row"><a href="${recHref(r.id)}">${r.paragraph}</a></th><td>${esc(r.section && r.section.letter)}</td>
        <td>${esc(words(r.force))}</td><td class="hide-narrow">${(r.addressees || []).map((a) => esc(words(a))).join(", ")}</td>
        <td><a href="${recHref(r.id)}">${short(r.summaryEn, 130)}</a></td>
        <td class="num">${c ? `${num(c.reported)} / ${num(c.expected)}` : "&ndash;"}</td><td>${stack(c && c.counts)}</td>
        <td>${meter(c && c.implementationRate, "implementation rate")}</td></tr>`;
    })};
  };
  const body = rowsHtml();
  const head = () => sortHeader("Para", "para", params) + sortHeader("Sec.", "section", params) + sortHeader("Force", "force", params)
    + `<th scope="col" class="hide-narrow">Addressed to</th><th scope="col">Summary</th>` + sortHeader("Reported", "reported", params, true)
    + `<th scope="col">Statuses (State reports)</th>` + sortHeader("Implementation rate", "rate", params);
  const html = `<h1>Recommendations</h1>
    <form class="filters" role="search" aria-label="Filter recommendations" onsubmit="return false">
      ${selectFilter("section", "Section", sections, params.get("section"), (v) => v)}
      ${selectFilter("theme", "Theme", themes, params.get("theme"))}
      ${selectFilter("force", "Force", forces, params.get("force"))}
      ${selectFilter("addressee", "Addressed to", addressees, params.get("addressee"))}
      <label>Search<input type="search" data-filter="q" value="${esc(params.get("q") || "")}" placeholder="words or paragraph"></label>
    </form>
    ${legend(STATUS_ORDER.filter((s) => all.some((r) => r.compliance && r.compliance.counts && s in r.compliance.counts)))}
    <div class="card"><div class="table-wrap"><table id="recs-table"><caption><span id="recs-count">${body.count}</span> of ${all.length} recommendations</caption>
      <thead><tr>${head()}</tr></thead><tbody>${body.rows.join("")}</tbody></table></div></div>`;
  const bind = () => {
    const rerender = () => {
      const b = rowsHtml();
      view.querySelector("#recs-table tbody").innerHTML = b.rows.join("") || `<tr><td colspan="8" class="muted">No recommendation matches.</td></tr>`;
      view.querySelector("#recs-count").textContent = b.count;
      view.querySelector("#recs-table thead tr").innerHTML = head();
      bindSort(params, rerender);
      current.html = null;
    };
    bindFilters(params, rerender);
    bindSort(params, rerender);
  };
  return {html, title: "Recommendations", bind};
}

async function recommendationPage(id) {
  const [rec, countries, matrix, cs, nhri, alerts] = await Promise.all([
    api(`/recommendations/${encodeURIComponent(id)}`), countriesByIso(), api("/matrix"),
    api("/matrix", {reporterType: "CIVIL_SOCIETY"}), api("/matrix", {reporterType: "NHRI"}),
    api("/alerts", {recommendation: id, status: "OPEN", limit: 50})]);
  // A paragraph addressed to UNODC only is reported on by UNODC: its row is UNODC's.
  const unodcOnly = !stateAddressed(rec) && (rec.addressees || []).includes("UNODC");
  const c = unodcOnly ? (await api(`/recommendations/${encodeURIComponent(id)}`, {reporterType: "UNODC"})).compliance : rec.compliance;
  const mine = (m) => new Map(m.cells.filter((x) => x.recommendationId === id).map((x) => [x.country, x]));
  const state = mine(matrix), civil = mine(cs), national = mine(nhri);
  const byStatus = new Map();
  [...state.values()].forEach((x) => { if (!byStatus.has(x.status)) byStatus.set(x.status, []); byStatus.get(x.status).push(x.country); });
  const statusBlocks = orderedStatuses(Object.fromEntries([...byStatus.entries()].map(([k, v]) => [k, v.length]))).map((s) => {
    const names = byStatus.get(s).map((iso3) => [countryName(countries.byIso, iso3), iso3]).sort((a, b) => a[0].localeCompare(b[0]));
    return `<div class="status-group" data-status="${esc(s)}"><h3>${chip(s)} <span class="muted">${names.length} ${names.length === 1 ? "State" : "States"}</span></h3>
      <p>${names.map(([name, iso3]) => `<a href="${cellHref(iso3, id)}">${esc(name)}</a>`).join(", ")}</p></div>`;
  }).join("") || `<p class="muted">${unodcOnly ? "Addressed to UNODC: States do not report on it." : "No State has reported on this recommendation yet."}</p>`;
  const viewCountries = [...new Set([...civil.keys(), ...national.keys()])]
    .sort((a, b) => countryName(countries.byIso, a).localeCompare(countryName(countries.byIso, b)));
  const viewRows = viewCountries.map((iso3) => `<tr><th scope="row"><a href="${cellHref(iso3, id)}">${esc(countryName(countries.byIso, iso3))}</a></th>
      <td>${chip(state.get(iso3) && state.get(iso3).status)}</td><td>${civil.has(iso3) ? chip(civil.get(iso3).status) : "&ndash;"}</td>
      <td>${national.has(iso3) ? chip(national.get(iso3).status) : "&ndash;"}</td></tr>`);
  const alertRows = alerts.items.slice(0, 50).map((a) => alertRow(a, countries.byIso));
  const html = `<p class="crumbs"><a href="#/recommendations">Recommendations</a> &rsaquo; ${esc(rec.id)}</p>
    <h1>Paragraph ${rec.paragraph} <span class="muted">(${esc(rec.id)})</span></h1>
    <div class="grid">
      <div class="card"><h2>The recommendation</h2><dl class="facts" id="rec-facts">
        <dt>Section</dt><dd>${esc(rec.section && rec.section.letter)}. ${esc(rec.section && rec.section.titleEn)}</dd>
        <dt>Force</dt><dd>${esc(words(rec.force))}</dd>
        <dt>Addressed to</dt><dd>${(rec.addressees || []).map((a) => esc(words(a))).join(", ")}</dd>
        <dt>Themes</dt><dd>${(rec.themes || []).map((t) => `<a href="#/recommendations?theme=${encodeURIComponent(t)}">${esc(words(t))}</a>`).join(", ")}</dd>
        <dt>Session</dt><dd>${esc(rec.session && rec.session.venue)}, ${day(rec.session && rec.session.startDate)} to ${day(rec.session && rec.session.endDate)}</dd>
      </dl>
      <h3>Text of the report (Chinese)</h3><p class="zh" lang="zh" id="rec-zh">${esc(rec.textZh)}</p>
      <h3>English summary</h3><p id="rec-en">${esc(rec.summaryEn)}</p></div>
      <div class="card"><h2>${unodcOnly ? "UNODC's reports" : "State reports"}</h2>${c ? `<dl class="facts">
        <dt>Reported</dt><dd>${num(c.reported)} of ${num(c.expected)} expected</dd>
        <dt>Statuses</dt><dd>${stack(c.counts)}</dd>
        <dt>Implementation</dt><dd>${meter(c.implementationRate, "implementation rate")}</dd>
        <dt>Progress</dt><dd>${meter(c.progressScore, "progress score")}</dd>
        <dt>Coverage</dt><dd>${meter(c.coverage, "coverage")}</dd>
        <dt>Last report</dt><dd>${when(c.lastSubmittedAt)}</dd></dl>` : `<p class="muted">No State report yet.</p>`}</div>
    </div>
    <div class="card" style="margin-top:16px"><h2>States by status</h2><div id="states-by-status">${statusBlocks}</div></div>
    <div class="card"><h2>Civil society and national human rights institutions</h2>
      ${table("views-table", "Their views beside the State's", `<th scope="col">Country</th><th scope="col">State</th><th scope="col">Civil society</th><th scope="col">NHRI</th>`, viewRows, "No civil-society or NHRI view on this recommendation yet.")}</div>
    <div class="card"><h2>Open alerts on this recommendation</h2>
      ${table("rec-alerts", `${num(alerts.count)} open`, alertHead(), alertRows, "No open alert.")}</div>`;
  return {html, title: "Paragraph " + rec.paragraph};
}

// ---------------------------------------------------------------------------------------------------------------
// Countries

async function countriesPage(params) {
  const countries = await api("/countries");
  const all = countries.items;
  const regions = [...new Map(all.filter((c) => c.region).map((c) => [c.region.code, c.region.name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const accessors = {
    name: (c) => c.nameEn, region: (c) => c.region && c.region.name, reported: (c) => c.compliance && c.compliance.reported,
    rate: (c) => c.compliance && c.compliance.implementationRate, last: (c) => c.compliance && c.compliance.lastSubmittedAt,
    para: (c) => c.nameEn,
  };
  const rowsHtml = () => {
    const region = params.get("region") || "";
    const text = (params.get("q") || "").toLowerCase();
    const reporting = params.get("reporting") === "1";
    const shown = all.filter((c) => (!region || (c.region && c.region.code === region) || (c.subRegion && c.subRegion.code === region))
      && (!reporting || c.compliance) && (!text || c.nameEn.toLowerCase().includes(text) || c.iso3.toLowerCase() === text));
    const [key, dir] = (params.get("sort") || "name-asc").split("-");
    return {count: shown.length, rows: sortRows(shown, key, dir, accessors).map((c) => {
      const r = c.compliance;
      return `<tr data-iso3="${esc(c.iso3)}"><th scope="row"><a href="${countryHref(c.iso3)}">${esc(c.nameEn)}</a></th><td>${esc(c.iso3)}</td>
        <td>${esc(c.region && c.region.name)}</td><td class="hide-narrow">${esc(c.subRegion && c.subRegion.name)}</td>
        <td class="hide-narrow">${esc(words(c.protocolStatus))}</td>
        <td class="num">${r ? `${num(r.reported)} / ${num(r.expected)}` : "&ndash;"}</td><td>${stack(r && r.counts)}</td>
        <td>${meter(r && r.implementationRate, "implementation rate")}</td><td class="hide-narrow">${day(r && r.lastSubmittedAt)}</td></tr>`;
    })};
  };
  const head = () => sortHeader("Country", "name", params) + `<th scope="col">ISO3</th>` + sortHeader("Region", "region", params)
    + `<th scope="col" class="hide-narrow">Sub-region</th><th scope="col" class="hide-narrow">Protocol</th>` + sortHeader("Reported", "reported", params, true)
    + `<th scope="col">Statuses</th>` + sortHeader("Implementation rate", "rate", params) + `<th scope="col" class="hide-narrow">` + `<button type="button" class="sort" data-sort="last">Last report</button></th>`;
  const body = rowsHtml();
  const html = `<h1>Countries</h1>
    <form class="filters" role="search" aria-label="Filter countries" onsubmit="return false">
      ${selectFilter("region", "Region", regions.map(([code]) => code), params.get("region"), (code) => (regions.find(([k]) => k === code) || [])[1])}
      <label>Search<input type="search" data-filter="q" value="${esc(params.get("q") || "")}" placeholder="name or ISO3"></label>
      <label style="flex-direction:row;gap:6px;align-items:center"><input type="checkbox" data-filter="reporting"${params.get("reporting") === "1" ? " checked" : ""}> Reporting States only</label>
    </form>
    <div class="card"><div class="table-wrap"><table id="countries-table"><caption><span id="countries-count">${body.count}</span> of ${all.length} States and other entities</caption>
      <thead><tr>${head()}</tr></thead><tbody>${body.rows.join("")}</tbody></table></div></div>`;
  const bind = () => {
    const rerender = () => {
      const b = rowsHtml();
      view.querySelector("#countries-table tbody").innerHTML = b.rows.join("") || `<tr><td colspan="9" class="muted">No country matches.</td></tr>`;
      view.querySelector("#countries-count").textContent = b.count;
      view.querySelector("#countries-table thead tr").innerHTML = head();
      bindSort(params, rerender);
      current.html = null;
    };
    bindFilters(params, rerender);
    bindSort(params, rerender);
  };
  return {html, title: "Countries", bind};
}

const feeds = new Map();

/** The rows of an edition's Global Report feed, kept a minute like the tables at a cut-off. */
function glotipRows(edition) {
  const kept = feeds.get(edition);
  if (kept && Date.now() - kept.at < 60000) return kept.rows;
  const rows = apiText(`/cycles/${encodeURIComponent(edition)}/glotip.csv`).then(parseCsv);
  feeds.set(edition, {at: Date.now(), rows});
  rows.catch(() => feeds.delete(edition));
  return rows;
}

const asOfTables = new Map();

/** The country table at a passed cut-off, kept a minute: it changes only when a late report is dated before it. */
function countryTableAsOf(cutoff) {
  const kept = asOfTables.get(cutoff);
  if (kept && Date.now() - kept.at < 60000) return kept.table;
  const table = api("/tables/country", {asOf: cutoff});
  asOfTables.set(cutoff, {at: Date.now(), table});
  table.catch(() => asOfTables.delete(cutoff));
  return table;
}

async function countryPage(iso3) {
  const [country, recs, matrix, cs, nhri, alerts, cycles] = await Promise.all([
    api(`/countries/${encodeURIComponent(iso3)}`), api("/recommendations"), api("/matrix"),
    api("/matrix", {reporterType: "CIVIL_SOCIETY"}), api("/matrix", {reporterType: "NHRI"}),
    api("/alerts", {country: iso3, status: "OPEN", limit: 50}), api("/cycles")]);
  const passed = cycles.items.filter((c) => c.passed);
  const atCutoffs = await Promise.all(passed.map((c) => countryTableAsOf(c.cutoff)
    .then((t) => ({cycle: c, row: t.rows.find((r) => r.key === country.iso3)}))));
  const latest = passed[passed.length - 1];
  const feed = latest ? (await glotipRows(latest.edition)).filter((r) => r.Iso3_code === country.iso3) : [];
  const statisticsRoute = Object.keys(spec.paths || {}).find((p) => /^\/api\/v1\/countries\/\{[^}]+\}\/statistics/.test(p));
  const statistics = statisticsRoute ? await optionalApi(statisticsRoute.slice(API.length).replace(/\{[^}]+\}/, encodeURIComponent(country.iso3))) : null;
  const mine = (m) => new Map(m.cells.filter((x) => x.country === country.iso3).map((x) => [x.recommendationId, x]));
  const state = mine(matrix), civil = mine(cs), national = mine(nhri);
  const c = country.compliance;
  const recRows = recs.items.filter(stateAddressed).sort(byParagraph).map((r) => {
    const s = state.get(r.id);
    return `<tr data-rec="${esc(r.id)}"><th scope="row"><a href="${recHref(r.id)}">${r.paragraph}</a></th><td class="hide-narrow">${short(r.summaryEn, 110)}</td>
      <td class="state-status">${chip(s && s.status, cellHref(country.iso3, r.id))}</td>
      <td>${civil.has(r.id) ? chip(civil.get(r.id).status, cellHref(country.iso3, r.id)) : "&ndash;"}</td>
      <td>${national.has(r.id) ? chip(national.get(r.id).status, cellHref(country.iso3, r.id)) : "&ndash;"}</td>
      <td class="hide-narrow">${s ? day(s.submittedAt) : ""}</td></tr>`;
  });
  const coverageRows = atCutoffs.map(({cycle, row}) => `<tr><th scope="row">${cycle.edition}</th><td>${day(cycle.cutoff)}</td>
      <td class="num">${row ? `${num(row.reported)} / ${num(row.expected)}` : "0"}</td><td>${meter(row ? row.coverage : 0, "coverage")}</td>
      <td>${meter(row ? row.implementationRate : null, "implementation rate")}</td></tr>`);
  if (c) {
    coverageRows.push(`<tr><th scope="row">Now</th><td>${day(new Date().toISOString())}</td><td class="num">${num(c.reported)} / ${num(c.expected)}</td>
      <td>${meter(c.coverage, "coverage")}</td><td>${meter(c.implementationRate, "implementation rate")}</td></tr>`);
  }
  const html = `<p class="crumbs"><a href="#/countries">Countries</a> &rsaquo; ${esc(country.nameEn)}</p>
    <h1>${esc(country.nameEn)} <span class="muted">${esc(country.iso3)} &middot; <span lang="zh">${esc(country.nameZh)}</span></span></h1>
    <div class="kpis">
      <div class="kpi"><b id="kpi-reported">${c ? `${num(c.reported)} / ${num(c.expected)}` : "0"}</b><span>recommendations reported / expected</span></div>
      <div class="kpi"><b>${pct(c && c.implementationRate)}</b><span>implementation rate</span></div>
      <div class="kpi"><b>${pct(c && c.progressScore)}</b><span>progress score</span></div>
      <div class="kpi"><b>${num(alerts.count)}</b><span>open alerts</span></div>
      <div class="kpi"><b>${day(c && c.lastSubmittedAt)}</b><span>last State report</span></div>
    </div>
    <div class="grid">
      <div class="card"><h2>About</h2><dl class="facts">
        <dt>Region</dt><dd>${esc(country.region && country.region.name)} (M49 ${esc(country.region && country.region.code)})</dd>
        <dt>Sub-region</dt><dd>${esc(country.subRegion && country.subRegion.name)}</dd>
        <dt>Entity</dt><dd>${esc(words(country.entityType))}</dd>
        <dt>Protocol</dt><dd>${esc(words(country.protocolStatus))}${country.protocolPartySince ? " since " + day(country.protocolPartySince) : ""}</dd>
        <dt>Statuses</dt><dd>${stack(c && c.counts)}</dd></dl>
        <p><a class="button secondary" href="#/submit?country=${encodeURIComponent(country.iso3)}">Submit a report for ${esc(country.nameEn)}</a></p></div>
      <div class="card"><h2>Coverage over cycles</h2>
        ${table("coverage-table", "State reports as they stood at each cycle's cut-off", `<th scope="col">Edition</th><th scope="col">Cut-off</th><th scope="col" class="num">Reported</th><th scope="col">Coverage</th><th scope="col">Implementation</th>`, coverageRows, "No cycle has passed yet.")}</div>
    </div>
    <div class="card" style="margin-top:16px"><h2>Each recommendation</h2>${legend(STATUS_ORDER.filter((s) => [...state.values(), ...civil.values(), ...national.values()].some((x) => x.status === s)))}
      <p class="muted">Open a status to see the cell's history of submissions: dates, statuses, measures and evidence.</p>
      ${table("country-recs", "The State's status beside the views of civil society and of the national human rights institution", `<th scope="col">Para</th><th scope="col" class="hide-narrow">Recommendation</th><th scope="col">State</th><th scope="col">Civil society</th><th scope="col">NHRI</th><th scope="col" class="hide-narrow">Reported</th>`, recRows)}</div>
    ${statistics ? `<div class="card"><h2>National statistics</h2>${genericTable("statistics-table", statistics)}</div>` : ""}
    ${latest ? `<div class="card"><h2>In the Global Report feed, edition ${esc(latest.edition)}</h2>
      <p class="muted">${esc(country.nameEn)}'s rows of <a href="${API}/cycles/${encodeURIComponent(latest.edition)}/glotip.csv" download>glotip.csv</a> (cut-off ${day(latest.cutoff)}).</p>
      ${table("feed-table", `${feed.length} rows`, ["Indicator", "Dimension", "Category", "Sex", "Age", "Year"].map((h) => `<th scope="col">${h}</th>`).join("") + `<th scope="col" class="num">Value</th><th scope="col" class="hide-narrow">Unit</th>`,
        feed.map((r) => `<tr>${["Indicator", "Dimension", "Category", "Sex", "Age", "Year"].map((h) => `<td>${esc(r[h])}</td>`).join("")}<td class="num">${esc(r.VALUE)}</td><td class="hide-narrow">${esc(r["Unit of measurement"])}</td></tr>`),
        "No row for this country in that edition.")}</div>` : ""}
    <div class="card"><h2>Open alerts</h2>${table("country-alerts", `${num(alerts.count)} open`, alertHead(), alerts.items.slice(0, 50).map((a) => alertRow(a, new Map([[country.iso3, country]]))), "No open alert.")}</div>`;
  return {html, title: country.nameEn};
}

/** A table of whatever rows a newer route answers: {items|rows: [{...scalars}]}. */
function genericTable(id, body) {
  const items = (body && (body.items || body.rows || body.statistics)) || [];
  if (!items.length) return `<p class="muted">None reported.</p>`;
  const columns = [...new Set(items.flatMap((i) => Object.keys(i).filter((k) => i[k] == null || typeof i[k] !== "object")))];
  return table(id, `${items.length} figures`, columns.map((k) => `<th scope="col">${esc(words(k.replace(/([a-z])([A-Z])/g, "$1_$2")))}</th>`).join(""),
    items.map((i) => `<tr>${columns.map((k) => `<td${typeof i[k] === "number" ? " class=\"num\"" : ""}>${typeof i[k] === "number" ? num(i[k]) : esc(i[k] == null ? "" : words(i[k]).length && /^[A-Z_]+$/.test(i[k]) ? words(i[k]) : i[k])}</td>`).join("")}</tr>`));
}

// ---------------------------------------------------------------------------------------------------------------
// A cell: one country's answers to one recommendation, over time

async function cellPage(iso3, id) {
  const [country, rec, state, civil, national] = await Promise.all([
    api(`/countries/${encodeURIComponent(iso3)}`), api(`/recommendations/${encodeURIComponent(id)}`),
    api(`/countries/${encodeURIComponent(iso3)}/recommendations/${encodeURIComponent(id)}`),
    api(`/countries/${encodeURIComponent(iso3)}/recommendations/${encodeURIComponent(id)}`, {reporterType: "CIVIL_SOCIETY"}),
    api(`/countries/${encodeURIComponent(iso3)}/recommendations/${encodeURIComponent(id)}`, {reporterType: "NHRI"})]);
  const timeline = (answer, who) => answer.history.length === 0 ? `<p class="muted">No ${who} report on this recommendation.</p>`
    : `<ol class="timeline">${answer.history.map((v) => entry(v.cell, v.validFrom)).join("")}</ol>`;
  const html = `<p class="crumbs"><a href="#/countries">Countries</a> &rsaquo; <a href="${countryHref(country.iso3)}">${esc(country.nameEn)}</a> &rsaquo; para ${rec.paragraph}</p>
    <h1>${esc(country.nameEn)}: paragraph ${rec.paragraph}</h1>
    <div class="card"><p>${esc(rec.summaryEn)}</p><p><a id="to-recommendation" href="${recHref(rec.id)}">The recommendation (para ${rec.paragraph}) and every State's status</a>
      &middot; <a href="${countryHref(country.iso3)}">${esc(country.nameEn)}'s page</a></p></div>
    <div class="grid">
      <div class="card" id="history-state"><h2>The State's reports ${chip(state.cell && state.cell.status)}</h2>${timeline(state, "State")}</div>
      <div class="card" id="history-cs"><h2>Civil society ${civil.cell ? chip(civil.cell.status) : ""}</h2>${timeline(civil, "civil-society")}</div>
      <div class="card" id="history-nhri"><h2>National human rights institution ${national.cell ? chip(national.cell.status) : ""}</h2>${timeline(national, "NHRI")}</div>
    </div>`;
  return {html, title: `${country.nameEn}, para ${rec.paragraph}`};
}

function entry(cell, validFrom) {
  const list = (xs, f) => xs && xs.length ? xs.map(f).join(", ") : "&ndash;";
  const evidence = (cell.evidence || []).map((e) => /^https?:\/\//.test(e) ? `<a href="${esc(e)}" rel="noopener noreferrer">${esc(e)}</a>` : esc(e));
  return `<li class="history-entry" data-submission="${esc(cell.submissionId)}"><p><b>${when(cell.submittedAt || validFrom)}</b> ${chip(cell.status)}
      <span class="muted">${esc(cell.submissionId)}${cell.organisation ? " &middot; " + esc(cell.organisation) : ""}</span></p>
    <dl class="facts"><dt>Measures</dt><dd>${list(cell.measures, (m) => esc(words(m)))}</dd>
      ${cell.narrative ? `<dt>Narrative</dt><dd lang="${esc(cell.language || "en")}">${esc(cell.narrative)}</dd>` : ""}
      ${cell.challenges ? `<dt>Challenges</dt><dd>${esc(cell.challenges)}</dd>` : ""}
      ${cell.technicalAssistanceNeeded ? `<dt>Assistance</dt><dd>Technical assistance requested</dd>` : ""}
      ${cell.exploitationForms && cell.exploitationForms.length ? `<dt>Forms of exploitation</dt><dd>${list(cell.exploitationForms, (f) => esc(words(f.form)) + (f.description ? ": " + esc(f.description) : ""))}</dd>` : ""}
      <dt>Evidence</dt><dd>${evidence.length ? evidence.join("<br>") : "&ndash;"}</dd></dl></li>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Matrix

const collapsedRegions = new Set();

async function matrixPage(params) {
  const reporterType = params.get("reporterType") || "STATE";
  const [recs, countries, matrix] = await Promise.all([api("/recommendations"), countriesByIso(), api("/matrix", {reporterType})]);
  const columns = recs.items.filter((r) => reportableBy(r, reporterType === "UNODC" ? "UNODC" : "STATE")).sort(byParagraph);
  const statusOf = new Map(matrix.cells.map((c) => [c.country + "|" + c.recommendationId, c.status]));
  const regions = new Map();
  [...new Set(matrix.cells.map((c) => c.country))].forEach((iso3) => {
    const country = countries.byIso.get(iso3);
    const region = country && country.region ? country.region.name : "Other";
    if (!regions.has(region)) regions.set(region, []);
    regions.get(region).push(iso3);
  });
  const sectionStarts = new Set();
  const sectionSpans = [];
  columns.forEach((r, i) => {
    const letter = r.section ? r.section.letter : "?";
    if (!sectionSpans.length || sectionSpans[sectionSpans.length - 1].letter !== letter) {
      sectionSpans.push({letter, title: r.section && r.section.titleEn, n: 0});
      sectionStarts.add(i);
    }
    sectionSpans[sectionSpans.length - 1].n++;
  });
  const headTop = `<tr><th scope="col" rowspan="2">State (by M49 region)</th>${sectionSpans.map((s) =>
    `<th scope="colgroup" colspan="${s.n}" class="sec-start" title="${esc(s.title)}">${esc(s.letter)}</th>`).join("")}</tr>`;
  const headBottom = `<tr>${columns.map((r, i) => `<th scope="col" class="${sectionStarts.has(i) ? "sec-start" : ""}" title="${esc(r.summaryEn)}"><a href="${recHref(r.id)}" tabindex="-1">${r.paragraph}</a></th>`).join("")}</tr>`;
  let first = true;
  const groups = [...regions.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([region, isos]) => {
    const collapsed = collapsedRegions.has(region);
    const rows = isos.map((iso3) => [countryName(countries.byIso, iso3), iso3]).sort((a, b) => a[0].localeCompare(b[0])).map(([name, iso3]) =>
      `<tr data-iso3="${esc(iso3)}"${collapsed ? " hidden" : ""}><th scope="row"><a href="${countryHref(iso3)}" tabindex="-1">${esc(name)}</a></th>${columns.map((r, i) => {
        const status = statusOf.get(iso3 + "|" + r.id);
        const label = `${name}, para ${r.paragraph}: ${status ? words(status) : "not reported"}`;
        const tab = first ? "0" : "-1";
        first = false;
        return `<td class="${status ? statusClass(status) : "s-none"}${sectionStarts.has(i) ? " sec-start" : ""}"><a href="${cellHref(iso3, r.id)}" tabindex="${tab}" aria-label="${esc(label)}" title="${esc(label)}"></a></td>`;
      }).join("")}</tr>`).join("");
    return `<tbody data-region="${esc(region)}"><tr class="group"><th scope="rowgroup" colspan="${columns.length + 1}"><button type="button" aria-expanded="${!collapsed}" data-region="${esc(region)}">${collapsed ? "\u25B6" : "\u25BC"} ${esc(region)} (${isos.length})</button></th></tr>${rows}</tbody>`;
  }).join("");
  const statuses = STATUS_ORDER.filter((s) => matrix.cells.some((c) => c.status === s))
    .concat([...new Set(matrix.cells.map((c) => c.status))].filter((s) => !STATUS_ORDER.includes(s)));
  const html = `<h1>Matrix</h1>
    <form class="filters" onsubmit="return false" aria-label="Matrix options">${selectFilter("reporterType", "Reporter", ["STATE", "CIVIL_SOCIETY", "NHRI"], reporterType).replace('<option value="">All</option>', "")}</form>
    <p class="muted">${num(regions.size ? [...regions.values()].reduce((n, l) => n + l.length, 0) : 0)} reporting countries &times; ${columns.length} recommendations (${num(matrix.count)} cells). Arrow keys move between cells, Enter opens a cell's history; a region's button folds it.</p>
    ${legend(statuses)}
    <div class="matrix-wrap"><table class="matrix" id="matrix"><caption class="muted">Latest status per country and recommendation, columns grouped by section A-E</caption><thead>${headTop}${headBottom}</thead>${groups}</table></div>`;
  const bind = () => {
    const select = view.querySelector("[data-filter=reporterType]");
    select.addEventListener("change", () => { params.set("reporterType", select.value); replaceQuery(params); render(false); });
    view.querySelectorAll("tr.group button").forEach((b) => b.addEventListener("click", () => {
      const region = b.dataset.region;
      const collapse = b.getAttribute("aria-expanded") === "true";
      if (collapse) collapsedRegions.add(region); else collapsedRegions.delete(region);
      b.setAttribute("aria-expanded", String(!collapse));
      b.textContent = `${collapse ? "\u25B6" : "\u25BC"} ${b.textContent.slice(2)}`;
      b.closest("tbody").querySelectorAll("tr[data-iso3]").forEach((tr) => { tr.hidden = collapse; });
      current.html = null;
    }));
    const grid = view.querySelector("#matrix");
    grid.addEventListener("keydown", (e) => {
      const link = e.target.closest("tbody td a, tbody th a");
      if (!link || !link.closest("tr[data-iso3]")) return;
      const rows = [...grid.querySelectorAll("tbody tr[data-iso3]:not([hidden])")];
      const row = link.closest("tr");
      let r = rows.indexOf(row);
      let col = [...row.children].indexOf(link.parentElement);
      const last = row.children.length - 1;
      switch (e.key) {
        case "ArrowRight": col = Math.min(last, col + 1); break;
        case "ArrowLeft": col = Math.max(0, col - 1); break; // column 0: the State's own page
        case "ArrowDown": r = Math.min(rows.length - 1, r + 1); break;
        case "ArrowUp": r = Math.max(0, r - 1); break;
        case "Home": col = 1; break;
        case "End": col = last; break;
        default: return;
      }
      e.preventDefault();
      const target = rows[r].children[col].querySelector("a");
      link.tabIndex = -1;
      target.tabIndex = 0;
      target.focus();
    });
  };
  return {html, title: "Matrix", bind};
}

// ---------------------------------------------------------------------------------------------------------------
// Alerts

const alertHead = () => `<th scope="col">Severity</th><th scope="col">Kind</th><th scope="col">Country</th><th scope="col">Para</th><th scope="col">Reason</th><th scope="col" class="hide-narrow">Opened</th><th scope="col" class="hide-narrow">Status</th>`;

function alertRow(a, byIso) {
  const target = a.country && a.recommendationId && a.country !== "UNODC" ? cellHref(a.country, a.recommendationId)
    : a.country && a.country !== "UNODC" ? countryHref(a.country) : a.recommendationId ? recHref(a.recommendationId) : null;
  const name = a.country ? (byIso && byIso.get(a.country) ? byIso.get(a.country).nameEn : a.country) : "";
  return `<tr class="alert-row" data-alert="${esc(a.alertId)}"><td>${sevChip(a.severity)}</td><td>${esc(words(a.kind))}</td>
    <td>${a.country && a.country !== "UNODC" ? `<a href="${countryHref(a.country)}">${esc(name)}</a>` : esc(name)}</td>
    <td>${a.recommendationId ? `<a href="${recHref(a.recommendationId)}">${esc(a.recommendationId.split(".").pop())}</a>` : ""}</td>
    <td class="reason">${target ? `<a href="${target}">${esc(a.reason)}</a>` : esc(a.reason)}</td><td class="hide-narrow">${day(a.openedAt)}</td><td class="hide-narrow">${esc(words(a.status))}</td></tr>`;
}

const ALERT_PAGE = 200;

async function alertsPage(params) {
  const filters = {};
  ["kind", "severity", "country", "recommendation", "status", "category"].forEach((k) => { if (params.get(k)) filters[k] = params.get(k); });
  if (!params.has("status")) filters.status = "OPEN";
  const anyStatus = filters.status === "ANY";
  const asked = Object.assign({}, filters);
  if (anyStatus) delete asked.status; // every status, including those newer than this script
  // Only the first page comes over the wire: at 20,000 submissions every alert made 6.5 MB. count says how many match.
  const [alerts, countries, recs] = await Promise.all([api("/alerts", Object.assign({limit: ALERT_PAGE}, asked)), countriesByIso(), api("/recommendations")]);
  const kinds = [...new Set(["REGRESSION", "ASSISTANCE_NEEDED", "NOT_REPORTED", "LOW_UPTAKE", "VIEWS_DIFFER", "STALE", "STATISTICS_MISMATCH"].concat(alerts.items.map((a) => a.kind)))];
  const items = alerts.items.slice();
  let total = typeof alerts.count === "number" ? alerts.count : items.length;
  const rows = () => items.slice(0, ALERT_PAGE).map((a) => alertRow(a, countries.byIso));
  const caption = () => `${num(total)} alerts${total > ALERT_PAGE ? `, the first ${ALERT_PAGE} shown (narrow the filters)` : ""}`;
  const html = `<h1>Alerts</h1>
    <p class="muted">Gaps, challenges and priorities (para 37). Updated live as the pipeline opens and resolves alerts.</p>
    <form class="filters" role="search" aria-label="Filter alerts" onsubmit="return false">
      ${selectFilter("kind", "Kind", kinds, params.get("kind"))}
      ${selectFilter("severity", "Severity", SEVERITIES, params.get("severity"))}
      <label>Status<select data-filter="status"><option value="OPEN"${filters.status === "OPEN" ? " selected" : ""}>Open</option>
        <option value="RESOLVED"${filters.status === "RESOLVED" ? " selected" : ""}>Resolved</option><option value="ANY"${anyStatus ? " selected" : ""}>Any</option></select></label>
      ${selectFilter("country", "Country", countries.list.map((c) => c.iso3).sort((a, b) => countryName(countries.byIso, a).localeCompare(countryName(countries.byIso, b))), params.get("country"), (v) => countryName(countries.byIso, v))}
      ${selectFilter("recommendation", "Recommendation", recs.items.slice().sort(byParagraph).map((r) => r.id), params.get("recommendation"), (v) => "para " + v.split(".").pop())}
    </form>
    <div class="card"><div class="table-wrap"><table id="alerts-table"><caption id="alerts-caption">${caption()}</caption><thead><tr>${alertHead()}</tr></thead>
      <tbody>${rows().join("") || `<tr><td colspan="7" class="muted">No alert matches.</td></tr>`}</tbody></table></div></div>`;
  const bind = (cleanup) => {
    view.querySelectorAll("[data-filter]").forEach((el) => el.addEventListener("change", () => {
      if (el.value) params.set(el.dataset.filter, el.value); else params.delete(el.dataset.filter);
      replaceQuery(params);
      render(false);
    }));
    const streamFilters = Object.assign({}, filters);
    delete streamFilters.status;
    const wanted = (filters.status || "").split(",");
    bindAlertStream(cleanup, streamFilters, (alert) => {
      const at = items.findIndex((a) => a.alertId === alert.alertId);
      if (at >= 0) items.splice(at, 1);
      const matches = anyStatus || wanted.includes(alert.status);
      if (matches) items.unshift(alert);
      // An alert beyond the first page that changes is counted once more here: the count is the page's best guess.
      if (at >= 0 && !matches) total = Math.max(0, total - 1);
      if (at < 0 && matches) total++;
      view.querySelector("#alerts-table tbody").innerHTML = rows().join("") || `<tr><td colspan="7" class="muted">No alert matches.</td></tr>`;
      view.querySelector("#alerts-caption").textContent = caption().replace(/&[a-z]+;/g, " ");
      const row = view.querySelector(`tr[data-alert="${CSS.escape(alert.alertId)}"]`);
      if (row) row.classList.add("fresh");
    });
  };
  return {html, title: "Alerts", bind};
}

// ---------------------------------------------------------------------------------------------------------------
// Cycles

async function cyclesPage(params) {
  const cycles = await api("/cycles");
  const passed = cycles.items.filter((c) => c.passed);
  if (!passed.length) {
    return {html: `<h1>Cycles</h1><p class="muted">No reporting cycle has passed its cut-off yet.</p>`, title: "Cycles"};
  }
  const edition = params.get("edition") || String(passed[passed.length - 1].edition);
  const report = await api(`/cycles/${encodeURIComponent(edition)}`);
  const tab = params.get("table") || "recommendation";
  const tables = report.tables || {};
  const rows = (tables[tab] || []).map((r) => `<tr><th scope="row">${tab === "country" ? `<a href="${countryHref(r.key)}">${esc(r.label)}</a>`
      : tab === "recommendation" ? `<a href="${recHref(r.key)}">para ${esc(String(r.key).split(".").pop())}</a>` : esc(r.label)}</th>
      <td class="num">${num(r.reported)} / ${num(r.expected)}</td><td>${stack(r.counts)}</td><td>${meter(r.implementationRate, "implementation rate")}</td><td>${meter(r.coverage, "coverage")}</td></tr>`);
  const feeds = documentedUnder("/cycles/{edition}/").filter((p) => /\.csv$/.test(p)).map((p) => {
    const href = API + p.replace("{edition}", encodeURIComponent(edition));
    return `<li><a href="${esc(href)}" download>${esc(p.split("/").pop().replace("{edition}", edition))}</a></li>`;
  }).join("");
  const byRegion = ((report.exploitation || {}).byRegion || []).map((e) => `<tr><td>${esc(e.name || e.m49)}</td><td>${esc(e.form)}</td><td class="num">${num(e.states)}</td></tr>`);
  const html = `<h1>Cycles</h1>
    <form class="filters" onsubmit="return false" aria-label="Choose a cycle"><label>Edition<select id="edition">${passed.map((c) =>
      `<option value="${c.edition}"${String(c.edition) === edition ? " selected" : ""}>${c.edition} (cut-off ${day(c.cutoff)})</option>`).join("")}</select></label></form>
    <div class="kpis">
      <div class="kpi"><b>${esc(report.edition)}</b><span>edition of the Global Report</span></div>
      <div class="kpi"><b>${day(report.begins)}</b><span>cycle began</span></div>
      <div class="kpi"><b>${day(report.cutoff)}</b><span>cut-off: the tables as they stood then</span></div>
      <div class="kpi"><b>${num(report.alerts && report.alerts.count)}</b><span>alerts open at the cut-off</span></div>
    </div>
    <div class="card"><h2>Download the feeds</h2><ul id="feeds">${feeds}</ul></div>
    <div class="card"><h2>Tables at the cut-off</h2>
      <div class="tabs" role="tablist">${Object.keys(tables).map((t) => `<button type="button" role="tab" aria-selected="${t === tab}" data-table="${esc(t)}">${esc(words(t))} (${tables[t].length})</button>`).join("")}</div>
      ${table("cycle-table", `${esc(words(tab))} table, edition ${esc(edition)}`, `<th scope="col">${esc(words(tab))}</th><th scope="col" class="num">Reported / expected</th><th scope="col">Statuses</th><th scope="col">Implementation</th><th scope="col">Coverage</th>`, rows, "No report before this cut-off.")}</div>
    <div class="card"><h2>Forms of exploitation not named in the Protocol (paras 43, 58), by region</h2>
      ${table("exploitation-table", "States reporting each form", `<th scope="col">Region</th><th scope="col">Form</th><th scope="col" class="num">States</th>`, byRegion, "None reported.")}</div>`;
  const bind = () => {
    view.querySelector("#edition").addEventListener("change", (e) => { params.set("edition", e.target.value); location.hash = "#/cycles?" + params; });
    view.querySelectorAll("[data-table]").forEach((b) => b.addEventListener("click", () => { params.set("table", b.dataset.table); params.set("edition", edition); location.hash = "#/cycles?" + params; }));
  };
  return {html, title: "Cycles " + edition, bind};
}

// ---------------------------------------------------------------------------------------------------------------
// Submit

async function submitPage(params) {
  const [recs, countries] = await Promise.all([api("/recommendations"), countriesByIso()]);
  const statuses = enumOf("ImplementationStatus", SUBMITTABLE_STATUSES).filter((s) => s !== "UNKNOWN");
  const measures = enumOf("Measure", MEASURES);
  const forms = enumOf("ExploitationForm", FORMS);
  const country = (params.get("country") || "").toUpperCase();
  const type = params.get("type") || "STATE";
  const sorted = countries.list.slice().sort((a, b) => a.nameEn.localeCompare(b.nameEn));
  const checks = (name, values, label) => values.map((v) => `<label><input type="checkbox" name="${name}" value="${esc(v)}"> ${esc(label ? label(v) : words(v))}</label>`).join("");
  const recChecks = () => recs.items.slice().sort(byParagraph).map((r) =>
    `<label data-addressees="${esc((r.addressees || []).join(" "))}"><input type="checkbox" name="recommendations" value="${esc(r.id)}"> <span><b>${r.paragraph}</b> ${short(r.summaryEn, 80)}</span></label>`).join("");
  const field = (name, label, control, hint) => `<div class="field" data-field="${name}"><label for="f-${name}">${label}</label>${control}${hint ? `<span class="hint" id="h-${name}">${hint}</span>` : ""}<p class="field-error" id="e-${name}" aria-live="polite"></p></div>`;
  const group = (name, label, control, hint) => `<div class="field" data-field="${name}" role="group" aria-labelledby="l-${name}"><span class="label" id="l-${name}">${label}</span>${hint ? `<span class="hint">${hint}</span>` : ""}<div class="checks" id="f-${name}">${control}</div><p class="field-error" id="e-${name}" aria-live="polite"></p></div>`;
  const html = `<h1>Submit a report</h1>
    <p class="muted">For focal points holding a gateway token. The token decides whom you report for; the server refuses a report that claims another reporter.</p>
    <form class="submit" id="submit-form" novalidate>
      <fieldset><legend>Who reports</legend>
        ${field("token", "Gateway token", `<input type="password" id="f-token" name="token" autocomplete="off" required aria-describedby="h-token e-token">`, "Sent as Authorization: Bearer; kept only in this page.")}
        ${field("reporterType", "Reporter", `<select id="f-reporterType" name="reporterType">${["STATE", "CIVIL_SOCIETY", "NHRI", "UNODC"].map((t) => `<option value="${t}"${t === type ? " selected" : ""}>${esc(words(t))}</option>`).join("")}</select>`)}
        ${field("country", "Country reported on", `<select id="f-country" name="country"><option value="">Choose&hellip;</option>${sorted.map((c) => `<option value="${esc(c.iso3)}"${c.iso3 === country ? " selected" : ""}>${esc(c.nameEn)} (${esc(c.iso3)})</option>`).join("")}</select>`)}
      </fieldset>
      <fieldset><legend>The submission</legend>
        ${field("submissionId", "Submission id", `<input type="text" id="f-submissionId" name="submissionId" value="web-${Date.now().toString(36)}" aria-describedby="h-submissionId e-submissionId">`, "Your idempotency key: sending the same id again changes nothing.")}
        ${field("submittedAt", "Submitted at (UTC, optional)", `<input type="datetime-local" id="f-submittedAt" name="submittedAt" step="1" aria-describedby="h-submittedAt e-submittedAt">`, "Empty: the server stamps the time it receives the report.")}
        ${field("language", "Language of the text", `<input type="text" id="f-language" name="language" value="en" size="6" aria-describedby="h-language e-language">`, "BCP 47 tag: en, fr, es, ru, ar, zh&hellip;")}
      </fieldset>
      <fieldset><legend>The response</legend>
        ${group("recommendations", "Recommendations answered", recChecks(), "Only those addressed to your kind of reporter are offered.")}
        ${field("status", "Status", `<select id="f-status" name="status"><option value="">Choose&hellip;</option>${statuses.map((s) => `<option value="${esc(s)}">${esc(words(s))}</option>`).join("")}</select>`)}
        ${group("measures", "Measures taken", checks("measures", measures))}
        ${field("narrative", "What was done", `<textarea id="f-narrative" name="narrative" rows="3"></textarea>`)}
        ${field("challenges", "Gaps and challenges (para 37)", `<textarea id="f-challenges" name="challenges" rows="2"></textarea>`)}
        <div class="field" data-field="technicalAssistanceNeeded"><label><input type="checkbox" id="f-technicalAssistanceNeeded" name="technicalAssistanceNeeded"> Technical assistance needed</label><p class="field-error" id="e-technicalAssistanceNeeded"></p></div>
        ${group("exploitationForms", "Forms of exploitation observed (paras 43, 58)", checks("exploitationForms", forms))}
        ${field("formDescription", "Description of the other form", `<input type="text" id="f-formDescription" name="formDescription" aria-describedby="h-formDescription e-formDescription">`, "Required when you tick Other.")}
        ${field("evidence", "Evidence (one per line: laws, documents, URLs)", `<textarea id="f-evidence" name="evidence" rows="3"></textarea>`)}
      </fieldset>
      <p class="field-error" id="e-form" role="alert"></p>
      <button type="submit" id="send">Send the report</button>
      <div id="outcome" aria-live="polite"></div>
    </form>`;
  return {html, title: "Submit", bind: (cleanup) => bindSubmit(recs.items, countries, cleanup)};
}

const FIELDS = ["token", "reporterType", "country", "submissionId", "submittedAt", "language", "recommendations", "status",
  "measures", "narrative", "challenges", "technicalAssistanceNeeded", "exploitationForms", "formDescription", "evidence"];

function bindSubmit(recs, countries, cleanup) {
  const form = view.querySelector("#submit-form");
  const type = form.querySelector("#f-reporterType");
  const showReportable = () => {
    form.querySelectorAll("[data-addressees]").forEach((label) => {
      const rec = {addressees: label.dataset.addressees.split(" ")};
      const ok = reportableBy(rec, type.value);
      label.hidden = !ok;
      if (!ok) label.querySelector("input").checked = false;
    });
    form.querySelector("#f-country").disabled = type.value === "UNODC";
  };
  type.addEventListener("change", showReportable);
  showReportable();
  let polling = null;
  cleanup.push(() => { if (polling) clearInterval(polling); });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(form);
    const values = readForm(form);
    const problems = checkSubmission(values, recs, countries.byIso);
    if (problems.length) {
      problems.forEach(([f, message]) => showError(form, f, message));
      focusFirstError(form);
      return;
    }
    const body = submissionBody(values);
    const button = form.querySelector("#send");
    button.disabled = true;
    const outcome = form.querySelector("#outcome");
    outcome.innerHTML = `<p class="notice">Sending&hellip;</p>`;
    try {
      const response = await fetch(API + "/submissions", {method: "POST",
        headers: {"Content-Type": "application/json", Accept: "application/json", Authorization: "Bearer " + values.token}, body: JSON.stringify(body)});
      const answer = await response.json().catch(() => ({error: "HTTP " + response.status}));
      if (response.status === 202) {
        const id = answer.submissionId || body.submissionId;
        const iso3 = values.reporterType === "UNODC" ? "UNODC" : values.country;
        const target = values.reporterType === "UNODC" ? recHref(values.recommendations[0]) : countryHref(iso3);
        outcome.innerHTML = `<p class="notice ok" id="accepted">Accepted: submission <b>${esc(id)}</b> is in Kafka.
          <span id="processed">Waiting for the pipeline to apply it&hellip;</span> <a href="${target}" id="to-country">Open the ${values.reporterType === "UNODC" ? "recommendation" : "country"} page</a></p>`;
        polling = watchProcessed(iso3, values.reporterType, values.recommendations[0], id, values.status);
        form.querySelector("#f-submissionId").value = "web-" + Date.now().toString(36);
      } else {
        const shown = showServerErrors(form, answer);
        outcome.innerHTML = `<p class="notice err" id="refused">Refused (HTTP ${response.status})${shown ? ": see the field marked above" : ""}. ${esc(answer.error || "")}${answer.requestId ? ` <span class="muted">request ${esc(answer.requestId)}</span>` : ""}</p>`;
        focusFirstError(form);
      }
    } catch (err) {
      outcome.innerHTML = `<p class="notice err">Could not reach the server: ${esc(err.message)}. Send again: the same submission id makes a repeat harmless.</p>`;
    } finally {
      button.disabled = false;
    }
  });
}

/** Polls the cell until the pipeline has applied the submission, then says so. */
function watchProcessed(iso3, reporterType, id, submissionId, status) {
  const started = Date.now();
  const timer = setInterval(async () => {
    const line = document.getElementById("processed");
    if (!line) { clearInterval(timer); return; }
    try {
      const cell = await api(`/countries/${encodeURIComponent(iso3)}/recommendations/${encodeURIComponent(id)}`, {reporterType});
      if (cell.history.some((v) => v.cell.submissionId === submissionId)) {
        clearInterval(timer);
        line.innerHTML = `Applied: para ${esc(id.split(".").pop())} now reads ${chip(cell.cell && cell.cell.status)}.`;
      } else if (Date.now() - started > 60000) {
        clearInterval(timer);
        line.textContent = `Not applied after a minute: the pipeline may have refused it (status ${words(status)}); ask the operator for the dead-letter reason.`;
      }
    } catch (e) {
      // The stores may be rebalancing; the next tick asks again.
    }
  }, 1000);
  return timer;
}

function readForm(form) {
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  const value = (name) => form.querySelector(`#f-${name}`).value.trim();
  return {
    token: form.querySelector("#f-token").value.trim(), reporterType: value("reporterType"), country: value("country"),
    submissionId: value("submissionId"), submittedAt: value("submittedAt"), language: value("language"),
    recommendations: checked("recommendations"), status: value("status"), measures: checked("measures"),
    narrative: value("narrative"), challenges: value("challenges"), technicalAssistanceNeeded: form.querySelector("#f-technicalAssistanceNeeded").checked,
    exploitationForms: checked("exploitationForms"), formDescription: value("formDescription"),
    evidence: form.querySelector("#f-evidence").value.split("\n").map((s) => s.trim()).filter(Boolean),
  };
}

/** The checks the gateway and the topology make, made here first: each problem names its field. */
function checkSubmission(v, recs, byIso) {
  const problems = [];
  const recById = new Map(recs.map((r) => [r.id, r]));
  if (!v.token) problems.push(["token", "A gateway token is required."]);
  if (!v.submissionId) problems.push(["submissionId", "A submission id is required."]);
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(v.submissionId)) problems.push(["submissionId", "The submission id must not hold control characters."]);
  if (v.reporterType !== "UNODC") {
    if (!v.country) problems.push(["country", `A ${words(v.reporterType).toLowerCase()} report needs the country it is about.`]);
    else if (!byIso.has(v.country)) problems.push(["country", `Unknown country code "${v.country}".`]);
  }
  if (v.submittedAt) {
    const at = Date.parse(v.submittedAt + "Z");
    if (Number.isNaN(at)) problems.push(["submittedAt", "Not a date and time."]);
    else if (at > Date.now() + MAX_CLOCK_SKEW_MS) problems.push(["submittedAt", "A report cannot be dated more than an hour in the future."]);
  }
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v.language)) problems.push(["language", "Give a BCP 47 language tag such as en, fr or zh-Hans."]);
  if (!v.recommendations.length) problems.push(["recommendations", "Choose at least one recommendation."]);
  v.recommendations.forEach((id) => {
    const rec = recById.get(id);
    if (!rec) problems.push(["recommendations", `Unknown recommendation ${id}.`]);
    else if (!reportableBy(rec, v.reporterType)) problems.push(["recommendations", `Para ${rec.paragraph} is not addressed to ${words(v.reporterType).toLowerCase()} reporters.`]);
  });
  if (!v.status) problems.push(["status", "Choose a status."]);
  if (v.exploitationForms.includes("OTHER") && !v.formDescription) problems.push(["formDescription", "Describe the other form of exploitation."]);
  return problems;
}

function submissionBody(v) {
  const body = {submissionId: v.submissionId, language: v.language, reporter: {type: v.reporterType}};
  if (v.reporterType !== "UNODC") body.reporter.country = v.country;
  if (v.submittedAt) body.submittedAt = new Date(v.submittedAt + "Z").toISOString();
  body.responses = v.recommendations.map((id) => {
    const response = {recommendationId: id, status: v.status, measures: v.measures, technicalAssistanceNeeded: v.technicalAssistanceNeeded,
      exploitationForms: v.exploitationForms.map((form) => form === "OTHER" ? {form, description: v.formDescription} : {form}),
      evidence: v.evidence};
    if (v.narrative) response.narrative = v.narrative;
    if (v.challenges) response.challenges = v.challenges;
    return response;
  });
  return body;
}

/** The form field a server error names: {"field": "responses[0].status"} or an error text that starts with the path. */
function fieldOf(error) {
  let path = error.field;
  if (!path && typeof error.error === "string") {
    const m = /^([A-Za-z]+(?:\[[^\]]*\])?(?:\.[A-Za-z]+(?:\[[^\]]*\])?)*):\s/.exec(error.error);
    path = m ? m[1] : null;
  }
  if (!path) return null;
  const parts = path.replace(/\[[^\]]*\]/g, "").split(".").filter(Boolean);
  if (parts[0] === "reporter") return parts[1] === "type" ? "reporterType" : "country";
  if (parts[0] === "responses") {
    if (parts.length === 1) return "recommendations";
    if (parts[1] === "recommendationId") return "recommendations";
    if (parts[1] === "exploitationForms" && parts[2] === "description") return "formDescription";
    return FIELDS.includes(parts[1]) ? parts[1] : null;
  }
  return FIELDS.includes(parts[0]) ? parts[0] : null;
}

/** Where a problem of a refused submission ({recommendationId, reason, message}) belongs, by its reason. */
const REASON_FIELDS = {UNKNOWN_RECOMMENDATION: "recommendations", NOT_ADDRESSED_TO_REPORTER: "recommendations",
  DUPLICATE_RESPONSE: "recommendations", SUBMITTED_IN_FUTURE: "submittedAt", UNKNOWN_COUNTRY: "country",
  UNKNOWN_STATUS: "status", REPORTER_NOT_AUTHORISED: "country"};

function showServerErrors(form, answer) {
  const problems = Array.isArray(answer.problems) && answer.problems.length ? answer.problems.map((p) =>
    ({error: p.message || p.error || String(p.reason || "refused"), field: p.field, reason: p.reason}))
    : Array.isArray(answer.errors) && answer.errors.length ? answer.errors : [answer];
  let shown = 0;
  problems.forEach((error) => {
    const f = fieldOf(error) || REASON_FIELDS[error.reason] || (problems.length > 1 ? fieldOf({field: answer.field}) : null);
    if (f) { showError(form, f, error.error || error.message || "refused"); shown++; }
  });
  return shown;
}

function showError(form, name, message) {
  const slot = form.querySelector(`#e-${name}`);
  const control = form.querySelector(`#f-${name}`);
  if (slot) slot.textContent = slot.textContent ? slot.textContent + " " + message : message;
  if (control) {
    control.setAttribute("aria-invalid", "true");
    const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (!described.includes(`e-${name}`)) control.setAttribute("aria-describedby", described.concat(`e-${name}`).join(" "));
  }
}

function clearErrors(form) {
  form.querySelectorAll(".field-error").forEach((p) => { p.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((c) => c.removeAttribute("aria-invalid"));
}

function focusFirstError(form) {
  const first = [...form.querySelectorAll(".field-error")].find((p) => p.textContent);
  if (!first) return;
  const control = form.querySelector("#f-" + first.id.slice(2));
  const focusable = control && (control.matches("input, select, textarea") ? control : control.querySelector("input:not([hidden])"));
  if (focusable) focusable.focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Start

(async function start() {
  try {
    spec = await api("/openapi.json");
  } catch (e) {
    // Without the document, only the routes every version serves are read.
  }
  await render(false);
})();
