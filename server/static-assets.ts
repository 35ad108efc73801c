import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import { z } from "zod";
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_COOKIE,
  type Language,
  languageOf,
} from "../shared/i18n/language.ts";
import { OVERDUE_DEFAULT_FILTERS, overduePageInput } from "../shared/overdue-page.ts";
import { escapeHtml } from "./html.ts";
import { setResourceHeaders } from "./http.ts";
import { isPlainOverdueList, type PaintedHeading, taskPageId } from "./page-heading.ts";
import { SESSION_COOKIE } from "./session.ts";

/** Where the built app's hashed scripts and styles are served (dist/client/assets). */
export const ASSETS_PATH = "/assets";

/** Brotli first (about a fifth smaller than gzip on our scripts), then gzip, else the file. */
const ENCODINGS = ["br", "gzip"];

/** Written by the build beside index.html (scripts/route-preloads.ts). */
const ROUTE_PRELOADS_FILE = "route-preloads.json";

const routePreloads = z.array(
  z.object({ path: z.string(), scripts: z.array(z.string()), styles: z.array(z.string()) }),
);

type Encoding = "br" | "gzip" | "identity";
type Sent = { body: Buffer; etag: string };
/** A route's page, compressed for an encoding when it is first asked for in it. */
type Page = { pattern: string[]; html: string; sent: (encoding: Encoding) => Sent };

/** Where the server writes a page's heading (client/index.html, inside the app's root). */
const HEADING_MARK = "<!--page-heading-->";

function sent(body: Buffer): Sent {
  return { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
}

/**
 * A page compressed for an encoding: at its best for the pages built once ("best": brotli 11,
 * 4 ms a page), quickly for a page written for one request ("fast": brotli 5, 0.1 ms).
 */
function encode(page: Buffer, encoding: Encoding, effort: "best" | "fast"): Buffer {
  const best = effort === "best";
  if (encoding === "br") {
    const quality = best ? 11 : 5;
    return brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } });
  }
  return encoding === "gzip" ? gzipSync(page, { level: best ? 9 : 6 }) : page;
}

/** The app's scripts as the built page loads them: its entry and each modulepreload. */
const APP_SCRIPT_TAGS =
  /<script type="module"[^>]*><\/script>\n?|<link rel="modulepreload"[^>]*>\n?/g;

/**
 * Starts the app once the page has been painted: its scripts wait, inert, in the template
 * `#app-start` until this puts them in the page. It waits for the browser's own word that the
 * page's text is on the screen (the "first-contentful-paint" entry, which comes once the frame is
 * presented, not merely drawn), at most a second; where paint timing is not known, for a frame
 * and a task after it; at once in a tab opened in the background, where frames wait for the tab
 * to be shown. (After the frame's task alone, a larger page such as the overdue list's first cards
 * was sometimes presented after its scripts had arrived, and Lighthouse then counted them as
 * holding its first paint.) One constant text, so that the page's Content-Security-Policy allows
 * it by its hash (START_AFTER_PAINT_SOURCE).
 */
const START_AFTER_PAINT =
  "(function(){var started=false;function start(){if(started)return;started=true;" +
  "var t=document.getElementById('app-start');" +
  "if(t){document.head.append(t.content.cloneNode(true));t.remove();}}" +
  "if(document.visibilityState!=='visible'){start();return;}" +
  "var types=window.PerformanceObserver&&PerformanceObserver.supportedEntryTypes||[];" +
  "if(types.indexOf('paint')<0){requestAnimationFrame(function(){var c=new MessageChannel();" +
  "c.port1.onmessage=start;c.port2.postMessage(0);});return;}" +
  "new PerformanceObserver(function(list,observer){" +
  "if(list.getEntriesByName('first-contentful-paint').length){observer.disconnect();start();}" +
  "}).observe({type:'paint',buffered:true});setTimeout(start,1000);})();";

/** The CSP source that allows START_AFTER_PAINT, and only it, to run inline. */
export const START_AFTER_PAINT_SOURCE = `'sha256-${createHash("sha256").update(START_AFTER_PAINT).digest("base64")}'`;

/**
 * The page (already in the user's language: withLanguage) with its heading in place of the mark
 * (server/page-heading.ts, written in the same language, from the same cookie). Such
 * a page means something before any script runs, so it is painted first: its scripts start after
 * the first paint instead of being preloaded with it. On a slow link the heading shows as soon as
 * the page arrives; on a fast one Chromium would otherwise run the app's scripts, already there,
 * before painting anything.
 */
