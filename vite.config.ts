import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import type { OutputBundle } from "rolldown";
import { defineConfig, type Plugin } from "vite";
import { compression } from "vite-plugin-compression2";
import { routePreloads } from "./scripts/route-preloads.ts";

/**
 * Mantine's `Table` carries `Table.ScrollContainer` as a static member, so every page with a
 * table would load its `ScrollArea` and, through it, Floating UI (12.5 KB brotli), although the
 * app's tables scroll in a plain box (client/ui/table-scroll.tsx). This makes Mantine's module
 * that plain box, which drops both from those pages.
 */
function plainTableScrollContainer(): Plugin {
  const replacement = fileURLToPath(new URL("client/ui/table-scroll.tsx", import.meta.url));
  const mantineTable = /@mantine[\\/]core[\\/]esm[\\/]components[\\/]Table[\\/]Table\.mjs$/;
  return {
    name: "plain-table-scroll-container",
    enforce: "pre",
    resolveId(source, importer) {
      return source === "./TableScrollContainer.mjs" && importer && mantineTable.test(importer)
        ? replacement
        : null;
    },
  };
}

/**
 * `virtual:theme-variables.css`: the theme's CSS variables, worked out here from the theme
 * (client/ui/theme-variables.ts) rather than by MantineProvider in the browser as the app starts
 * (client/main.tsx turns that off). The same rules, one computation less on every page's first task.
 */
function themeVariables(): Plugin {
  const id = "virtual:theme-variables.css";
  const resolved = `\0${id}`;
  return {
    name: "theme-variables",
    resolveId: (source) => (source === id ? resolved : null),
    async load(source) {
      if (source !== resolved) return null;
      const { themeVariablesCss } = await import("./client/ui/theme-variables.ts");
      return themeVariablesCss();
    },
    // The typeface and colours of what the server paints before the app's styles (the mark in
    // client/index.html).
    transformIndexHtml: {
      // Before Vite takes the inline styles out of the page to process them.
      order: "pre",
      async handler(html) {
        const { bootThemeCss } = await import("./client/ui/theme-variables.ts");
        const mark = "/* theme colours and typeface */";
        if (!html.includes(mark))
          throw new Error("theme-variables: index.html has no theme's mark");
        return html.replace(mark, bootThemeCss());
      },
    },
  };
}

/**
 * Mantine works out its default theme's CSS variables as its MantineProvider module loads (for
 * `removeDefaultVariables`, used only when the provider writes the variables, which the app turns
 * off: see themeVariables): every colour of every shade converted, 4–6 ms of every page's first
 * task here, four times that on Lighthouse's phone. This makes that one value worked out on
 * first use instead; the build stops if Mantine's module no longer reads as expected.
 */
function lazyMantineDefaultVariables(): Plugin {
  const file =
    /@mantine[\\/]core[\\/]esm[\\/]core[\\/]MantineProvider[\\/]MantineCssVariables[\\/]remove-default-variables\.mjs$/;
  const eager = "const defaultCssVariables = defaultCssVariablesResolver(DEFAULT_THEME);";
  let seen = false;
  return {
    name: "lazy-mantine-default-variables",
    apply: "build",
    transform(code, id) {
      if (!file.test(id)) return null;
      seen = true;
      // The value is read in three places: each becomes a call.
      const reads = code.split("defaultCssVariables.").length - 1;
      if (!code.includes(eager) || reads !== 3) {
        throw new Error(`lazy-mantine-default-variables: ${id} has changed`);
      }
      const lazy = code
        .replace(
          eager,
          "let defaultCssVariablesOnce; " +
            "const defaultCssVariables = () => (defaultCssVariablesOnce ??= defaultCssVariablesResolver(DEFAULT_THEME));",
        )
        .replaceAll("defaultCssVariables.", "defaultCssVariables().");
      // Every line stays where it was (a few columns move on four of them): Mantine's own map
      // still serves.
      return { code: lazy, map: null };
    },
    buildEnd(error) {
      // A Mantine whose module moved would compute the variables again, unnoticed.
      if (!error && !seen) throw new Error("lazy-mantine-default-variables: module not found");
    },
  };
}

/**
 * The app's stylesheet does not block the first paint: index.html's link to it becomes a preload
 * (fetched at once, at the highest priority), and client/main.tsx applies it before React's first
 * render. The page paints its header bar (styled inline) as soon as it arrives, instead of after
 * the 190 KB of Mantine's styles have been fetched and parsed (issue 13: a slow link).
 */
