// The dashboard in a real browser: starts fixture_server, drives headless Chromium over --remote-debugging-pipe
// (no driver, no npm packages), checks the job table and that markup in titles and messages shows as text, clicks
// "Run now", waits for the manual run to appear without a reload, pauses a job with a note and resumes it, pages
// through a job's history, and saves screenshots at 1280x800 and at phone width.
//   node browser_check.js FIXTURE_SERVER CHROMIUM OUTPUT_DIR
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const readline = require("readline");

const [fixtureServer, chromium, outputDir] = process.argv.slice(2);
if (!fixtureServer || !chromium || !outputDir) {
  console.error("usage: node browser_check.js FIXTURE_SERVER CHROMIUM OUTPUT_DIR");
  process.exit(2);
}
fs.mkdirSync(outputDir, { recursive: true });

let failures = 0;
function check(ok, what) {
  console.log((ok ? "ok   " : "FAIL ") + what);
  if (!ok) failures++;
}
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/// The Chrome DevTools Protocol over the pipe Chromium opens on fds 3 and 4: NUL-terminated JSON messages.
function devtools(child) {
  let nextId = 1, buffer = "";
  const pending = new Map(), listeners = [];
  child.stdio[4].on("data", chunk => {
    buffer += chunk.toString();
    for (let end; (end = buffer.indexOf("\0")) >= 0;) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const waiter = pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        message.error ? waiter.reject(new Error(JSON.stringify(message.error))) : waiter.resolve(message.result);
      } else {
        listeners.forEach(listener => listener(message));
      }
    }
  });
  return {
    send(method, params = {}, sessionId = undefined) {
      const id = nextId++;
      child.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    listen(listener) { listeners.push(listener); },
  };
}