function withHeading(html: string, heading: PaintedHeading): Buffer {
  const scripts = html.match(APP_SCRIPT_TAGS) ?? [];
  const start =
    `<template id="app-start">${scripts.join("")}</template>` +
    `<script>${START_AFTER_PAINT}</script>\n</body>`;
  return Buffer.from(
    html
      .replace(HEADING_MARK, heading.markup)
      .replace(APP_SCRIPT_TAGS, "")
      .replace("</body>", start),
  );
}

/**
 * The page in the user's language (their cookie), which the app starts in (client/i18n.ts reads
 * `<html lang>`, not the browser's storage).
 */
function withLanguage(html: string, language: Language): string {
  return language === DEFAULT_LANGUAGE
    ? html
    : html.replace(/<html lang="[^"]*">/, `<html lang="${language}">`);
}

/** The app's icon at each address it is asked for, and its file in the build. */
const APP_ICONS = [
  ["/favicon-32.png", "favicon-32.png"],
  ["/apple-touch-icon.png", "apple-touch-icon.png"],
  ["/favicon.ico", "favicon-32.png"],
  ["/favicon.svg", "favicon.svg"],
] as const;

/** Where the built page asks who is signed in (client/index.html): a page's query goes after. */
const WHO_AM_I = '<link rel="preload" href="/trpc/auth.me" as="fetch" crossorigin />';

/**
 * The query a page draws its largest part from, when its URL says it all: the page asks for it
 * itself (a preload), so that its answer comes while the scripts load instead of after them, and
 * the app's own request takes that answer: it is the same URL, as client/trpc.ts sends this query
 * on its own (tests/e2e/static-assets.test.ts checks that the browser asks once).
 */
function pageQuery(path: string, search: string): string | null {
  if (isPlainOverdueList(path, search)) {
    // The list without filters, its first page: the address a leader opens from the menu.
    return apiQuery("statistic.overdue", overduePageInput(OVERDUE_DEFAULT_FILTERS, 1));
  }
  const id = taskPageId(path);
  return id === null ? null : apiQuery("task.byId", { id });
}

