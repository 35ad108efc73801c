import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, type Migration, Migrator, SqliteDialect } from "kysely";
import { type ConnectionGate, GatedSqliteDialect } from "./connection-gate.ts";
import * as initial from "./migrations/0001-initial.ts";
import * as taskState from "./migrations/0002-task-state.ts";
import * as reporting from "./migrations/0003-reporting.ts";
import * as counting from "./migrations/0004-counting.ts";
import * as calendar from "./migrations/0004b-calendar.ts";
import * as inbox from "./migrations/0005-inbox.ts";
import * as trust from "./migrations/0006-trust.ts";
import * as scale from "./migrations/0007-scale.ts";
import * as urge from "./migrations/0007-urge.ts";
import * as keptCounts from "./migrations/0008-kept-counts.ts";
import * as durability from "./migrations/0009-durability.ts";
import * as walSync from "./migrations/0010-wal-sync.ts";
import * as inboxScale from "./migrations/0011-inbox-scale.ts";
import * as keptCountsToday from "./migrations/0012-kept-counts-today.ts";
import * as openDueReport from "./migrations/0013-open-due-report.ts";
import * as stateReach from "./migrations/0014-state-reach.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

/** How many prepared statements a connection keeps (the most recently used). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely's SQLite dialect sees it, with its prepared statements kept by SQL
 * text: Kysely prepares every query it runs, and preparing a write to task_state compiles its
 * triggers (the kept statistics, migration 0008), about 4 ms each time. A statement is reused
 * only after its previous run finished (Kysely runs one query at a time per connection).
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

/** Forward-only, numbered; the same list runs in development, tests and production. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-task-state": taskState,
  "0003-reporting": reporting,
  "0004-counting": counting,
  "0004b-calendar": calendar,
  "0005-inbox": inbox,
  "0006-trust": trust,
  "0007-scale": scale,
  "0007-urge": urge,
  "0008-kept-counts": keptCounts,
  "0009-durability": durability,
  "0010-wal-sync": walSync,
  "0011-inbox-scale": inboxScale,
  "0012-kept-counts-today": keptCountsToday,
  "0013-open-due-report": openDueReport,
  "0014-state-reach": stateReach,
};

/**
 * Opens (creating if needed) the SQLite file at `path`, sets the pragmas and applies pending
 * migrations. ":memory:" gives a private in-memory database.
 */
export async function openDb(
  path: string,
  options: {
    /**
     * NORMAL: commits do not wait for the disk; the server then acknowledges a change only after
     * a synchronising commit (server/durability.ts: group commit). FULL (the default): each
     * commit waits for the disk.
     */
    synchronous?: "FULL" | "NORMAL";
    /** Lets the server hold the connection's new work for a moment (server/wal-keeper.ts). */
    gate?: ConnectionGate;
  } = {},
): Promise<Db> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`synchronous = ${options.synchronous === "NORMAL" ? "NORMAL" : "FULL"}`);
  sqlite.pragma("busy_timeout = 5000");
  // 16 MB of page cache (SQLite's default is 2 MB): a change touches the task's row, its states,
  // its history and the kept statistics' buckets, each in its own index. No memory map: its pages
  // count in the server's resident memory (issue 12: under 250 MB) and the long reads run on the
  // reader thread, with a cache of its own.
  sqlite.pragma("cache_size = -16384");
  const config = { database: withStatementCache(sqlite) };
  const base = new Kysely<Database>({
    dialect: options.gate
      ? new GatedSqliteDialect(config, options.gate)
      : new SqliteDialect(config),
  });
  const migrator = new Migrator({
    db: base,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    await base.destroy();
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
  // The query planner's statistics (which index serves the overdue list, say): at each start,
  // SQLite analyses again only the tables that have grown or shrunk a lot since (migration 0007
  // analysed them all once), so a start usually costs nothing.
  sqlite.pragma("optimize = 0x10002");
  return base.withPlugin(new CamelCasePlugin());
}

/**
 * A read-only connection to an existing, migrated database file, for a reader thread
 * (server/read-worker.ts): WAL lets it read a consistent snapshot while the server writes.
 */
export function openReadOnlyDb(path: string): Db {
  const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  // Pages through SQLite's own cache (8 MB) rather than a second memory map of the file: mapped
  // pages count in the process's resident memory once per mapping (issue 12: under 250 MB).
  sqlite.pragma("cache_size = -8192");
  return dbOver(sqlite);
}

/**
 * The app's query builder over a connection already open and set up by its caller (a reader
 * thread's, a generator's scratch file): closed with it by `destroy()`. No migration.
 */
export function dbOver(sqlite: SQLite.Database): Db {
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * Checkpoints on a connection of their own, for a thread other than the server's: each call
 * copies what it can of the WAL into the database file (PASSIVE: writers and readers go on) and
 * says how far it got. The server's connection then checkpoints only when its WAL grows very
 * large (server/main.ts); SQLite's default, a checkpoint inside the commit that passes 1,000
 * pages, made one change in 25 wait for a copy and two disk flushes (3.5 ms a change on average
 * at a million tasks, issue 12).
 */
export function walCheckpointer(path: string): () => { walPages: number; copiedPages: number } {
  const sqlite = new SQLite(path, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -2048");
  return () => {
    const [row] = sqlite.pragma("wal_checkpoint(PASSIVE)") as {
      log: number;
      checkpointed: number;
    }[];
    return { walPages: row?.log ?? 0, copiedPages: row?.checkpointed ?? 0 };
  };
}
