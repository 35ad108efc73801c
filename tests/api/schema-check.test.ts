import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../db/open.ts";
import { AGENCY_KINDS } from "../../shared/agency.ts";
import { CALENDAR_DAY_KINDS } from "../../shared/calendar.ts";
import { DEADLINE_KINDS } from "../../shared/deadline.ts";
import { DIRECTIVE_TYPES } from "../../shared/directive.ts";
import { EXTENSION_STATUSES } from "../../shared/extension.ts";
import { INBOX_SEEN_KINDS } from "../../shared/inbox.ts";
import { REPORT_AGENCY_ROLES, REPORT_DUTY_KINDS, REPORT_KINDS } from "../../shared/report.ts";
import { TASK_EVENT_KINDS } from "../../shared/task-event.ts";
import { TASK_STATUSES } from "../../shared/task-status.ts";
import { DIGEST_MODES, NOTIFICATION_KINDS } from "../../shared/urge.ts";
import { ROLES } from "../../shared/user.ts";

/** 0/1 integer columns standing for booleans. */
const FLAG = [0, 1];

/** Every column with a CHECK (column IN (…)) list, and the shared list it must equal. */
const ENUMERATIONS: Record<string, readonly (string | number)[]> = {
  "agency.kind": AGENCY_KINDS,
  "app_user.role": ROLES,
  "app_user.is_active": FLAG,
  "app_user.must_change_password": FLAG,
  "directive.type": DIRECTIVE_TYPES,
  "directive.is_demo": FLAG,
  "task.is_key": FLAG,
  "task.status": TASK_STATUSES,
  "task.is_demo": FLAG,
  "task_state.is_key": FLAG,
  "task_state.status": TASK_STATUSES,
  "task_event.kind": TASK_EVENT_KINDS,
  "task_report_duty.kind": REPORT_DUTY_KINDS,
  "task_report.kind": REPORT_KINDS,
  "task_report.agency_role": REPORT_AGENCY_ROLES,
  "task_extension.status": EXTENSION_STATUSES,
  "inbox_seen.kind": INBOX_SEEN_KINDS,
  "calendar_day.kind": CALENDAR_DAY_KINDS,
  "task.deadline_kind": DEADLINE_KINDS,
  "task_state.deadline_kind": DEADLINE_KINDS,
  "notification.kind": NOTIFICATION_KINDS,
  "app_user.digest_mode": DIGEST_MODES,
};

/** The values of an SQL list: quoted strings and integers. */
function values(list: string): (string | number)[] {
  return [...list.matchAll(/'([^']*)'|(-?\d+)/g)].map(([, text, number]) =>
    text !== undefined ? text : Number(number),
  );
}

function sorted(list: readonly (string | number)[]): string[] {
  return list.map(String).sort();
}

type SchemaObject = { kind: string; name: string; owner: string; definition: string };

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** The definitions of a freshly migrated database: tables, indexes and triggers. */
async function schema(): Promise<SchemaObject[]> {
  db = await openDb(":memory:");
  const { rows } = await sql<SchemaObject>`SELECT type AS kind, name, tbl_name AS owner,
    sql AS definition FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name`.execute(db);
  return rows;
}

describe("the database's CHECK lists", () => {
  it("are the shared enumerations, for every column that has one", async () => {
    const found: Record<string, string[]> = {};
    for (const { kind, owner, definition } of await schema()) {
      if (kind !== "table") continue;
      for (const [, column, list = ""] of definition.matchAll(/CHECK \((\w+) IN \(([^()]*)\)\)/g)) {
        found[`${owner}.${column}`] = sorted(values(list));
      }
    }
    const expected = Object.fromEntries(
      Object.entries(ENUMERATIONS).map(([column, list]) => [column, sorted(list)]),
    );
    expect(found).toEqual(expected);
  });

  it("and every value the schema compares such a column with is in its enumeration", async () => {
    const strays: string[] = [];
    let compared = 0;
    for (const { kind, name, owner, definition } of await schema()) {
      // The views of migration 0008 compare the columns of the task states they read.
      const table = kind === "view" ? "task_state" : owner;
      const comparisons = [
        ...definition.matchAll(/(?:\w+\.)?(\w+) IN \(([^()]*)\)/g),
        ...definition.matchAll(/(?:\w+\.)?(\w+) (?:=|<>) ('[^']*')/g),
      ];
      for (const [, column, list = ""] of comparisons) {
        const allowed = new Set(sorted(ENUMERATIONS[`${table}.${column}`] ?? []));
        for (const value of sorted(values(list))) {
          compared += 1;
          if (!allowed.has(value)) strays.push(`${name}: ${table}.${column} ${value}`);
        }
      }
    }
    expect(strays).toEqual([]);
    // The column CHECKs, the done statuses, the partial indexes and the triggers' conditions.
    expect(compared).toBeGreaterThan(60);
  });
});
