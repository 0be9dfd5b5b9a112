// The dashboard's browser suite, run by DashboardBrowserIT against an instance holding its known dataset:
// FRA (2013.10 PLANNED then IMPLEMENTED, 2013.23 IN_PROGRESS), DEU (2013.10, 2013.11), KEN (2013.10, asks for
// assistance), a civil-society view of FRA on 2013.10 and an NHRI view on 2013.23; gateway token tok-fra for FRA.
// Drives the system Chromium with playwright-core; exits non-zero on the first failed check.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL;
const SHOTS = process.env.SCREENSHOTS;
const RECOMMENDATIONS = Number(process.env.RECOMMENDATIONS);
const COUNTRIES = Number(process.env.COUNTRIES);
const started = Date.now();
const log = (...args) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s]`, ...args);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tip-monitor-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1366, height: 900 },
});
context.setDefaultTimeout(20000);

/** Every console error, page error, failed request and HTTP error of a page, unless the step expects it. */
const problems = [];
const expected = new Set();
function watch(page, name) {
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // The browser logs a refused request it was told to expect (the form's 403 and 400) as a console error too.
    const refused = /status of (\d+)/.exec(m.text());
    if (refused && m.location().url && expected.has(`${refused[1]} ${new URL(m.location().url).pathname}`)) return;
    problems.push(`${name}: console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Leaving a page closes its live alert stream: the browser reports the open request as aborted.
    if (r.url().includes("/api/v1/alerts/stream") && /ERR_ABORTED/.test(r.failure()?.errorText || "")) return;
    problems.push(`${name}: request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !expected.has(`${r.status()} ${new URL(r.url()).pathname}`)) {
      problems.push(`${name}: HTTP ${r.status()} for ${r.url()}`);
    }
  });
  return page;
}
function noProblems(step) {
  assert.deepEqual(problems, [], `${step}: the page had problems`);
}

const page = watch(context.pages()[0] || await context.newPage(), "main tab");

/** Opens a route and waits until its page has rendered (not the error page). */
async function open(route, p = page) {
  await p.goto(BASE + "/" + route);
  await p.waitForFunction((r) => location.hash === r || r === "", route);
  await settled(p);
}
async function settled(p = page) {
  await p.waitForSelector("#view[aria-busy=false]");
  const h1 = await p.textContent("#view h1");
  assert.notEqual(h1, "Cannot show this page", await p.textContent("#view"));
  return h1;
}
async function shot(name, p = page) {
  await p.screenshot({ path: path.join(SHOTS, name + ".png"), fullPage: true });
  assert.deepEqual(await p.evaluate(contrastFailures), [], `${name}: text below WCAG AA contrast`);
}

/** Every visible text whose colour against its background is below WCAG AA (4.5:1; 3:1 for large text). */
function contrastFailures() {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const p = m[1].split(",").map((x) => parseFloat(x));
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const luminance = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const failures = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el) || el.closest("[hidden], .skip") || el.offsetParent === null) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const [l1, l2] = [luminance(parse(style.color)), luminance(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const needed = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) failures.push(`${el.tagName}.${el.className} "${n.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
  }
  return failures;
}
const rows = (selector, p = page) => p.$$eval(selector, (trs) => trs.map((tr) => tr.dataset.iso3 || tr.dataset.id || tr.dataset.rec));
const text = (selector, p = page) => p.textContent(selector).then((t) => t.trim());

