/**
 * The kept statistics of the generated dataset (migration 0008) computed in memory while the
 * bulk writer makes the states, instead of the migration's fill (a GROUP BY over every event of
 * every state, most of the bulk run's time at a million tasks). The same definition as the view
 * stat_state_event, in day numbers: tests/api/dataset.test.ts checks that the rows equal those
 * the triggers keep on the product's write path.
 */
import type SQLite from "better-sqlite3";
import { KEPT_COUNTS } from "../db/migrations/0008-kept-counts.ts";
import type { IsoDate } from "../shared/date.ts";
import type { DeadlineKind } from "../shared/deadline.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { DUE_SOON_DAYS } from "../shared/timeliness.ts";
import { batched } from "./batched-insert.ts";

/** A task state as the kept counts see it. */
export type KeptState = {
  validFrom: string;
  validTo: string | null;
  trackingAgencyId: number;
  leadAgencyId: number;
  successorAgencyId: number | null;
  assignerAgencyId: number | null;
  coordinatorAgencyIds: readonly number[];
  top: 0 | 1;
  isKey: 0 | 1;
  status: TaskStatus;
  doneOn: IsoDate | null;
  deadlineKind: DeadlineKind;
  dueOn: IsoDate | null;
  originalDueOn: IsoDate | null;
};

const DAY = 86_400_000;
/** date(instant, '+7 hours'): the Vietnamese day of an instant. */
const SHIFT = 7 * 3_600_000;
const WIDTH = KEPT_COUNTS.length;
const index = (column: (typeof KEPT_COUNTS)[number]) => KEPT_COUNTS.indexOf(column);
const COMPLETED_ON_TIME = index("completed_on_time");
const COMPLETED_LATE = index("completed_late");
const IN_DEADLINE = index("in_deadline");
const DUE_SOON = index("due_soon");
const OVERDUE_OPEN = index("overdue_open");
const OVERDUE_REPORTED = index("overdue_reported");
const NO_DEADLINE = index("no_deadline");
const CONTINUING = index("continuing");
const AWAITING = index("awaiting");
const CANCELLED = index("cancelled");
const REPORTED_LATE_DAYS = index("reported_late_days");
const OPEN_DUE_DAYS = index("open_due_days");
const BASES = ["in_force", "original"] as const;
/** Day numbers are offset so that a cell's key is a non-negative number. */
const DAY_OFFSET = 2 ** 20;