function deferAppStyles(): Plugin {
  return {
    name: "defer-app-styles",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (html) =>
        html.replace(
          /<link rel="stylesheet" crossorigin href="([^"]+\.css)">/g,
          '<link rel="preload" as="style" crossorigin href="$1" data-app-styles>',
        ),
    },
  };
}

/**
 * V8 compiles a function when it is first called, on the main thread, unless the file's first
 * line says that its functions all run as it loads: then it compiles them with the file, on a
 * background thread while the file streams in (Chromium 136+; other browsers ignore the comment).
 * Every chunk is code that runs when it is loaded (the build splits the app so that a chunk is
 * fetched when it is needed), so every chunk gets the comment. Main-thread compile time of the
 * statistics page, traced: medians 287–354 → 47–146 ms (README, Performance, ninth round).
 *
 * The comment only counts on the first line, and Vite writes the list of a chunk's on-demand
 * imports at the top of the chunk when its import analysis ends the bundle; the compressed copies
 * are made right after (vite-plugin-compression2 extends that same step). So the comment is
 * added inside that step too, after Vite's own work and before the copies (this plugin's
 * configResolved runs first; tests/e2e/static-assets.test.ts checks the files served).
 */
function compileHints(): Plugin {
  const hint = "//# allFunctionsCalledOnLoad\n";
  const addHints = (bundle: OutputBundle) => {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== "chunk" || chunk.code.startsWith(hint)) continue;
      chunk.code = hint + chunk.code;
      // One line more above the code: its source map starts one line further down.
      const map = bundle[`${chunk.fileName}.map`];
      if (map?.type === "asset" && typeof map.source === "string") {
        const parsed: { mappings: string } = JSON.parse(map.source);
        map.source = JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` });
      }
    }
  };
  return {
    name: "compile-hints",
    apply: "build",
    // The hint is added after the files' names are made: the names take it into account, so that
    // a file cached under a name from a build without it is not taken for the new one.
    augmentChunkHash: () => hint,
    configResolved(config) {
      const importAnalysis = config.plugins.find((p) => p.name === "vite:build-import-analysis");
      const hook = importAnalysis?.generateBundle;
      if (!importAnalysis || !hook)
        throw new Error("compile-hints: Vite's import analysis is gone");
      const handler = typeof hook === "function" ? hook : hook.handler;
      const withHints: typeof handler = async function (options, bundle, isWrite) {
        await handler.call(this, options, bundle, isWrite);
        addHints(bundle);
      };
      importAnalysis.generateBundle =
        typeof hook === "function" ? withHints : { ...hook, handler: withHints };
    },
  };
}

export default defineConfig({
  root: "client",
  // Brotli (quality 11) and gzip (level 9) copies beside every script, style and page, written
  // once at build time; server/static-assets.ts sends the one the browser accepts.
  // route-preloads.json: what each page's route loads, announced by the server in its page.
  plugins: [
    react(),
    plainTableScrollContainer(),
    lazyMantineDefaultVariables(),
    themeVariables(),
    deferAppStyles(),
    compileHints(),
    compression({ algorithms: ["brotliCompress", "gzip"] }),
    routePreloads(fileURLToPath(new URL("client/routes.tsx", import.meta.url))),
  ],
  resolve: {
    alias: [
      // react-router 7 maps every import to its development build, dev warnings and checks
      // included (remix-run/react-router#14102); the production build ships beside it.
      {
        find: /^react-router$/,
        replacement: fileURLToPath(
          new URL("node_modules/react-router/dist/production/index.mjs", import.meta.url),
        ),
      },
    ],
  },
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // What the first page runs ($initial: statically imported from main.tsx) is one group of
        // libraries, React and the router apart (large, on every page, rarely updated), so that
        // releases of the app leave them cached. Everything else loads with the page that needs it;
        // the charts and the form libraries are chunks of their own, shared by the pages using
        // them. Small chunks that several lazy pages share are copied into those pages rather than
        // fetched one by one: over HTTP/1.1 on a slow link a request costs more than a few KB.
        codeSplitting: {
          experimentalInlineCommonChunks: { maxSize: 64 * 1024, exclude: /\.css(\?|$)/ },
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
            { name: "vendor", test: /node_modules[\\/]/, tags: ["$initial"] },
            { name: "charts", test: /node_modules[\\/]recharts[\\/]/ },
            { name: "forms", test: /node_modules[\\/](zod|react-hook-form|@hookform)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(
      ["/trpc", "/healthz", "/files", "/exports"].map((path) => [path, "http://127.0.0.1:3000"]),
    ),
  },
});
