import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { errorFacts } from "./api-error.ts";
import { ErrorView } from "./error-view.tsx";
import { LoadingLines } from "./loading.tsx";
import { NotFoundView } from "./not-found-view.tsx";

/**
 * What a query has to show: placeholder lines while it loads, its error with "try again", and
 * with `notFoundTitle` a not-found page for NOT_FOUND (what does not exist or may not be seen);
 * then `children` with the data.
 */
export function QueryView<T>({
  query,
  lines = 5,
  notFoundTitle,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  lines?: number;
  notFoundTitle?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingLines lines={lines} />;
  if (query.isError) {
    const facts = errorFacts(query.error);
    if (notFoundTitle !== undefined && facts.code === "NOT_FOUND") {
      return <NotFoundView title={notFoundTitle} message={facts.message} />;
    }
    return <ErrorView error={query.error} onRetry={() => void query.refetch()} />;
  }
  return children(query.data);
}

/**
 * The page that edits a thing: as QueryView while it loads, and for one the user may see but
 * not edit, a page that says so (`cannotEdit`) instead of the form.
 */
export function EditView<T extends { permissions: { canEdit: boolean } }>({
  query,
  notFoundTitle,
  editTitle,
  cannotEdit,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  notFoundTitle: string;
  editTitle: string;
  cannotEdit: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <QueryView query={query} lines={8} notFoundTitle={notFoundTitle}>
      {(data) =>
        data.permissions.canEdit ? (
          children(data)
        ) : (
          <NotFoundView title={editTitle} message={cannotEdit} />
        )
      }
    </QueryView>
  );
}
