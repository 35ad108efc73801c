import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import cookieParser from "cookie-parser";
import express from "express";
import helmet from "helmet";
import type { AppDeps } from "./context.ts";
import { evidenceRoutes } from "./evidence-routes.ts";
import { exportRoutes } from "./export-routes.ts";
import { expressContext } from "./http.ts";
import { appRouter } from "./router.ts";

const CLIENT_DIST = fileURLToPath(new URL("../dist/client", import.meta.url));

export type AppOptions = AppDeps;

/** The HTTP application: health check, tRPC at /trpc, and the built browser app. */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(helmet());
  app.use(cookieParser());

  app.get("/healthz", async (_req, res) => {
    await options.db.selectFrom("agency").select("agency.id").limit(1).execute();
    res.json({ status: "ok", time: options.clock.now().toISOString() });
  });

  // Login attempts are throttled inside auth.login itself (server/login-throttle.ts), whatever
  // the URL's spelling; batches that call auth procedures are refused (server/http.ts).
  app.use(
    "/trpc",
    createExpressMiddleware({
      router: appRouter,
      createContext: expressContext(options),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"}:`, error);
      },
    }),
  );

  // Evidence files: multipart upload and authorised download, beside tRPC.
  app.use(evidenceRoutes(options));

  // Excel exports: the finished file of an export job, for the user who started it.
  app.use(exportRoutes(options));

  if (existsSync(CLIENT_DIST)) {
    app.use(express.static(CLIENT_DIST, { index: false, maxAge: "1h" }));
    app.get("/{*splat}", (_req, res) => {
      res.sendFile("index.html", { root: CLIENT_DIST, maxAge: 0 });
    });
  }
  return app;
}
