import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The rules of README "Decisions" and STYLE.md that a reviewer would otherwise have to remember:
 * layers flow shared → db → server, the browser imports only shared code and the router's type,
 * routers do not call each other, and client features use each other only through the files
 * listed below, without cycles. Each failure names the file and the import.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const AREAS = ["shared", "db", "server", "client"] as const;

/**
 * What a client feature offers the others; everything else in its folder is its own business.
 * Shared pieces go to client/ui/ instead.
 */
const PUBLIC: Record<string, readonly string[]> = {
  // The agencies in existence, for pages that name one without offering the picker.
  agency: ["agency-picker.tsx", "active-agencies.ts"],
  comment: ["comment-section.tsx"],
  evidence: ["evidence-field.tsx", "evidence-list.tsx"],
  extension: ["extension-section.tsx"],
  report: ["report-section.tsx", "completion-form.tsx", "period.ts"],
  // The leader's inbox shows the four cells.
  statistic: ["statistic-cells.tsx", "statistic-scope.ts"],
  task: ["task-tree.tsx", "task-card.tsx"],
  user: ["account-step-page.tsx"],
  // The overdue list, the inboxes and the task page urge and show the urges.
  urge: ["urge-dialog.tsx", "urge-section.tsx"],
};

/** Folders of client/ that are not features: the shared pieces and the texts. */
const NOT_FEATURES = new Set(["ui", "i18n"]);
/** The app shell's files at client/'s top level that anything may import. */
const SHELL_IMPORTABLE = new Set(["client/trpc.ts", "client/i18n.ts"]);

type Import = {
  /** The importing file, from the project root ("client/ui/app-layout.tsx"). */
  file: string;
  /** As written ("../auth/current-user.tsx"). */
  specifier: string;
  /** The imported file from the project root, or null for a package. */
  target: string | null;
  /** `import type`, `export type … from` or a type's `import("…")`: gone after compiling. */
  typeOnly: boolean;
  /** The names imported, when the import lists them. */
  names: string[];
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function allTypeOnly(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((element) => element.isTypeOnly);
}

/** Every import of a file: static, re-exports, dynamic `import()` and types' `import("…")`. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean, names: string[] = []) => {
    const target = specifier.startsWith(".")
      ? posix.normalize(posix.join(posix.dirname(file), specifier))
      : null;
    found.push({ file, specifier, target, typeOnly, names });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const elements = named && ts.isNamedImports(named) ? named.elements : undefined;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined && elements !== undefined && allTypeOnly(elements)));
      const names = [
        ...(clause?.name ? [clause.name.text] : []),
        ...(elements ?? []).map((element) => element.name.text),
        ...(named && ts.isNamespaceImport(named) ? ["*"] : []),
      ];
      add(node.moduleSpecifier.text, typeOnly, names);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clause = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (clause !== undefined && ts.isNamedExports(clause) && allTypeOnly(clause.elements));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const imports = AREAS.flatMap(sourceFiles).flatMap(importsOf);
const projectImports = imports.filter(
  (item): item is Import & { target: string } => item.target !== null,
);

function areaOf(path: string): string {
  return path.split("/")[0] ?? "";
}

/** A client feature's name, or null for the app shell, client/ui/ and client/i18n/. */
function featureOf(path: string): string | null {
  const parts = path.split("/");
  if (parts[0] !== "client" || parts.length < 3) return null;
  const folder = parts[1] ?? "";
  return NOT_FEATURES.has(folder) ? null : folder;
}

function describeImport(item: Import): string {
  return `${item.file} imports ${item.typeOnly ? "type " : ""}"${item.specifier}"`;
}

function violations(broken: (item: Import & { target: string }) => boolean): string[] {
  return projectImports.filter(broken).map(describeImport);
}

const isRouter = (path: string) => /^server\/routers\/[^/]+\.ts$/.test(path);

/** The feature → feature imports, with one import that makes each. */
function featureGraph(): Map<string, Map<string, Import>> {
  const graph = new Map<string, Map<string, Import>>();
  for (const item of projectImports) {
    const from = featureOf(item.file);
    const to = featureOf(item.target);
    if (from === null || to === null || from === to) continue;
    const edges = graph.get(from) ?? new Map<string, Import>();
    if (!edges.has(to)) edges.set(to, item);
    graph.set(from, edges);
  }
  return graph;
}

/** Every cycle of the graph once, as "a → b → a (the imports that make it)". */
function cycles(graph: Map<string, Map<string, Import>>): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const walk = (path: string[]) => {
    for (const next of graph.get(path.at(-1) ?? "")?.keys() ?? []) {
      const start = path.indexOf(next);
      if (start < 0) {
        walk([...path, next]);
        continue;
      }
      const loop = [...path.slice(start), next];
      // The same cycle, reached from another of its features, is said once.
      const key = loop.slice(1).toSorted().join(",");
      if (seen.has(key)) continue;
      seen.add(key);
      const because = loop.slice(1).map((to, index) => {
        const item = graph.get(loop[index] ?? "")?.get(to);
        return item ? describeImport(item) : "";
      });
      found.push(`${loop.join(" → ")} (${because.join("; ")})`);
    }
  };
  for (const feature of graph.keys()) walk([feature]);
  return found;
}