/** The collector: add each state (and the states written before), then write the rows. */
export function keptCounts() {
  const dayNumbers = new Map<string, number>();
  const dayNumber = (date: IsoDate) => {
    let n = dayNumbers.get(date);
    if (n === undefined) {
      n =
        Date.UTC(
          Number(date.slice(0, 4)),
          Number(date.slice(5, 7)) - 1,
          Number(date.slice(8, 10)),
        ) / DAY;
      dayNumbers.set(date, n);
    }
    return n;
  };
  const vnDay = (instant: string) =>
    // An instant as toISOString writes it: its date, a day later from 17:00 UTC on.
    instant.length === 24 && instant.endsWith("Z")
      ? dayNumber(instant.slice(0, 10)) + (instant.slice(11, 13) >= "17" ? 1 : 0)
      : Math.floor((Date.parse(instant) + SHIFT) / DAY);
  /** Buckets (tracking, lead, successor, top, key) by first appearance. */
  const buckets = new Map<number | string, number>();
  const bucketKeys: number[][] = [];
  const bucketOf = (keys: number[]) => {
    const [tracking = 0, lead = 0, successor = 0, top = 0, isKey = 0] = keys;
    // A number when the ids are small (agencies: a few hundred), faster than text.
    const key =
      tracking < 65_536 && lead < 65_536 && successor < 65_536
        ? ((tracking * 65_536 + lead) * 65_536 + successor) * 4 + top * 2 + isKey
        : keys.join(",");
    let b = buckets.get(key);
    if (b === undefined) {
      b = bucketKeys.length;
      buckets.set(key, b);
      bucketKeys.push(keys);
    }
    return b;
  };
  /**
   * Cells by (basis, day), then by bucket in a typed array: 1 + the cell's number (0: none yet).
   * A cell's counts are at WIDTH × its number in `sums`.
   */
  const cells = new Map<number, Int32Array>();
  let cellCount = 0;
  let sums = new Float64Array(WIDTH * 1024);
  const cellOf = (basis: number, day: number, bucket: number) =>
    cellAt(basis * 2 * DAY_OFFSET + day + DAY_OFFSET, bucket);
  const cellAt = (dayKey: number, bucket: number) => {
    let row = cells.get(dayKey);
    if (row === undefined || bucket >= row.length) {
      const larger = new Int32Array(Math.max(64, 2 * (bucket + 1)));
      if (row !== undefined) larger.set(row);
      row = larger;
      cells.set(dayKey, row);
    }
    const cell = row[bucket] ?? 0;
    if (cell !== 0) return (cell - 1) * WIDTH;
    const at = cellCount * WIDTH;
    cellCount += 1;
    if (at + WIDTH > sums.length) {
      const larger = new Float64Array(sums.length * 2);
      larger.set(sums);
      sums = larger;
    }
    row[bucket] = cellCount;
    return at;
  };
  const vector = new Float64Array(WIDTH);
  /** +vector at `start`, −vector at `stop` (null: open-ended), when the segment has days. */
  const segment = (basis: number, bucket: number, start: number, stop: number | null) => {
    if (stop === null || start < stop) {
      const at = cellOf(basis, start, bucket);
      for (let i = 0; i < WIDTH; i++) sums[at + i] = (sums[at + i] ?? 0) + (vector[i] ?? 0);
    }
    if (stop !== null && start < stop) {
      const at = cellOf(basis, stop, bucket);
      for (let i = 0; i < WIDTH; i++) sums[at + i] = (sums[at + i] ?? 0) - (vector[i] ?? 0);
    }
  };
  const reach = new Set<number | string>();
  const reachRows: [string, number, number, number][] = [];
  const reached = (via: string, agencyId: number, tracking: number, lead: number) => {
    // A number when the ids are small (agencies: a few hundred), faster than text.
    const key =
      agencyId < 65_536 && tracking < 65_536 && lead < 65_536
        ? ((via === "assigner" ? 0 : 65_536) + agencyId) * 2 ** 32 + tracking * 65_536 + lead
        : `${via},${agencyId},${tracking},${lead}`;
    if (!reach.has(key)) {
      reach.add(key);
      reachRows.push([via, agencyId, tracking, lead]);
    }
  };

  function add(state: KeptState): void {
    const a = vnDay(state.validFrom);
    const z = state.validTo === null ? null : vnDay(state.validTo);
    const bucket = bucketOf([
      state.trackingAgencyId,
      state.leadAgencyId,
      state.successorAgencyId ?? 0,
      state.top,
      state.isKey,
    ]);
    const { status } = state;
    const doneOn = state.doneOn === null ? null : dayNumber(state.doneOn);
    for (let basis = 0; basis < BASES.length; basis++) {
      const dueText = basis === 0 ? state.dueOn : state.originalDueOn;
      const due = dueText === null ? null : dayNumber(dueText);
      vector.fill(0);
      if ((status === "not_started" || status === "in_progress") && due !== null) {
        const soonFrom = due - DUE_SOON_DAYS;
        const lateFrom = due + 1;
        const earlier = (y: number) => (z === null || z > y ? y : z);
        const later = (y: number) => Math.max(a, y);
        vector[IN_DEADLINE] = 1;
        segment(basis, bucket, a, earlier(soonFrom));
        vector[IN_DEADLINE] = 0;
        vector[DUE_SOON] = 1;
        segment(basis, bucket, later(soonFrom), earlier(lateFrom));
        vector[DUE_SOON] = 0;
        vector[OVERDUE_OPEN] = 1;
        vector[OPEN_DUE_DAYS] = due;
        segment(basis, bucket, later(lateFrom), z);
        continue;
      }
      // Comparisons with a null done_on are false, as in SQL.
      if (status === "completed") {
        if (due === null || (doneOn !== null && doneOn <= due)) vector[COMPLETED_ON_TIME] = 1;
        if (due !== null && doneOn !== null && doneOn > due) vector[COMPLETED_LATE] = 1;
      }
      if (status === "reported_done") {
        vector[AWAITING] = 1;
        if (due !== null && doneOn !== null && due >= doneOn) vector[IN_DEADLINE] = 1;
        if (due !== null && doneOn !== null && due < doneOn) {
          vector[OVERDUE_REPORTED] = 1;
          vector[REPORTED_LATE_DAYS] = doneOn - due;
        }
      }
      const open =
        status === "not_started" || status === "in_progress" || status === "reported_done";
      if (open && due === null) {
        vector[NO_DEADLINE] = 1;
        if (state.deadlineKind === "continuing") vector[CONTINUING] = 1;
      }
      if (status === "cancelled") vector[CANCELLED] = 1;
      segment(basis, bucket, a, z);
    }
    if (state.assignerAgencyId !== null) {
      reached("assigner", state.assignerAgencyId, state.trackingAgencyId, state.leadAgencyId);
    }
    for (const agencyId of state.coordinatorAgencyIds) {
      reached("coordinator", agencyId, state.trackingAgencyId, state.leadAgencyId);
    }
  }

  /** Writes stat_day and stat_reach (empty before) in primary-key order. */
  function write(sqlite: SQLite.Database): void {
    const order = bucketKeys.map((_, b) => b);
    order.sort((x, y) => {
      const p = bucketKeys[x] ?? [];
      const q = bucketKeys[y] ?? [];
      for (let i = 0; i < p.length; i++) {
        const d = (p[i] ?? 0) - (q[i] ?? 0);
        if (d !== 0) return d;
      }
      return 0;
    });
    const days = new Map<number, string>();
    const dayText = (day: number) => {
      let text = days.get(day);
      if (text === undefined) {
        text = new Date(day * DAY).toISOString().slice(0, 10);
        days.set(day, text);
      }
      return text;
    };
    const insertDay = batched(
      sqlite,
      `INSERT INTO stat_day (basis, day, tracking_agency_id, lead_agency_id, successor_agency_id,
        top, is_key, ${KEPT_COUNTS.join(", ")})`,
      `(${Array(7 + WIDTH)
        .fill("?")
        .join(", ")})`,
    );
    const values: (string | number)[] = Array(7 + WIDTH).fill(0);
    for (const dayKey of [...cells.keys()].sort((x, y) => x - y)) {
      const basis = Math.floor(dayKey / (2 * DAY_OFFSET));
      values[0] = BASES[basis] ?? "in_force";
      values[1] = dayText(dayKey - basis * 2 * DAY_OFFSET - DAY_OFFSET);
      const row = cells.get(dayKey) ?? new Int32Array(0);
      for (const bucket of order) {
        const cell = row[bucket] ?? 0;
        if (cell === 0) continue;
        const at = (cell - 1) * WIDTH;
        const keys = bucketKeys[bucket] ?? [];
        for (let i = 0; i < 5; i++) values[2 + i] = keys[i] ?? 0;
        for (let i = 0; i < WIDTH; i++) values[7 + i] = sums[at + i] ?? 0;
        insertDay.run(...values);
      }
    }
    reachRows.sort((p, q) =>
      p[0] !== q[0] ? (p[0] < q[0] ? -1 : 1) : p[1] - q[1] || p[2] - q[2] || p[3] - q[3],
    );
    insertDay.flush();
    const insertReach = batched(
      sqlite,
      "INSERT INTO stat_reach (via, agency_id, tracking_agency_id, lead_agency_id)",
      "(?, ?, ?, ?)",
    );
    for (const row of reachRows) insertReach.run(...row);
    insertReach.flush();
  }

  /** The counts as plain data, to add to another collector's (on another thread). */
  function snapshot(): KeptSnapshot {
    return { bucketKeys, cells, sums: sums.subarray(0, cellCount * WIDTH), reachRows };
  }

  /** Adds the counts of another collector (its snapshot). */
  function merge(other: KeptSnapshot): void {
    const buckets = other.bucketKeys.map(bucketOf);
    for (const [dayKey, row] of other.cells) {
      row.forEach((cell, bucket) => {
        if (cell === 0) return;
        const at = cellAt(dayKey, buckets[bucket] ?? 0);
        const from = (cell - 1) * WIDTH;
        for (let i = 0; i < WIDTH; i++)
          sums[at + i] = (sums[at + i] ?? 0) + (other.sums[from + i] ?? 0);
      });
    }
    for (const [via, agencyId, tracking, lead] of other.reachRows) {
      reached(via, agencyId, tracking, lead);
    }
  }

  return { add, write, snapshot, merge };
}

