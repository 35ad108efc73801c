import { Badge } from "@mantine/core";
import classes from "./app-layout.module.css";

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
          {unread > 99 ? "99+" : unread}
        </Badge>
      )}
    </>
  );
}
