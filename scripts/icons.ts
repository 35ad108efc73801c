/**
 * The app's icon as pictures, drawn by Debian's Chromium from the drawing
 * (client/public/favicon.svg): favicon-32.png, which the page links (client/index.html says why
 * a picture rather than the drawing), and the 180 px apple-touch-icon.png for home screens,
 * which fills its square (the phone rounds its corners itself). Run after changing the drawing;
 * the pictures are committed beside it.
 * Usage: npm run icons
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";

const PUBLIC = resolve(import.meta.dirname, "../client/public");
const drawing = readFileSync(resolve(PUBLIC, "favicon.svg"), "utf8");
const ICONS = [
  { file: "favicon-32.png", size: 32, svg: drawing },
  // The square without its rounded corners.
  { file: "apple-touch-icon.png", size: 180, svg: drawing.replace(/ rx="[\d.]+"/, "") },
];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
try {
  const page = await browser.newPage();
  for (const icon of ICONS) {
    const source = `data:image/svg+xml;base64,${Buffer.from(icon.svg).toString("base64")}`;
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(
      `<body style="margin:0"><img src="${source}" width="${icon.size}" height="${icon.size}" style="display:block"></body>`,
    );
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    const picture = await page.screenshot({ omitBackground: true, type: "png" });
    writeFileSync(resolve(PUBLIC, icon.file), picture);
    console.log(`client/public/${icon.file}: ${icon.size} px, ${picture.length} bytes`);
  }
} finally {
  await browser.close();
}