/** A collector's counts as plain data (structured-cloneable: it goes between threads). */
export type KeptSnapshot = {
  bucketKeys: number[][];
  cells: Map<number, Int32Array>;
  sums: Float64Array<ArrayBuffer>;
  reachRows: [string, number, number, number][];
};

export type KeptCollector = ReturnType<typeof keptCounts>;

/** The states already in the database (the demo's), as the kept counts see them. */
export function writtenStates(sqlite: SQLite.Database): KeptState[] {
  const coordinators = new Map<number, number[]>();
  for (const row of sqlite
    .prepare("SELECT state_id, agency_id FROM task_state_coordinator ORDER BY state_id, agency_id")
    .raw()
    .iterate() as Iterable<[number, number]>) {
    const list = coordinators.get(row[0]) ?? [];
    list.push(row[1]);
    coordinators.set(row[0], list);
  }
  const states = sqlite
    .prepare(
      `SELECT s.id, s.valid_from AS validFrom, s.valid_to AS validTo,
           d.tracking_agency_id AS trackingAgencyId, s.lead_agency_id AS leadAgencyId,
           s.successor_agency_id AS successorAgencyId, s.assigner_agency_id AS assignerAgencyId,
           CASE WHEN s.parent_id IS NULL THEN 1 ELSE 0 END AS top, s.is_key AS isKey, s.status,
           s.done_on AS doneOn, s.deadline_kind AS deadlineKind, s.due_on AS dueOn,
           s.original_due_on AS originalDueOn
         FROM task_state s INNER JOIN directive d ON d.id = s.directive_id`,
    )
    .all() as (Omit<KeptState, "coordinatorAgencyIds"> & { id: number })[];
  return states.map(({ id, ...state }) => ({
    ...state,
    coordinatorAgencyIds: coordinators.get(id) ?? [],
  }));
}
