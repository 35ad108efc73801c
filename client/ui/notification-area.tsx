import { Notifications } from "@mantine/notifications";

/** Where notifications appear. Its code loads with the first notification (see main.tsx). */
export function NotificationArea() {
  return <Notifications position="bottom-right" />;
}
