import { Alert, Button, Code, CopyButton, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A one-time password the administrator hands to the user, shown this once. */
export function OneTimePasswordNotice({
  username,
  password,
  onClose,
}: {
  username: string;
  password: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t("user.oneTimeTitle", { username })}
      role="status"
    >
      <Text size="sm">{t("user.oneTimeHint")}</Text>
      <Group mt="sm" gap="sm">
        <Code fz="lg" aria-label={t("user.oneTimePassword")}>
          {password}
        </Code>
        <CopyButton value={password}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? t("user.copied") : t("user.copy")}
            </Button>
          )}
        </CopyButton>
        <Button size="xs" variant="subtle" onClick={onClose}>
          {t("user.oneTimeDone")}
        </Button>
      </Group>
    </Alert>
  );
}
