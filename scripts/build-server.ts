/**
 * Builds the server into plain JavaScript: dist/server/main.js (the server) and
 * dist/server/create-admin.js (the admin CLI), backup, restore and remind, with the packages they
 * use bundled in, except those listed in NOT_BUNDLED.
 *   node --import tsx scripts/build-server.ts      (part of `npm run build`)
 */
import { readFile, rm } from "node:fs/promises";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const outdir = fileURLToPath(new URL("../dist/server/", import.meta.url));

/**
 * Some modules read files beside their source: db/seed-reference.ts the seed JSON
 * (`new URL("./seed/…", import.meta.url)`), server/app.ts the built client (`../dist/client`).
 * In a bundle every module would share the bundle's import.meta.url, so each module's
 * import.meta.url becomes its source file's URL, computed at run time from the bundle's own
 * location: those paths resolve exactly as they do under tsx, wherever the project folder is.
 */
const sourceImportMetaUrl: Plugin = {
  name: "source-import-meta-url",
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const fromBundle = relative(outdir, args.path).split(sep).join("/");
      const sourceUrl = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", sourceUrl), loader: "ts" };
    });
  },
};

/**
 * Packages left as imports of node_modules: native addons (their binary is found beside their own
 * files), packages that start worker threads from a file of their own (piscina's worker wrapper,
 * pino's transports), and the large ones only some requests use, loaded on demand anyway
 * (exceljs, docx, nodemailer, the common-password list; the list is CommonJS, which a bundle's
 * on-demand chunk would give only as a default export). Everything else is bundled: resolving and reading the few hundred
 * files of express, tRPC, kysely, zod... took about a third of the server's start (issue 12).
 */
const NOT_BUNDLED = [
  "better-sqlite3",
  "@node-rs/argon2",
  "piscina",
  "pino",
  "exceljs",
  "docx",
  "nodemailer",
  "@zxcvbn-ts/language-common",
];

/**
 * Bundled CommonJS packages call `require` for Node's own modules; an ES module has none, so each
 * output file gets one of its own.
 */
const REQUIRE_SHIM =
  'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

// The chunks' names change with their content: clear the folder so that old ones do not pile up.
await rm(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    main: "server/main.ts",
    "read-worker": "server/read-worker.ts",
    "create-admin": "server/cli/create-admin.ts",
    backup: "server/cli/backup.ts",
    restore: "server/cli/restore.ts",
    remind: "server/cli/remind.ts",
  },
  outdir,
  bundle: true,
  // Modules imported on demand (the documents, with docx) become chunks of their own beside
  // main.js, loaded when first used; code shared by the entries is a chunk too.
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: NOT_BUNDLED,
  banner: { js: REQUIRE_SHIM },
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [sourceImportMetaUrl],
});
