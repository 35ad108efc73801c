import type { UseQueryResult } from "@tanstack/react-query";
import { type ReactNode, useDeferredValue } from "react";
import { useTranslation } from "react-i18next";
import { errorFacts } from "./api-error.ts";
import { ErrorView } from "./error-view.tsx";
import { LoadingLines } from "./loading.tsx";
import { NotFoundView } from "./not-found-view.tsx";

/**
 * What a query has to show: placeholder lines while it loads (or `placeholder`, the shape of what
 * will come, so that nothing moves when it comes), its error with "try again", and with
 * `notFoundTitle` a not-found page for NOT_FOUND (what does not exist or may not be seen); then
 * `children` with the data.
 */
export function QueryView<T>({
  query,
  lines = 5,
  placeholder,
  notFoundTitle,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  lines?: number;
  placeholder?: ReactNode;
  notFoundTitle?: string;
  children: (data: T) => ReactNode;
}) {
  // The data's view is rendered as a transition: in slices that let the browser breathe (and
  // the user type or click) rather than in one long task, the placeholder staying until then.
  const data = useDeferredValue(query.data);
  const waiting = placeholder ?? <LoadingLines lines={lines} />;
  if (query.isPending) return waiting;
  if (query.isError) {
    const facts = errorFacts(query.error);
    if (notFoundTitle !== undefined && facts.code === "NOT_FOUND") {
      return <NotFoundView title={notFoundTitle} message={facts.message} />;
    }
    return <ErrorView error={query.error} onRetry={() => void query.refetch()} />;
  }
  // A query's data is never undefined once it has succeeded: undefined here means "not yet".
  return data === undefined ? waiting : children(data);
}

/**
 * The page that edits a thing: as QueryView while it loads, and for one the user may see but
 * not edit, a page that says so instead of the form. Its texts are `<texts>.notFound`,
 * `<texts>.editTitle` and `<texts>.cannotEdit` ("directive", "task").
 */
export function EditView<T extends { permissions: { canEdit: boolean } }>({
  query,
  texts,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  texts: "directive" | "task";
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <QueryView query={query} lines={8} notFoundTitle={t(`${texts}.notFound`)}>
      {(data) =>
        data.permissions.canEdit ? (
          children(data)
        ) : (
          <NotFoundView title={t(`${texts}.editTitle`)} message={t(`${texts}.cannotEdit`)} />
        )
      }
    </QueryView>
  );
}
