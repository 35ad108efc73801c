import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { errorFacts } from "./api-error.ts";

/** An error of a query, in words, with a way to try again. */
export function ErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const facts = errorFacts(error);
  const title =
    facts.code === "FORBIDDEN"
      ? t("problem.forbiddenTitle")
      : facts.code === "NOT_FOUND"
        ? t("problem.notFoundTitle")
        : t("problem.title");
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="sm">
        <Text size="sm">{facts.message ?? t("problem.network")}</Text>
        {onRetry && facts.code !== "NOT_FOUND" && facts.code !== "FORBIDDEN" && (
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>
              {t("common.retry")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
