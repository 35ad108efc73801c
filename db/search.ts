import { type Expression, type SqlBool, sql } from "kysely";
import { foldText } from "../shared/text.ts";

/** Escapes LIKE wildcards so that a user's "%" or "_" is searched for literally. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Every word of the query, folded (no diacritics, đ → d), must occur in the row's folded search
 * text column (e.g. "task.searchText"). Returns null for an empty query. Standard LIKE ... ESCAPE.
 */
export function matchesSearch(column: string, query: string): Expression<SqlBool> | null {
  const words = foldText(query).split(" ").filter(Boolean);
  if (words.length === 0) return null;
  const conditions = words.map(
    (word) => sql<SqlBool>`${sql.ref(column)} LIKE ${likePattern(word)} ESCAPE '\\'`,
  );
  return sql<SqlBool>`(${sql.join(conditions, sql` AND `)})`;
}
