import { type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from "kysely";

type SqliteDialectConfig = ConstructorParameters<typeof SqliteDialect>[0];

/**
 * Holds the connection's new work for a moment: what is under way finishes, what comes meanwhile
 * waits (the event loop stays free) and then goes on in order. The server holds it while the WAL
 * is copied into the database file from another thread, so that its next write can start the WAL
 * again from the beginning without ever checkpointing on the server's thread
 * (server/wal-keeper.ts, issue 12).
 */
export class ConnectionGate {
  #driver: GatedSqliteDriver | null = null;
  #closed: Promise<void> | null = null;

  /** Resolves when new work may start; null while it may. */
  get closed(): Promise<void> | null {
    return this.#closed;
  }

  /** The driver whose connection it holds (one gate, one connection). */
  attach(driver: GatedSqliteDriver): void {
    if (this.#driver && this.#driver !== driver) throw new Error("ConnectionGate: one connection");
    this.#driver = driver;
  }

  /** Runs `work` once the connection is idle, nothing else starting on it until `work` ends. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    while (this.#closed) await this.#closed;
    let open = () => {};
    this.#closed = new Promise<void>((resolve) => {
      open = resolve;
    });
    try {
      const driver = this.#driver;
      if (!driver) return await work();
      await driver.acquireThroughGate();
      try {
        return await work();
      } finally {
        await driver.releaseConnection();
      }
    } finally {
      this.#closed = null;
      open();
    }
  }
}

/** Kysely's SQLite driver, whose connection waits at the gate before any new work. */
class GatedSqliteDriver extends SqliteDriver {
  readonly #gate: ConnectionGate;

  constructor(config: SqliteDialectConfig, gate: ConnectionGate) {
    super(config);
    this.#gate = gate;
    gate.attach(this);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    let closed = this.#gate.closed;
    while (closed) {
      await closed;
      closed = this.#gate.closed;
    }
    return super.acquireConnection();
  }

  /** The gate's own way in, while it is closed. */
  acquireThroughGate(): Promise<DatabaseConnection> {
    return super.acquireConnection();
  }
}

/** Kysely's SQLite dialect with the connection behind `gate`. */
export class GatedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #gate: ConnectionGate;

  constructor(config: SqliteDialectConfig, gate: ConnectionGate) {
    super(config);
    this.#config = config;
    this.#gate = gate;
  }

  override createDriver(): Driver {
    return new GatedSqliteDriver(this.#config, this.#gate);
  }
}
