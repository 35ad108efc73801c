import { Menu, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import type { AccountMenuProps } from "./account-menu.tsx";

/** The account menu itself, opened at once: the button was clicked to fetch it. */
export function AccountMenuPopup(props: AccountMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal defaultOpened>
      <Menu.Target>
        <UnstyledButton className={props.className} aria-label={props.label}>
          {props.children}
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{props.heading}</Menu.Label>
        <Menu.Item component={Link} to="/account">
          {props.accountLabel}
        </Menu.Item>
        <Menu.Item onClick={props.onLogout}>{props.logoutLabel}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
