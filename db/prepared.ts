import { type Compilable, type CompiledQuery, createQueryId, type QueryResult } from "kysely";
import type { Db } from "./open.ts";

/** Stands for a value in a query built once (preparedQuery). */
class Placeholder {
  constructor(readonly name: string) {}
}

/**
 * A query of a fixed shape that Kysely builds and compiles once, then runs again with new values
 * (issue 12: a status change runs about ten queries, and building each through Kysely's builder
 * and the CamelCase plugin cost the server more than SQLite took to run it).
 *
 * `build` gets placeholders for `params`: each must reach the query as a bound value (a `where`
 * value, an inserted or set value, `eb.val`), never as an `in` list, a column or a raw fragment;
 * the first run checks that every placeholder became a parameter. The compiled SQL is shared by
 * every connection: all of them have the same dialect and plugins (db/open.ts), and the rows are
 * still mapped by the plugins of the connection that runs the query; a plugin added later with
 * `withPlugin` (a test's query recorder) sees the query's tree only at its first build.
 */
export function preparedQuery<P extends Record<string, unknown>, O>(
  build: (db: Db, params: P) => Compilable<O>,
): (db: Db, params: P) => Promise<QueryResult<O>> {
  let prepared: { query: CompiledQuery<O>; names: (string | null)[] } | undefined;
  return async (db, params) => {
    if (!prepared) {
      const used = new Set<string>();
      const placeholders = new Proxy(
        {},
        {
          get: (_, name) => {
            used.add(String(name));
            return new Placeholder(String(name));
          },
        },
      ) as P;
      const query = build(db, placeholders).compile();
      const names = query.parameters.map((value) =>
        value instanceof Placeholder ? value.name : null,
      );
      const missing = [...used].filter((name) => !names.includes(name));
      if (missing.length > 0) {
        throw new Error(`preparedQuery: ${missing.join(", ")} did not become parameters`);
      }
      prepared = { query, names };
    }
    const { query, names } = prepared;
    const parameters = names.map((name, i) => (name === null ? query.parameters[i] : params[name]));
    return db.executeQuery<O>({ ...query, parameters, queryId: createQueryId() });
  };
}
