import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The document title of a page (React hoists <title> into <head>). */
export function PageTitle({ title }: { title: string }) {
  const { t } = useTranslation();
  return <title>{`${title} · ${t("app.name")}`}</title>;
}

/**
 * The top of a page: its title (in the browser's tab too), the page's actions beside it, what the
 * page shows (`intro`) and any further lines about it.
 */
export function PageHeader({
  title,
  intro,
  actions,
  children,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Stack gap={4}>
      <PageTitle title={title} />
      {actions ? (
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={1}>{title}</Title>
          {actions}
        </Group>
      ) : (
        <Title order={1}>{title}</Title>
      )}
      {intro !== undefined && <Text c="dimmed">{intro}</Text>}
      {children}
    </Stack>
  );
}
