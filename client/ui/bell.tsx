import { Badge, UnstyledButton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc.ts";
import classes from "./app-layout.module.css";
import { badgeCount } from "./badge-count.ts";

/** The unread notices the bell counts in full. */
const BELL_COUNT_MAX = 99;
/** How often the bell asks for its number (one small query). */
const BELL_POLL_MS = 60_000;

const loadPopup = () => import("./bell-popup.tsx");
const BellPopup = lazy(async () => ({ default: (await loadPopup()).BellPopup }));

/** The bell's face: a bell and the unread count. */
export function BellFace({ unread }: { unread: number }) {
  return (
    <>
      <svg
        aria-hidden="true"
        width="22"
        height="22"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <Badge size="xs" color="red" circle={unread < 10} className={classes.bellCount}>
          {badgeCount(unread, BELL_COUNT_MAX)}
        </Badge>
      )}
    </>
  );
}

/**
 * The bell on every page: the unread count, polled cheaply (notification.count); the list, with
 * mark-as-read and a link to each task, is fetched with its popup on the first click, so the
 * first page carries neither. The popup imports nothing of the first page's own modules (its face
 * and class names come as props), so that the first page's chunk stays whole.
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
      <BellPopup
        label={label}
        unread={unread}
        face={<BellFace unread={unread} />}
        classNames={{ bell: classes.bell, head: classes.bellHead, item: classes.bellItem }}
      />
    </Suspense>
  );
}
