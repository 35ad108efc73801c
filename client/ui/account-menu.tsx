import { UnstyledButton } from "@mantine/core";
import { lazy, type ReactNode, Suspense, useState } from "react";

export type AccountMenuProps = {
  /** The button's accessible name. */
  label: string;
  className?: string;
  /** The menu's heading: the user's agency. */
  heading: string;
  /** The menu item that opens the user's account page (/account). */
  accountLabel: string;
  logoutLabel: string;
  onLogout: () => void;
  /** What the button shows: the user's name and role. */
  children: ReactNode;
};

const loadPopup = () => import("./account-menu-popup.tsx");
const AccountMenuPopup = lazy(async () => ({ default: (await loadPopup()).AccountMenuPopup }));

/**
 * The header's account button and its menu. Mantine's Menu and the positioning code behind it
 * are fetched when the pointer or the keyboard focus reaches the button, and the menu opens on
 * the first click, so the first page does not carry them.
 */
export function AccountMenu(props: AccountMenuProps) {
  const [wanted, setWanted] = useState(false);
  const button = (
    <UnstyledButton
      className={props.className}
      aria-label={props.label}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={() => void loadPopup()}
      onFocus={() => void loadPopup()}
      onClick={() => setWanted(true)}
    >
      {props.children}
    </UnstyledButton>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <AccountMenuPopup {...props} />
    </Suspense>
  );
}
