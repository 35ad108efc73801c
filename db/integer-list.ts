import { type RawBuilder, sql } from "kysely";

/** An integer as the text of a query; throws on anything else (nothing else may reach it). */
export function integerText(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not an integer`);
  return String(value);
}

/**
 * Integers written into a query's text, `1, 2, 3`, as one fragment: the agencies a viewer sees,
 * the agencies that ended. One raw node instead of a literal node per integer, which Kysely froze,
 * walked with the CamelCase plugin and compiled one by one in every query that held the list (a
 * national leader's lists hold a hundred agencies or more, several times a query; issue 12).
 */
export function integerList(values: readonly number[]): RawBuilder<unknown> {
  return sql.raw(values.map(integerText).join(", "));
}
