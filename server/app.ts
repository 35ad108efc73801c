import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import compression from "compression";
import cookieParser from "cookie-parser";
import express from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { AppDeps } from "./context.ts";
import { evidenceRoutes } from "./evidence-routes.ts";
import { exportRoutes } from "./export-routes.ts";
import { expressContext } from "./http.ts";
import { appRouter } from "./router.ts";
import { staticAssets } from "./static-assets.ts";

const CLIENT_DIST = fileURLToPath(new URL("../dist/client", import.meta.url));

export type AppOptions = AppDeps & {
  /** Failed or successful logins allowed per IP address per 15 minutes. */
  loginLimit?: number;
};

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

  // Argon2 is deliberately slow: limit login attempts before hashing.
  app.use(
    "/trpc/auth.login",
    rateLimit({
      windowMs: 15 * 60_000,
      limit: options.loginLimit ?? 30,
      standardHeaders: "draft-8",
      legacyHeaders: false,
    }),
  );
  // API answers go out compressed (brotli or gzip, as the browser accepts). tRPC writes an answer
  // without announcing its length, so even small ones are: a few bytes more for those.
  app.use("/trpc", compression());
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

  if (existsSync(CLIENT_DIST)) app.use(staticAssets(CLIENT_DIST));
  return app;
}
