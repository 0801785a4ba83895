// A screenshot for the guide (scripts/guide-screenshots.sh): node guide-shot.mjs URL OUT.png
// WIDTH pre|page — `pre`: the terminal text only; `page`: the viewport of a page.
import { chromium } from '../tests/js/node_modules/playwright-core/index.mjs';
const [url, out, width, what] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: +width, height: 800 } });
await page.goto(url);
if (what === 'pre') {
  await (await page.$('pre')).screenshot({ path: out });
} else {
  await page.waitForTimeout(800);
  await page.screenshot({ path: out });
}
await browser.close();
