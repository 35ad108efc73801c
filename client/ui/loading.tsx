import { Center, Loader, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Placeholder lines while data loads; screen readers hear "loading". */
export function LoadingLines({ lines = 5 }: { lines?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true">
      <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
      {Array.from({ length: lines }, (_, i) => `line-${i}`).map((line, i) => (
        <Skeleton key={line} height={i === 0 ? 28 : 18} width={i === 0 ? "40%" : "100%"} />
      ))}
    </Stack>
  );
}

/**
 * The whole page waits: for the signed-in user, or for the code of the page opened first. The
 * spinner is a picture (Mantine draws it as a span, which may not carry a label); a status says
 * "loading" to screen readers.
 */
export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader aria-hidden />
      <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
    </Center>
  );
}