/** A query's address as the app's client sends a query on its own (tRPC's GET form). */
function apiQuery(path: string, input: unknown): string {
  return `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** The page asking for its query together with "who am I". */
function withQuery(html: string, query: string): string {
  return html.replace(
    WHO_AM_I,
    `${WHO_AM_I}\n<link rel="preload" href="${escapeHtml(query)}" as="fetch" crossorigin>`,
  );
}

/** How well a URL's segments fit a route's pattern: its fixed segments count, or null. */
function fixedSegments(pattern: readonly string[], segments: readonly string[]): number | null {
  if (pattern.length !== segments.length) return null;
  let fixed = 0;
  for (const [i, part] of pattern.entries()) {
    if (part.startsWith(":")) continue;
    if (part !== segments[i]) return null;
    fixed++;
  }
  return fixed;
}

function segmentsOf(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

/**
 * The app's page for each route of the browser app: index.html with, before `</head>`, a
 * modulepreload for each script of that route's code and a preload of its styles, so that the
 * browser fetches them together with the app's own scripts rather than after running them.
 * Built once at start, each encoding compressed once, by the first request that accepts it
 * (brotli at its best costs 2 ms a page: 23 pages would add 50–90 ms to every start).
 */
function routePages(dir: string, html: string): Page[] {
  const file = join(dir, ROUTE_PRELOADS_FILE);
  if (!existsSync(file)) return [];
  return routePreloads.parse(JSON.parse(readFileSync(file, "utf8"))).map((route) => {
    const links = [
      ...route.scripts.map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
      ...route.styles.map((href) => `<link rel="preload" as="style" crossorigin href="${href}">`),
    ];
    return builtPage(
      segmentsOf(route.path),
      html.replace("</head>", `${links.join("\n")}\n</head>`),
    );
  });
}

/** A page of the app, compressed at its best for an encoding by the first request in it. */
function builtPage(pattern: string[], html: string): Page {
  const page = Buffer.from(html);
  const done: Partial<Record<Encoding, Sent>> = {};
  return {
    pattern,
    html,
    sent: (encoding) => (done[encoding] ??= sent(encode(page, encoding, "best"))),
  };
}

/** The route a path opens, the one with most fixed segments ("/directives/new" over ":id"). */
function pageFor(pages: readonly Page[], path: string): Page | undefined {
  const segments = segmentsOf(path);
  let best: { page: Page; fixed: number } | undefined;
  for (const page of pages) {
    const fixed = fixedSegments(page.pattern, segments);
    if (fixed !== null && (best === undefined || fixed > best.fixed)) best = { page, fixed };
  }
  return best?.page;
}

/**
 * The built browser app in `dir` (dist/client): its hashed files under /assets, cached by
 * browsers for a year without asking again (a new build gives new names), and for every other
 * GET the app's page, index.html, which browsers check again on each visit (`no-cache`; a 304
 * when unchanged); for a path of one of the app's routes, the page also announces that route's
 * code (see routePages), and carries the page's heading when `heading` gives one for the request
 * (server/page-heading.ts). Each file goes out as brotli or gzip when the browser accepts one,
 * with `Vary: Accept-Encoding`.
 */
export function staticAssets(
  dir: string,
  options: {
    heading?: (req: express.Request, res: express.Response) => Promise<PaintedHeading | null>;
  } = {},
): express.Router {
  const router = express.Router();
  router.use(
    ASSETS_PATH,
    expressStaticGzip(join(dir, "assets"), {
      enableBrotli: true,
      orderPreference: ENCODINGS,
      index: false,
      // A missing asset is a 404, not the app's page: a stale script must not be answered by HTML.
      // Never asked for again (immutable): no validators, no ranges. Of the security headers only
      // those that bear on a script or a style; the page's policies come with the page.
      serveStatic: {
        index: false,
        immutable: true,
        maxAge: "1y",
        fallthrough: false,
        etag: false,
        lastModified: false,
        acceptRanges: false,
        setHeaders: setResourceHeaders,
      },
    }),
  );
  // The app's icon (client/public): not hashed, so browsers keep it for a day. The page links the
  // pictures; the drawing they come from stays at its address; a browser that asks for the
  // icon without reading the page gets the small picture, not the page.
  for (const [path, file] of APP_ICONS) {
    router.get(path, (_req, res, next) => {
      res.sendFile(join(dir, file), { maxAge: "1d" }, (error) => error && next(error));
    });
  }
  const index = join(dir, "index.html");
  const built = existsSync(index) ? readFileSync(index, "utf8") : null;
  const pages = built === null ? [] : routePages(dir, built);
  // A path of no route (the app says it has no such page): the page as built.
  const otherPage = built === null ? undefined : builtPage([], built);
  // The app routes in the browser: every other path gets the page.
  router.get("/{*splat}", async (req, res, next) => {
    const routePage = pageFor(pages, req.path) ?? otherPage;
    if (!routePage) {
      next();
      return;
    }
    const accepted = req.acceptsEncodings(ENCODINGS);
    const encoding: Encoding = accepted === "br" || accepted === "gzip" ? accepted : "identity";
    const heading = (await options.heading?.(req, res)) ?? null;
    // Only a signed-in browser gets an answer to keep (a visitor is sent to the sign-in page).
    const signedIn = typeof req.cookies?.[SESSION_COOKIE] === "string";
    const { search } = new URL(req.originalUrl, "http://page");
    const query = signedIn ? pageQuery(req.path, search) : null;
    // The page as built, or written for this request (compressed quickly, per request).
    const language = languageOf(req.cookies?.[LANGUAGE_COOKIE]);
    const html = withLanguage(query ? withQuery(routePage.html, query) : routePage.html, language);
    const written = heading
      ? withHeading(html, heading)
      : html === routePage.html
        ? null
        : Buffer.from(html);
    const { body, etag } = written
      ? sent(encode(written, encoding, "fast"))
      : routePage.sent(encoding);
    // A page with a heading is the user's own (their agency, their language): no shared cache
    // keeps it. Which page is sent depends on the session and the language, both cookies.
    res.setHeader("Cache-Control", heading ? "private, no-cache" : "no-cache");
    res.setHeader("Vary", "Accept-Encoding, Cookie");
    res.setHeader("ETag", etag);
    if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
    res.type("html");
    // Express answers a repeat visit whose ETag still matches with a 304 without a body.
    res.send(body);
  });
  return router;
}
