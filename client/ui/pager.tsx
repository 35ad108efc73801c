import { Group, Pagination, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormatters } from "./format.ts";
import { pageParam, useUrlState } from "./url-state.ts";

/**
 * Page numbers under a list, with the total; labelled for screen readers. The page sits in the
 * URL (`page`, see pageParam), like the list's filters.
 */
export function Pager({ pageSize, total }: { pageSize: number; total: number }) {
  const { t } = useTranslation();
  const { number } = useFormatters();
  const { params, update } = useUrlState();
  const page = pageParam(params);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed">
        {t("common.totalResults", { count: total, total: number(total) })}
      </Text>
      {pages > 1 && (
        <nav aria-label={t("common.pagination")}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(next) => update({ page: next })}
            size="sm"
            getItemProps={(item) => ({ "aria-label": t("common.pageN", { page: item }) })}
            getControlProps={(control) => ({ "aria-label": t(`common.pageControl.${control}`) })}
          />
        </nav>
      )}
    </Group>
  );
}