async function main() {
  const server = spawn(fixtureServer, [], { stdio: ["pipe", "pipe", "inherit"] });
  const base = (await readline.createInterface({ input: server.stdout })[Symbol.asyncIterator]().next()).value
      .replace(/\/cron$/, "");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "cronc-chromium-"));
  const browser = spawn(chromium, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--hide-scrollbars", `--user-data-dir=${profile}`, "--remote-debugging-pipe",
    "about:blank"], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
  const cdp = devtools(browser);
  try {
    const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
    const page = (method, params) => cdp.send(method, params, sessionId);
    const errors = [];
    cdp.listen(message => {
      if (message.sessionId !== sessionId) return;
      if (message.method === "Runtime.exceptionThrown") errors.push(message.params.exceptionDetails.text);
      if (message.method === "Log.entryAdded" && message.params.entry.level === "error")
        errors.push(message.params.entry.text);
    });
    await page("Runtime.enable");
    await page("Page.enable");
    await page("Log.enable");
    // Records any alert() a script that escaped the page's escaping would call.
    await page("Page.addScriptToEvaluateOnNewDocument",
               { source: "window.__alerts = []; window.alert = text => window.__alerts.push(String(text));" +
                         "window.prompt = () => 'moving the mail server';" });
    const evaluate = async expression =>
      (await page("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true })).result.value;
    const waitFor = async (expression, what) => {
      for (const start = Date.now(); Date.now() - start < 15000; await sleep(100))
        if (await evaluate(expression)) return;
      check(false, "waited in vain for " + what);
    };
    const screenshot = async (name, width, height) => {
      await page("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: width < 600 });
      await waitFor("new Promise(resolve => requestAnimationFrame(() => resolve(true)))", "a frame");
      const { data } = await page("Page.captureScreenshot", { format: "png", captureBeyondViewport: false });
      fs.writeFileSync(path.join(outputDir, name), Buffer.from(data, "base64"));
    };
    const rowsText = "[...document.querySelectorAll('table.cards tbody tr')]";

    await page("Emulation.setDeviceMetricsOverride", { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
    await page("Page.navigate", { url: base + "/cron" });
    await waitFor(`${rowsText}.length === 3`, "three jobs in the table");
    const ids = await evaluate(`${rowsText}.map(row => row.querySelector('td .mono').textContent)`);
    check(JSON.stringify(ids) === JSON.stringify(["welcome-email", "accounting-sync", "cart-purge"]),
          "the table lists every job: " + ids.join(", "));
    const titles = await evaluate("[...document.querySelectorAll('a.title')].map(a => a.textContent)");
    check(titles.includes("<script>alert(1)</script> Accounting sync"), "a title with markup shows as text");
    const message = await evaluate("document.querySelector('svg.bars rect.failed title').textContent");
    check(message.includes("</script><script>alert(2)</script>"), "a message with markup shows as text");
    check((await evaluate("document.querySelectorAll('svg.bars').length")) === 3, "a bar chart per job");
    const bars = "document.querySelectorAll('svg.bars')[0].querySelectorAll('rect:not(.empty)').length";
    check((await evaluate(bars)) === 20,
          "the chart shows the last 20 executions");
    const nextRun = await evaluate(`${rowsText}[0].querySelector('[data-label="Next run"] .rel').textContent`);
    check(/^in 1 h 4[23] min$/.test(nextRun),
          "the next run is relative to the service's clock");
    const zoned = await evaluate(`${rowsText}[1].querySelector('[data-label="Next run"] .zoned').textContent`);
    check(zoned === "2026-03-03 04:00 Europe/Berlin (UTC+01:00)",
          "a zoned job's next run shows in its zone's wall time beside UTC: " + zoned);
    check((await evaluate(`${rowsText}[0].querySelector('[data-label="Next run"] .zoned')`)) === null,
          "a UTC job shows UTC only");
    const states = await evaluate(`${rowsText}.map(row => row.querySelector('[data-label="State"] .badge').textContent)`);
    check(JSON.stringify(states) === JSON.stringify(["failing", "failing", "up"]),
          "every job shows its state, from its last finished run: " + states.join(", "));
    const doc = await evaluate(`${rowsText}[0].querySelector('.doc').textContent`);
    check(doc === "Send a welcome email to everyone who signed up in the last two hours.",
          "a job shows its doc comment: " + doc);
    const failures = await evaluate(`${rowsText}.map(row => row.querySelector('.failures').textContent)`);
    check(failures.every(text => /^\d+ failures? in 24 h$/.test(text)) && failures[1] === "1 failure in 24 h",
          "every job shows its failures in 24 hours: " + failures.join(", "));
    // Runs are at least a third of the chart, so a run of 0 ms stands out from a tick that did not run.
    const heights = await evaluate("[...document.querySelectorAll('svg.bars')[0].querySelectorAll('rect')]" +
                                   ".map(rect => [rect.getAttribute('class'), Number(rect.getAttribute('height'))])");
    check(heights.every(([kind, height]) => kind === "skipped" || kind === "missed" || kind === "empty" ? height <= 4
                                                                                                         : height >= 9),
          "runs are taller than ticks that did not run: " + JSON.stringify(heights));
    await screenshot("dashboard-1280x800.png", 1280, 800);
    await screenshot("dashboard-390.png", 390, 844);
    await page("Emulation.setDeviceMetricsOverride", { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });

    await evaluate("document.querySelector('button[aria-label=\"Run welcome-email now\"]').click(), true");
    await waitFor("document.getElementById('toast').textContent.startsWith('Started ')", "the toast");
    const toast = await evaluate("document.getElementById('toast').textContent");
    check(toast === "Started welcome-email@manual-2026-03-02T10:17:00.000Z", "the toast names the new run: " + toast);
    await waitFor(`${rowsText}[0].querySelector('[data-label="Last run"]').textContent.match(/^succeeded \\d+ ms/)`,
                  "the table to show the manual run without a reload");

    await evaluate("document.querySelector('button[aria-label=\"Pause welcome-email\"]').click(), true");
    await waitFor("document.getElementById('toast').textContent === 'Paused welcome-email'", "the pause's toast");
    const stateCell = `${rowsText}[0].querySelector('[data-label="State"]')`;
    await waitFor(`${stateCell}.querySelector('.badge').textContent === 'paused'`, "the job to show paused");
    check((await evaluate(`${stateCell}.querySelector('.pause-note').textContent`)) === "moving the mail server",
          "a paused job shows the note");
    const by = await evaluate(`${stateCell}.querySelector('.paused-by').textContent`);
    check(by.startsWith("by 127.0.0.1 "), "a paused job shows who paused it: " + by);
    await screenshot("dashboard-paused-1280x800.png", 1280, 800);
    await page("Emulation.setDeviceMetricsOverride", { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
    await evaluate("document.querySelector('button[aria-label=\"Resume welcome-email\"]').click(), true");
    await waitFor("document.getElementById('toast').textContent.startsWith('Resumed welcome-email')",
                  "the resume's toast");
    await waitFor(`${stateCell}.querySelector('.badge').textContent === 'up'`, "the job to show up again");
    check((await evaluate(`${stateCell}.querySelector('.pause-note')`)) === null, "a resumed job shows no note");
    check((await evaluate("document.querySelector('button[aria-label=\"Pause welcome-email\"]') !== null")),
          "a resumed job offers Pause again");

    await page("Page.navigate", { url: base + "/cron/jobs/welcome-email" });
    await waitFor(`${rowsText}.length === 25`, "a page of history");
    const first = await evaluate(`${rowsText}[0].textContent`);
    check(first.startsWith("welcome-email@manual-2026-03-02T10:17:00.000Zmanual run"),
          "the manual run leads the history");
    const olderButton = "[...document.querySelectorAll('.pager button')].find(b => b.textContent.includes('Older'))";
    const newerButton = "[...document.querySelectorAll('.pager button')].find(b => b.textContent.includes('Newer'))";
    await evaluate(`${olderButton}.click(), true`);
    await waitFor("document.querySelector('.pager .muted').textContent === 'Page 2'", "page 2");
    const second = await evaluate(`${rowsText}[0].querySelector('td .mono').textContent`);
    check(second === "welcome-email@2026-02-28T10:00Z", "page 2 goes on where page 1 ended: " + second);
    await evaluate(`${newerButton}.click(), true`);
    await waitFor("document.querySelector('.pager .muted').textContent === 'Page 1'", "page 1 again");
    await screenshot("job-1280x800.png", 1280, 800);
    await screenshot("job-390.png", 390, 844);

    check((await evaluate("window.__alerts.length")) === 0, "no script from the data ran");
    check(errors.length === 0, "no errors in the console " + errors.join(" | "));
  } finally {
    // Browser.close lets Chromium's helper processes finish with the profile before it is removed.
    const exited = new Promise(resolve => browser.on("exit", resolve));
    await Promise.race([cdp.send("Browser.close").catch(() => {}), sleep(5000)]);
    const killer = setTimeout(() => browser.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(killer);
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (error) {
      console.log(`note: ${profile} was left behind: ${error.message}`);
    }
    server.stdin.end();
  }
  console.log(failures === 0 ? `passed; screenshots in ${outputDir}` : `${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(2);
});
