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

/** A whole page still loading (an on-demand page's code at start-up). */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
}