describe("the import rules", () => {
  it("reads the imports it judges: type-only ones, re-exports and dynamic import()", () => {
    expect(imports.length).toBeGreaterThan(300);
    expect(projectImports).toContainEqual(
      expect.objectContaining({
        file: "client/trpc.ts",
        target: "server/router.ts",
        typeOnly: true,
        names: ["AppRouter"],
      }),
    );
    expect(projectImports).toContainEqual(
      expect.objectContaining({
        file: "client/routes.tsx",
        target: "client/user/user-admin-page.tsx",
        typeOnly: false,
      }),
    );
  });

  it("shared/ imports nothing of the project outside shared/", () => {
    expect(
      violations((item) => areaOf(item.file) === "shared" && areaOf(item.target) !== "shared"),
    ).toEqual([]);
  });

  it("zod stays in shared/'s input modules: the others load it (or them) only as types", () => {
    // A page that needs a constant or a pure rule of shared/ would otherwise load zod with it.
    const isSchemaModule = (path: string) =>
      /^shared\/[a-z-]+-input\.ts$/.test(path) || path === "shared/validation.ts";
    const broken = imports
      .filter(
        (item) =>
          areaOf(item.file) === "shared" &&
          !isSchemaModule(item.file) &&
          !item.typeOnly &&
          (item.specifier === "zod" || (item.target !== null && isSchemaModule(item.target))),
      )
      .map(describeImport);
    expect(broken).toEqual([]);
    expect(imports).toContainEqual(
      expect.objectContaining({ file: "shared/task-input.ts", specifier: "zod", typeOnly: false }),
    );
  });

  it("db/ imports only shared/ and db/ (never server/ or client/)", () => {
    expect(
      violations(
        (item) => areaOf(item.file) === "db" && !["shared", "db"].includes(areaOf(item.target)),
      ),
    ).toEqual([]);
  });

  it("server/ does not import client/", () => {
    expect(
      violations((item) => areaOf(item.file) === "server" && areaOf(item.target) === "client"),
    ).toEqual([]);
  });

  it("the client imports shared/ and, of the server, only the router's type", () => {
    const allowed = (item: Import & { target: string }) =>
      ["client", "shared"].includes(areaOf(item.target)) ||
      (item.target === "server/router.ts" &&
        item.typeOnly &&
        item.names.every((name) => name === "AppRouter"));
    expect(violations((item) => areaOf(item.file) === "client" && !allowed(item))).toEqual([]);
  });

  it("a router does not import another router (shared logic lives in server/domain/ or db/)", () => {
    expect(violations((item) => isRouter(item.file) && isRouter(item.target))).toEqual([]);
  });

  it("client/ui/ and client/i18n/ import no feature", () => {
    expect(
      violations(
        (item) => /^client\/(ui|i18n)\//.test(item.file) && featureOf(item.target) !== null,
      ),
    ).toEqual([]);
  });

  it("of the app shell, features and ui/ import only trpc.ts and i18n.ts", () => {
    expect(
      violations(
        (item) =>
          /^client\/[^/]+\//.test(item.file) &&
          /^client\/[^/]+$/.test(item.target) &&
          !SHELL_IMPORTABLE.has(item.target),
      ),
    ).toEqual([]);
  });

  it("a feature uses another feature only through its public files", () => {
    expect(
      violations((item) => {
        const from = featureOf(item.file);
        const to = featureOf(item.target);
        if (from === null || to === null || from === to) return false;
        const file = item.target.split("/").slice(2).join("/");
        return !(PUBLIC[to] ?? []).includes(file);
      }),
    ).toEqual([]);
  });

  it("lists only public files that exist", () => {
    const missing = Object.entries(PUBLIC).flatMap(([feature, files]) =>
      files
        .map((file) => `client/${feature}/${file}`)
        .filter((path) => !existsSync(join(ROOT, path))),
    );
    expect(missing).toEqual([]);
  });

  it("the client features import each other without cycles", () => {
    expect(cycles(featureGraph())).toEqual([]);
  });
});
