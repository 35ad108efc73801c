import { join } from "node:path";
import express from "express";
import expressStaticGzip from "express-static-gzip";

/** Brotli first (about a fifth smaller than gzip on our scripts), then gzip, else the file. */
const ENCODINGS = ["br", "gzip"];

/**
 * The built browser app in `dir` (dist/client): its hashed files under /assets, cached by
 * browsers for a year without asking again (a new build gives new names), and for every other
 * GET the app's page, index.html, which browsers check again on each visit (`no-cache`; a 304
 * when unchanged). Each file goes out as the brotli or gzip copy the build wrote beside it when
 * the browser accepts one, with `Vary: Accept-Encoding`.
 */
export function staticAssets(dir: string): express.Router {
  const router = express.Router();
  router.use(
    "/assets",
    expressStaticGzip(join(dir, "assets"), {
      enableBrotli: true,
      orderPreference: ENCODINGS,
      index: false,
      // A missing asset is a 404, not the app's page: a stale script must not be answered by HTML.
      serveStatic: { index: false, immutable: true, maxAge: "1y", fallthrough: false },
    }),
  );
  const page = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ENCODINGS,
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    },
  });
  // The app routes in the browser: every other path gets the page.
  router.get("/{*splat}", (req, res, next) => {
    req.url = "/index.html";
    page(req, res, next);
  });
  return router;
}