try {
  // Overview
  await open("");
  assert.equal(await text("#kpi-cells"), "5");
  assert.equal(await text("#kpi-states"), "3");
  assert.match(await text("#alert-summary"), /Assistance needed/);
  assert.ok((await page.$$('#alert-summary a[href*="kind="][href*="severity="]')).length > 0,
    "kind x severity counts from the summary route");
  assert.equal((await page.$$("#sections-table tbody tr")).length, 5, "sections A-E");
  await shot("overview");
  noProblems("overview");
  log("overview ok");

  // Recommendations: every recommendation, filterable
  await open("#/recommendations");
  assert.equal((await rows("#recs-table tbody tr")).length, RECOMMENDATIONS);
  assert.match(await text('#recs-table tr[data-id="2013.10"]'), /3 \/ \d+/);
  await page.selectOption("select[data-filter=section]", "B");
  const sectionB = await rows("#recs-table tbody tr");
  assert.ok(sectionB.length > 0 && sectionB.length < RECOMMENDATIONS && sectionB.includes("2013.10"), String(sectionB));
  assert.match(page.url(), /section=B/, "the filter is in the bookmarkable URL");
  await page.click('button.sort[data-sort="reported"]');
  await page.click('button.sort[data-sort="reported"]');
  assert.equal((await rows("#recs-table tbody tr"))[0], "2013.10", "sorted by reports, most first");
  await shot("recommendations");
  noProblems("recommendations");
  log("recommendations ok");

  // Countries: every country, region filter
  await open("#/countries");
  assert.equal((await rows("#countries-table tbody tr")).length, COUNTRIES);
  await page.selectOption("select[data-filter=region]", "002");
  const africa = await rows("#countries-table tbody tr");
  assert.ok(africa.includes("KEN") && !africa.includes("FRA"), String(africa));
  await page.selectOption("select[data-filter=region]", "");
  await page.check("input[data-filter=reporting]");
  assert.deepEqual(await rows("#countries-table tbody tr"), ["FRA", "DEU", "KEN"]);
  await shot("countries");
  noProblems("countries");
  log("countries ok");

  // Matrix: States grouped by region, recommendations grouped by section, keyboard and folding
  await open("#/matrix");
  assert.deepEqual(await page.$$eval("#matrix tbody", (bs) => bs.map((b) => b.dataset.region)), ["Africa", "Europe"]);
  assert.deepEqual(await rows("#matrix tbody tr[data-iso3]"), ["KEN", "FRA", "DEU"], "by region, then by name");
  const stateColumns = await page.$$eval("#matrix thead tr:nth-child(2) th", (ths) => ths.length);
  const stateAddressed = await page.evaluate(async () => (await (await fetch("/api/v1/recommendations")).json())
    .items.filter((r) => r.addressees.includes("STATES_PARTIES") || r.addressees.includes("STATES")).length);
  assert.equal(stateColumns, stateAddressed);
  assert.deepEqual(await page.$$eval("#matrix thead tr:first-child th[scope=colgroup]", (ths) => ths.map((t) => t.textContent)),
    ["A", "B", "C", "D", "E"]);
  assert.equal(await page.getAttribute('#matrix tr[data-iso3="FRA"] a[href$="/recommendations/2013.10"]', "aria-label"),
    "France, para 10: Implemented");
  assert.match(await page.getAttribute('#matrix tr[data-iso3="FRA"] a[href$="/recommendations/2013.10"]', "title"), /Implemented/);
  assert.ok(await page.$eval('#matrix tr[data-iso3="FRA"] a[href$="/recommendations/2013.10"]', (a) => a.parentElement.classList.contains("s-IMPLEMENTED")));
  await page.focus('#matrix tbody tr[data-iso3] a[tabindex="0"]');
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  assert.match(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), /^Germany, para \d+:/);
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Germany", "the row header is reachable");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Germany, para 10: Partially implemented");
  await shot("matrix");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash === "#/countries/DEU/recommendations/2013.10");
  await settled();
  await page.goBack();
  await settled();
  await page.click('#matrix tbody[data-region="Africa"] tr.group button');
  assert.equal(await page.getAttribute('#matrix tbody[data-region="Africa"] tr.group button', "aria-expanded"), "false");
  assert.ok(await page.$eval('#matrix tr[data-iso3="KEN"]', (tr) => tr.hidden), "Africa folded");
  await page.click('#matrix tbody[data-region="Africa"] tr.group button');
  noProblems("matrix");
  log("matrix ok");

  // Alerts: filters and a link to the page each alert concerns
  await open("#/alerts?kind=ASSISTANCE_NEEDED");
  const alertRows = await page.$$eval("#alerts-table tbody tr.alert-row", (trs) => trs.map((tr) => tr.dataset.alert));
  assert.ok(alertRows.length >= 1 && alertRows.every((id) => id.startsWith("ASSISTANCE_NEEDED|")), String(alertRows));
  assert.ok(alertRows.some((id) => id.includes("KEN")), String(alertRows));
  await page.selectOption("select[data-filter=country]", "FRA");
  await settled();
  assert.equal(await page.$$eval("#alerts-table tbody tr.alert-row", (trs) => trs.length), 0, "no assistance alert for France");
  assert.match(page.url(), /country=FRA/);
  await open("#/alerts");
  await page.waitForFunction(() => document.getElementById("live-dot").classList.contains("live"));
  await shot("alerts");
  noProblems("alerts");
  log("alerts ok");

  // Cycles: the 2016 edition at its cut-off, with its CSV
  await open("#/cycles");
  assert.deepEqual(await page.$$eval("#edition option", (os) => os.map((o) => o.value)), ["2016"]);
  const feed = await page.getAttribute('#feeds a[href$="glotip.csv"]', "href");
  assert.equal(feed, "/api/v1/cycles/2016/glotip.csv");
  assert.equal((await page.request.get(BASE + feed)).status(), 200);
  const at2016 = await page.$$eval("#cycle-table tbody th a", (as) => as.map((a) => a.textContent));
  assert.deepEqual(at2016, ["para 10", "para 11"], "as of the 2016 cut-off: FRA's and DEU's reports only");
  await page.click('[data-table="country"]');
  await page.waitForFunction(() => /Country table/.test(document.querySelector("#cycle-table caption")?.textContent || ""));
  await settled();
  assert.deepEqual(await page.$$eval("#cycle-table tbody th a", (as) => as.map((a) => a.textContent)), ["Germany", "France"]);
  await shot("cycles");
  noProblems("cycles");
  log("cycles ok");

  // Navigation by clicking: overview → country → cell history → recommendation
  await open("");
  await page.click('#latest-table a:text-is("France")');
  await page.waitForFunction(() => location.hash === "#/countries/FRA");
  assert.match(await settled(), /^France/);
  assert.equal(await text('#country-recs tr[data-rec="2013.10"] .state-status'), "Implemented");
  assert.match(await text("#coverage-table"), /2016/);
  assert.match(await text("#feed-table caption"), /^\d+ rows$/, "France's rows of the latest edition's Global Report feed");
  assert.match(await text('#country-recs tr[data-rec="2013.10"]'), /Partially implemented/, "civil society's view beside the State's");
  await shot("country");
  await page.click('#country-recs tr[data-rec="2013.10"] .state-status a');
  await page.waitForFunction(() => location.hash === "#/countries/FRA/recommendations/2013.10");
  await settled();
  assert.deepEqual(await page.$$eval("#history-state .history-entry", (es) => es.map((e) => e.dataset.submission)), ["fra-2017", "fra-2015"]);
  assert.deepEqual(await page.$$eval("#history-cs .history-entry", (es) => es.map((e) => e.dataset.submission)), ["fra-cso-2018"]);
  await shot("cell");
  await page.click("#to-recommendation");
  await page.waitForFunction(() => location.hash === "#/recommendations/2013.10");
  assert.match(await settled(), /^Paragraph 10/);
  assert.match(await text("#rec-zh"), /缔约各国/);
  assert.deepEqual(await page.$$eval("#states-by-status .status-group", (gs) => gs.map((g) => g.dataset.status)),
    ["NOT_STARTED", "PARTIALLY_IMPLEMENTED", "IMPLEMENTED"]);
  assert.match(await text("#views-table"), /France/);
  await shot("recommendation");
  noProblems("navigation");
  log("navigation ok");

  // Submit: client-side checks, then the server's refusals shown next to the field they name
  await open("#/submit?country=FRA");
  const posts = [];
  page.on("request", (r) => { if (r.method() === "POST") posts.push(r.url()); });
  await page.fill("#f-token", "");
  await page.click("#send");
  assert.match(await text("#e-token"), /token is required/);
  assert.match(await text("#e-recommendations"), /at least one recommendation/);
  assert.match(await text("#e-status"), /Choose a status/);
  assert.equal(await page.getAttribute("#f-token", "aria-invalid"), "true");
  assert.deepEqual(posts, [], "nothing sent while the form is invalid");
  await page.check('input[name=exploitationForms][value="OTHER"]');
  await page.click("#send");
  assert.match(await text("#e-formDescription"), /Describe the other form/);
  await page.uncheck('input[name=exploitationForms][value="OTHER"]');
  assert.ok(await page.$('label[data-addressees="UNODC"][hidden]'), "UNODC's paragraphs are not offered to a State");
  await shot("submit-invalid");

  // The server refuses a claim to another country (403) and names reporter.country.
  await page.fill("#f-token", "tok-fra");
  await page.selectOption("#f-country", "DEU");
  await page.check('input[name=recommendations][value="2013.5"]');
  await page.selectOption("#f-status", "PLANNED");
  expected.add("403 /api/v1/submissions");
  await page.click("#send");
  await page.waitForSelector("#refused");
  assert.match(await text("#e-country"), /this token submits for FRA/);
  // The stricter gateway's error shape {"error", "field", "requestId"}, answered here by the test.
  await page.route("**/api/v1/submissions", (route) => route.fulfill({ status: 400, contentType: "application/json",
    body: JSON.stringify({ error: "narrative holds what looks like an e-mail address", field: "responses[0].narrative", requestId: "req-1" }) }));
  expected.add("400 /api/v1/submissions");
  await page.selectOption("#f-country", "FRA");
  await page.click("#send");
  await page.waitForSelector("#refused");
  assert.match(await text("#e-narrative"), /e-mail address/);
  assert.equal(await text("#e-country"), "");
  assert.match(await text("#refused"), /req-1/);
  await page.unroute("**/api/v1/submissions");

  // A valid submission: France's page, open in another tab, shows the new status without a reload.
  const other = watch(await context.newPage(), "country tab");
  await open("#/countries/FRA", other);
  assert.equal(await text('#country-recs tr[data-rec="2013.5"] .state-status', other), "not reported");
  await other.evaluate(() => { window.__sameDocument = true; });
  // And France's assistance alerts, open in a third tab: the new alert arrives over server-sent events.
  const alertsTab = watch(await context.newPage(), "alerts tab");
  await open("#/alerts?kind=ASSISTANCE_NEEDED&country=FRA", alertsTab);
  assert.equal((await alertsTab.$$("#alerts-table tr.alert-row")).length, 0);
  await alertsTab.waitForFunction(() => document.getElementById("live-dot").classList.contains("live"));
  // And the overview, in a fourth tab: its figures follow, and its redraws keep one live stream.
  const overviewTab = watch(await context.newPage(), "overview tab");
  const streams = { open: 0, most: 0 };
  overviewTab.on("request", (r) => {
    if (r.url().includes("/api/v1/alerts/stream")) streams.most = Math.max(streams.most, ++streams.open);
  });
  const closed = (r) => { if (r.url().includes("/api/v1/alerts/stream")) streams.open--; };
  overviewTab.on("requestfailed", closed);
  overviewTab.on("requestfinished", closed);
  await open("", overviewTab);
  const cellsBefore = Number(await text("#kpi-cells", overviewTab));
  await page.bringToFront();
  await page.check("#f-technicalAssistanceNeeded");
  await page.fill("#f-challenges", "Too few labour inspectors to find the cases.");
  await page.selectOption("#f-status", "IMPLEMENTED");
  await page.check('input[name=measures][value="LEGISLATION"]');
  await page.fill("#f-narrative", "The Act of 2025 recognizes civil society as a partner.");
  await page.fill("#f-evidence", "Act no. 2025-12\nhttps://example.org/act-2025-12");
  await page.click("#send");
  await page.waitForSelector("#accepted");
  await page.waitForFunction(() => /Applied/.test(document.getElementById("processed").textContent), null, { timeout: 60000 });
  await shot("submit");
  await other.bringToFront();
  await other.waitForFunction(() => {
    const cell = document.querySelector('#country-recs tr[data-rec="2013.5"] .state-status');
    return cell && cell.textContent.trim() === "Implemented";
  }, null, { timeout: 30000 });
  assert.equal(await other.evaluate(() => window.__sameDocument), true, "no reload");
  await alertsTab.waitForSelector('#alerts-table tr.alert-row[data-alert^="ASSISTANCE_NEEDED|"]', { timeout: 30000 });
  assert.match(await text("#alerts-table", alertsTab), /France/);
  await alertsTab.close();
  await overviewTab.waitForFunction((n) => Number(document.getElementById("kpi-cells").textContent) === n + 1, cellsBefore,
    { timeout: 30000 });
  assert.equal(streams.most, 1, "the overview's redraws keep its one live stream");
  await overviewTab.close();
  await page.click("#to-country");
  await page.waitForFunction(() => location.hash === "#/countries/FRA");
  await settled();
  assert.equal(await text('#country-recs tr[data-rec="2013.5"] .state-status'), "Implemented");
  noProblems("submit");
  log("submit ok");

  // Phone width: the pages fit, wide tables scroll inside their own box.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, route] of [["overview-phone", ""], ["country-phone", "#/countries/FRA"], ["matrix-phone", "#/matrix"],
    ["alerts-phone", "#/alerts"], ["submit-phone", "#/submit"]]) {
    await open(route);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name}: the page is ${overflow} px wider than the screen`);
    await shot(name);
  }
  noProblems("phone");
  log("phone ok");
  console.log(`browser suite passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error("browser suite FAILED:", e && e.stack || e);
  try { await shot("failure"); } catch (ignored) { /* the page may be gone */ }
  process.exitCode = 1;
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
