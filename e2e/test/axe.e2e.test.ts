// The accessibility check itself: axe runs in the page and in its frames, and reports what is wrong
// (so a green flow means no violations, not a check that never ran).
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../src/axe.js';
import { useChromium } from '../src/fixtures.js';

describe('axe-core in Chromium', () => {
  const browser = useChromium();

  it('finds an unlabelled field, low contrast and a problem inside an iframe', async () => {
    const page = await browser().newPage();
    const framed = encodeURIComponent(
      '<!doctype html><html lang="en"><title>Inner</title><main><img src="x.png"></main></html>',
    );
    await page.setContent(
      `<!doctype html><html lang="en"><head><title>Bad</title></head><body><main>
        <h1>Form</h1><input type="text">
        <p style="color:#bbb;background:#fff">Faint text</p>
        <iframe title="Inner" src="data:text/html,${framed}"></iframe>
      </main></body></html>`,
    );
    await page.frames()[1]?.waitForLoadState();
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toContain('label');
    expect(ids).toContain('color-contrast');
    expect(ids).toContain('image-alt');
    await page.close();
  });

  it('passes a plain accessible page', async () => {
    const page = await browser().newPage();
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>Good</title></head><body><main><h1>Hello</h1><label>Name <input type="text"></label></main></body></html>',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
