/**
 * A Vite plugin that writes `route-preloads.json` beside the built index.html: for each page of
 * client/routes.tsx, its URL pattern and the files its lazy route loads (its chunk, the chunks
 * that chunk imports and their styles) that index.html does not already load. The server puts
 * them in the page it sends for that URL (server/static-assets.ts), so that a browser fetches
 * the page's own code together with the app's instead of one round trip after it.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";
import type { Plugin } from "vite";

/** A page's URL pattern ("/tasks/:id") and what to preload for it, paths from the site root. */
export type RoutePreload = { path: string; scripts: string[]; styles: string[] };

export const ROUTE_PRELOADS_FILE = "route-preloads.json";

type LazyRoute = { path: string; module: string };

function property(node: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const member of node.properties) {
    if (ts.isPropertyAssignment(member) && member.name.getText() === name) {
      return member.initializer;
    }
  }
  return undefined;
}

/** The first `import("…")` inside a node: what a route's `lazy` loads. */
function firstImport(node: ts.Node): string | undefined {
  if (
    ts.isCallExpression(node) &&
    node.expression.kind === ts.SyntaxKind.ImportKeyword &&
    node.arguments[0] &&
    ts.isStringLiteral(node.arguments[0])
  ) {
    return node.arguments[0].text;
  }
  return ts.forEachChild(node, firstImport);
}

function joinPath(parent: string, path: string): string {
  if (path.startsWith("/")) return path;
  return `${parent.replace(/\/$/, "")}/${path}`;
}

/**
 * The lazy routes of a React Router route table (client/routes.tsx): each route object with a
 * `path` (or `index: true`) and a `lazy` that imports a module, nested `children` included.
 */
export function lazyRoutes(file: string): LazyRoute[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: LazyRoute[] = [];
  const visit = (node: ts.Node, parent: string) => {
    if (!ts.isObjectLiteralExpression(node)) {
      ts.forEachChild(node, (child) => visit(child, parent));
      return;
    }
    const path = property(node, "path");
    const own = path && ts.isStringLiteral(path) ? joinPath(parent, path.text) : parent;
    const index = property(node, "index")?.kind === ts.SyntaxKind.TrueKeyword;
    const lazy = property(node, "lazy");
    const specifier = lazy && firstImport(lazy);
    if (specifier && (path || index)) {
      found.push({ path: own, module: resolve(dirname(file), specifier) });
    }
    const children = property(node, "children");
    if (children) visit(children, own);
  };
  visit(source, "/");
  return found;
}

/** Writes `route-preloads.json` for the routes of `routesFile` (see the file's comment). */
export function routePreloads(routesFile: string): Plugin {
  return {
    name: "dondoc-route-preloads",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((output) =>
        output.type === "chunk" ? [output] : [],
      );
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const entry = chunks.find((chunk) => chunk.isEntry);
      if (!entry) return;
      // What index.html loads already: the entry and everything it imports.
      const loaded = new Set([entry.fileName, ...entry.imports]);
      const preloads: RoutePreload[] = [];
      for (const route of lazyRoutes(routesFile)) {
        const page = chunks.find((chunk) => chunk.facadeModuleId === route.module);
        if (!page) {
          this.error(`${route.path}: no chunk for ${route.module}`);
        }
        const scripts: string[] = [];
        const styles = new Set<string>();
        const add = (fileName: string) => {
          if (loaded.has(fileName) || scripts.includes(fileName)) return;
          scripts.push(fileName);
          const chunk = byFile.get(fileName);
          for (const css of chunk?.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of chunk?.imports ?? []) add(imported);
        };
        add(page.fileName);
        preloads.push({
          path: route.path,
          scripts: scripts.map((file) => `/${file}`),
          styles: [...styles].map((file) => `/${file}`),
        });
      }
      this.emitFile({
        type: "asset",
        fileName: ROUTE_PRELOADS_FILE,
        source: `${JSON.stringify(preloads, null, 2)}\n`,
      });
    },
  };
}
