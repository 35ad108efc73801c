import {
  Badge,
  Box,
  Burger,
  Button,
  Group,
  NavLink,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { type CurrentUser, useTRPC } from "../trpc.ts";
import { AccountMenu } from "./account-menu.tsx";
import classes from "./app-layout.module.css";
import { badgeCount } from "./badge-count.ts";
import { Bell } from "./bell.tsx";
import { useCurrentUser } from "./current-user.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

type NavItem = {
  to: string;
  label: string;
  matches: (path: string) => boolean;
  /** "Việc cần làm": its count of things to do is shown beside the label. */
  counted?: true;
};

/** The inbox's page ("Việc cần làm"), where everyone lands (client/routes.tsx, its index route). */
const INBOX_PATH = "/";

/** A task's own page belongs to the task list of the menu. */
const isTaskPage = (path: string) => /^\/tasks\/\d/.test(path);

/**
 * The menu by role. Everyone starts with "Việc cần làm" and its count; officers and leaders
 * search all tasks (/tasks), reporters list their agency's (/my-tasks).
 */
function useNavItems(user: CurrentUser): NavItem[] {
  const { t } = useTranslation();
  const home: NavItem = {
    to: INBOX_PATH,
    label: t("nav.inbox"),
    matches: (p) => p === INBOX_PATH,
    counted: true,
  };
  const audit: NavItem = {
    to: "/audit",
    label: t("nav.audit"),
    matches: (p: string) => p.startsWith("/audit"),
  };
  if (user.role === "admin") {
    return [
      home,
      { to: "/admin/users", label: t("nav.users"), matches: (p) => p.startsWith("/admin/users") },
      {
        to: "/admin/calendar",
        label: t("nav.calendar"),
        matches: (p) => p.startsWith("/admin/calendar"),
      },
      {
        to: "/admin/outbox",
        label: t("nav.outbox"),
        matches: (p) => p.startsWith("/admin/outbox"),
      },
      audit,
    ];
  }
  const follows = user.role === "officer" || user.role === "leader";
  return [
    home,
    follows
      ? {
          to: "/tasks",
          label: t("nav.tasks"),
          matches: (p) => p === "/tasks" || isTaskPage(p),
        }
      : {
          to: "/my-tasks",
          label: t("nav.myTasks"),
          matches: (p) => p === "/my-tasks" || isTaskPage(p),
        },
    { to: "/directives", label: t("nav.directives"), matches: (p) => p.startsWith("/directives") },
    { to: "/overdue", label: t("nav.overdue"), matches: (p) => p.startsWith("/overdue") },
    {
      to: "/statistics",
      label: t("nav.statistics"),
      matches: (p) => p.startsWith("/statistics"),
    },
    {
      to: "/reports/missing",
      label: t("report.navMissing"),
      matches: (p: string) => p.startsWith("/reports/missing"),
    },
    ...(user.role === "officer"
      ? [
          {
            to: "/extensions",
            label: t("extension.navPending"),
            matches: (p: string) => p.startsWith("/extensions"),
          },
        ]
      : []),
    ...(user.role === "leader" ? [audit] : []),
  ];
}

/**
 * How many things the user has to do ("Việc cần làm"). On the inbox's page, from the inbox the page
 * reads; on the others, from the count alone (`inbox.count`: at a national scale the inbox's
 * items are 40–110 KB and most of the server's time, for a badge), shown meanwhile as the inbox
 * last said. Read by the two places that show it, not by the frame: when the answer comes, only
 * they are drawn again (the whole header, drawn again for it, was a task of 20–30 ms on a phone).
 */
function useInboxCount(): number | undefined {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onInbox = useLocation().pathname === INBOX_PATH;
  const fromInbox = useQuery({
    ...trpc.inbox.view.queryOptions(),
    select: (view) => view.count,
    enabled: onInbox,
  }).data;
  const counted = useQuery({
    ...trpc.inbox.count.queryOptions(),
    select: (answer) => answer.count,
    enabled: !onInbox,
    placeholderData: () => {
      const inbox = queryClient.getQueryData(trpc.inbox.view.queryKey());
      return inbox && { count: inbox.count };
    },
  }).data;
  return onInbox ? (fromInbox ?? counted) : counted;
}

/**
 * The things to do the menu counts in full: an officer's inbox at a national scale holds six
 * figures, which cut the badge short on a phone (the inbox itself says the exact count).
 */
const MENU_COUNT_MAX = 999;

/** "Việc cần làm" with its count of things to do when there are any. */
function CountedLabel({ label }: { label: string }) {
  const { t } = useTranslation();
  const count = useInboxCount();
  if (!count) return label;
  return (
    <>
      {label}{" "}
      {/* Inline: a round badge (a count under 10) is a block of its own, which put it on a line
          of its own below the words in the folded menu's entry. */}
      <Badge
        size="sm"
        color="red"
        ml={4}
        circle={count < 10}
        display="inline-flex"
        style={{ verticalAlign: "middle" }}
        aria-hidden="true"
      >
        {badgeCount(count, MENU_COUNT_MAX)}
      </Badge>
      <VisuallyHidden>{t("nav.countSuffix", { count })}</VisuallyHidden>
    </>
  );
}

/** A menu entry's words. */
function NavLabel({ item }: { item: NavItem }) {
  return item.counted ? <CountedLabel label={item.label} /> : item.label;
}

/** On phones the menu is folded: the count of things to do stays in sight. */
function FoldedCount() {
  const count = useInboxCount();
  return count ? (
    <Badge hiddenFrom="lg" color="red" aria-hidden="true">
      {badgeCount(count, MENU_COUNT_MAX)}
    </Badge>
  ) : null;
}

function UserSummary({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  return (
    <Box>
      <Text size="sm" fw={600} lh={1.2}>
        {user.fullName}
      </Text>
      <Text size="xs" c="dimmed" lh={1.2}>
        {t(`role.${user.role}`)} · {user.agencyShortName}
      </Text>
    </Box>
  );
}

function useLogout() {
  const trpc = useTRPC();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        await navigate("/login");
        queryClient.clear();
        notifications.show({ color: "blue", message: t("layout.loggedOut") });
      },
    }),
  );
}

