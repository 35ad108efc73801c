import { Group, Pagination, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormatters } from "./format.ts";

/** Page numbers under a list, with the total; labelled for screen readers. */
export function Pager({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const { number } = useFormatters();
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
            onChange={onChange}
            size="sm"
            getItemProps={(item) => ({ "aria-label": t("common.pageN", { page: item }) })}
            getControlProps={(control) => ({ "aria-label": t(`common.pageControl.${control}`) })}
          />
        </nav>
      )}
    </Group>
  );
}
