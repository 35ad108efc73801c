import { useSearchParams } from "react-router";

/** What a filter may be set to; null, undefined, "" and false take it out of the URL. */
export type UrlChanges = Record<string, string | number | boolean | null | undefined>;

/**
 * The query string after changing filters: the others kept, empty ones left out, and back to
 * page 1 unless the change is the page.
 */
export function nextParams(previous: URLSearchParams, changes: UrlChanges): URLSearchParams {
  const next = new URLSearchParams(previous);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "" || value === false) {
      next.delete(name);
    } else {
      next.set(name, String(value));
    }
  }
  if (!("page" in changes)) next.delete("page");
  return next;
}

/**
 * Filters live in the URL query string so a view can be bookmarked and shared. Changing a filter
 * goes back to page 1; `replace` changes the current history entry instead of adding one (words
 * searched as they are typed).
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const update = (changes: UrlChanges, options: { replace?: boolean } = {}) => {
    setParams((previous) => nextParams(previous, changes), { replace: options.replace ?? false });
  };
  return { params, update };
}

/** A positive whole number from the query string (an id, a page, a year), or undefined. */
export function intParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || !/^[1-9]\d*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}

/** The page of a paged list (`page`), 1 when none is given. */
export function pageParam(params: URLSearchParams): number {
  return intParam(params, "page") ?? 1;
}

/** One of the allowed values from the query string, or undefined. */
export function enumParam<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = params.get(name);
  return allowed.find((item) => item === value);
}

/** A comma-separated list of allowed values from the query string ("overdue,due_soon"). */
export function listParam<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] {
  const values = (params.get(name) ?? "").split(",");
  return allowed.filter((item) => values.includes(item));
}
