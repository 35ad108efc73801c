import { UnstyledButton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc.ts";
import classes from "./app-layout.module.css";
import { BellFace } from "./bell-face.tsx";

/** How often the bell asks for its number (one small query). */
const BELL_POLL_MS = 60_000;

const loadPopup = () => import("./bell-popup.tsx");
const BellPopup = lazy(async () => ({ default: (await loadPopup()).BellPopup }));

/**
 * The bell on every page: the unread count, polled cheaply (notification.count); the list, with
 * mark-as-read and a link to each task, is fetched with its popup on the first click, so the
 * first page carries neither.
 */
export function Bell() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const count = useQuery({
    ...trpc.notification.count.queryOptions(),
    refetchInterval: BELL_POLL_MS,
  });
  const unread = count.data?.unread ?? 0;
  const [wanted, setWanted] = useState(false);
  const label = t("bell.label", { count: unread });
  const button = (
    <UnstyledButton
      className={classes.bell}
      aria-label={label}
      aria-haspopup="dialog"
      aria-expanded={false}
      onPointerEnter={() => void loadPopup()}
      onFocus={() => void loadPopup()}
      onClick={() => setWanted(true)}
    >
      <BellFace unread={unread} />
    </UnstyledButton>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <BellPopup label={label} unread={unread} />
    </Suspense>
  );
}
