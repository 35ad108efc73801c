import { Button, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageTitle } from "./page-title.tsx";

/** A page for something that does not exist or that the user may not see. */
export function NotFoundView({ title, message }: { title: string; message?: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={640} py="xl">
      <PageTitle title={title} />
      <Title order={1}>{title}</Title>
      <Text>{message || t("problem.notFoundText")}</Text>
      <div>
        <Button component={Link} to="/" variant="light">
          {t("problem.goHome")}
        </Button>
      </div>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <NotFoundView title={t("problem.pageNotFound")} />;
}