/** The frame of every signed-in page: header with navigation, the page, a burger menu on phones. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const items = useNavItems(user);
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const logout = useLogout();

  return (
    <>
      <a href="#main-content" className={classes.skipLink}>
        {t("layout.skipToContent")}
      </a>
      <header className={classes.header} data-app-frame>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" className={classes.headerStart}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="lg"
              size="sm"
              aria-label={opened ? t("layout.closeNav") : t("layout.openNav")}
              aria-expanded={opened}
              aria-controls="mobile-nav"
            />
            <UnstyledButton component={Link} to="/" className={classes.brand}>
              {t("app.name")}
            </UnstyledButton>
            <FoldedCount />
            <Group
              component="nav"
              aria-label={t("layout.mainNav")}
              gap={2}
              visibleFrom="lg"
              wrap="nowrap"
            >
              {items.map((item) => {
                const active = item.matches(pathname);
                return (
                  <Button
                    key={item.to}
                    component={Link}
                    to={item.to}
                    variant={active ? "light" : "subtle"}
                    color={active ? "blue" : "dark"}
                    size="compact-sm"
                    fz="sm"
                    aria-current={active ? "page" : undefined}
                  >
                    <NavLabel item={item} />
                  </Button>
                );
              })}
            </Group>
          </Group>
          <Group gap="md" wrap="nowrap" className={classes.headerEnd}>
            <LanguageSwitch />
            <Bell />
            <Box visibleFrom="lg" className={classes.account}>
              <AccountMenu
                className={classes.userButton}
                label={t("layout.account", { name: user.fullName })}
                heading={user.agencyName}
                accountLabel={t("layout.myAccount")}
                logoutLabel={t("layout.logout")}
                onLogout={() => logout.mutate()}
              >
                <UserSummary user={user} />
              </AccountMenu>
            </Box>
          </Group>
        </Group>
      </header>

      {opened && (
        <nav
          id="mobile-nav"
          aria-label={t("layout.mainNav")}
          className={classes.navbar}
          data-app-frame
        >
          <Stack gap="xs">
            {items.map((item) => {
              const active = item.matches(pathname);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={<NavLabel item={item} />}
                  active={active}
                  aria-current={active ? "page" : undefined}
                  onClick={close}
                />
              );
            })}
            <Box mt="md" pt="md" className={classes.navFooter}>
              <UserSummary user={user} />
              <NavLink
                component={Link}
                to="/account"
                label={t("layout.myAccount")}
                active={pathname === "/account"}
                onClick={close}
              />
              <Button
                mt="sm"
                variant="default"
                size="xs"
                onClick={() => logout.mutate()}
                loading={logout.isPending}
              >
                {t("layout.logout")}
              </Button>
            </Box>
          </Stack>
        </nav>
      )}

      <main id="main-content" tabIndex={-1} className={classes.main}>
        <Outlet />
      </main>
    </>
  );
}
