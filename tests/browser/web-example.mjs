// Drives the web example in Debian's headless Chromium, as a person would: open the page, follow
// the QR link to the emulator's share page, press Share, land on the callback, and read what the
// page shows. Run by tests/tests/web_example.rs:
//
//   node tests/browser/web-example.mjs <app URL> <screenshot path>
//
// Prints one JSON object on stdout (what it saw, or `error`) and exits 0 only when every step
// ran; the Rust test asserts on the values.

import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
// playwright-core sets `--user-data-dir` itself, from the fresh folder given to it below.
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
const userDataDir = await mkdtemp(join(tmpdir(), "yoti-web-example-"));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 30_000,
    viewport: { width: 900, height: 820 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);

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
  report.ok = true;
} catch (error) {
  report.error = String(error?.stack ?? error);
  // Keep what the browser showed when it went wrong.
  const page = context?.pages()[0];
  if (page) {
    const failurePath = screenshotPath.replace(/\.png$/, "") + "-failure.png";
    await mkdir(dirname(failurePath), { recursive: true }).catch(() => {});
    await page.screenshot({ path: failurePath, fullPage: true }).catch(() => {});
    report.failureScreenshot = failurePath;
    report.failureUrl = page.url();
  }
} finally {
  await context?.close().catch(() => {});
  await rm(userDataDir, { recursive: true, force: true });
}

console.log(JSON.stringify(report));
process.exit(report.ok ? 0 : 1);
