import { Group, Progress, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormatters } from "./format.ts";

/** Progress in percent: a bar that screen readers can read, and the number beside it. */
export function ProgressLabel({ value }: { value: number }) {
  const { t } = useTranslation();
  const { percent } = useFormatters();
  return (
    <Group gap="xs" wrap="nowrap" miw={110}>
      <Progress.Root size="md" style={{ flex: 1 }}>
        <Progress.Section
          value={value}
          color={value >= 100 ? "green" : "blue"}
          aria-label={t("task.progress")}
        />
      </Progress.Root>
      <Text size="sm" w={44} ta="right">
        {percent(value)}
      </Text>
    </Group>
  );
}
