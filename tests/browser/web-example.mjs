// Drives the web example in Debian's headless Chromium, as a person would: open the page, follow
// the QR link to the emulator's share page, press Share, land on the callback, and read what the
// page shows. Then a second, fresh browser context (no cookies) opens the same callback URL and
// must be refused, and the first reloads it and sees the stored outcome. Run by
// tests/tests/web_example.rs:
//
//   node tests/browser/web-example.mjs <app URL> <screenshot path>
//
// The verified page goes to <screenshot path>, the refused page beside it as `-refused.png`.
//
// Prints one JSON object on stdout (what it saw, or `error`) and exits 0 only when every step
// ran; the Rust test asserts on the values.

import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
// Each context of the browser is a fresh profile of its own, like an incognito window.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const STEP_TIMEOUT_MS = 15_000;

const [appUrl, screenshotPath] = process.argv.slice(2);
if (!appUrl || !screenshotPath) {
  console.error("usage: node web-example.mjs <app URL> <screenshot path>");
  process.exit(2);
}

const report = { ok: false };
const refusedPath = screenshotPath.replace(/\.png$/, "") + "-refused.png";
let browser;
let page;
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 900, height: 820 } });
  const created = await context.newPage();
  created.setDefaultTimeout(STEP_TIMEOUT_MS);
  created.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return created;
}
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 30_000,
  });
  page = await newPage();

  // 1. The application's page: a new share session, its QR code and the link.
  const start = await page.goto(appUrl);
  report.startStatus = start?.status();
  report.startTitle = await page.title();
  report.qrCodes = await page.locator(".qr svg").count();
  const shareUri = await page.locator("#open-share").getAttribute("href");
  report.shareUri = shareUri;

  // 2. Follow the link: the emulator's share page.
  await page.locator("#open-share").click();
  await page.waitForURL(shareUri);
  report.sharePageTitle = await page.title();
  report.sharePageText = await page.locator("main").innerText();

  // 3. Share. The emulator redirects to the application's callback with the receipt id.
  const callback = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/callback",
  );
  await page.getByRole("button", { name: "Share" }).click();
  const callbackResponse = await callback;
  await page.waitForLoadState("load");
  report.callbackStatus = callbackResponse.status();
  report.callbackUrl = page.url();
  report.callbackTitle = await page.title();

  // 4. What the page shows.
  report.fullName = await page.locator("#full-name").innerText();
  report.ageCheck = await page.locator("#age-check").innerText();
  report.nameAnchors = await page.locator("#name-anchors").innerText();
  report.selfie = await page.locator("#selfie").evaluate((img) => ({
    loaded: img.complete && img.naturalWidth > 0,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    src: img.getAttribute("src").slice(0, 23),
  }));

  await mkdir(dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  report.screenshot = screenshotPath;

  // 5. Another browser (a fresh context: no cookie) opens the same callback URL: refused.
  const stranger = await newPage();
  const refused = await stranger.goto(report.callbackUrl);
  report.otherBrowserStatus = refused?.status();
  report.otherBrowserTitle = await stranger.title();
  report.otherBrowserText = await stranger.locator("main").innerText();
  report.otherBrowserSeesName = (await stranger.locator("#full-name").count()) > 0;
  await stranger.screenshot({ path: refusedPath, fullPage: true });
  report.refusedScreenshot = refusedPath;

  // 6. The person reloads: the stored outcome, from the application's database.
  const reload = await page.reload();
  report.reloadStatus = reload?.status();
  report.reloadTitle = await page.title();
  report.reloadFullName = await page.locator("#full-name").innerText();
  report.reloadAgeCheck = await page.locator("#age-check").innerText();
  report.reloadStoredNote = await page.locator("#stored").innerText();
  report.reloadSelfies = await page.locator("#selfie").count();
  report.ok = true;
} catch (error) {
  report.error = String(error?.stack ?? error);
  // Keep what the browser showed when it went wrong.
  if (page) {
    const failurePath = screenshotPath.replace(/\.png$/, "") + "-failure.png";
    await mkdir(dirname(failurePath), { recursive: true }).catch(() => {});
    await page.screenshot({ path: failurePath, fullPage: true }).catch(() => {});
    report.failureScreenshot = failurePath;
    report.failureUrl = page.url();
  }
} finally {
  await browser?.close().catch(() => {});
}

console.log(JSON.stringify(report));
process.exit(report.ok ? 0 : 1);
