import { Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc.ts";
import classes from "./demo-banner.module.css";

/**
 * "Dữ liệu minh họa" on every page of a server in demo mode: its data are samples and its demo
 * accounts have a published password. Nothing in production mode.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const mode = useQuery({ ...trpc.auth.mode.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  if (!mode.data?.demo) return null;
  return (
    <aside className={classes.banner} aria-label={t("demo.label")}>
      <Text size="sm" fw={700} span>
        {t("demo.title")}
      </Text>{" "}
      <Text size="sm" span>
        {t("demo.text")}
      </Text>
    </aside>
  );
}
