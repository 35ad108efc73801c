import { Modal, type ModalProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * A dialog over the page: wide enough for a form, its close button named in the user's
 * language, shown at once (a fading dialog is read, and checked by axe, at half contrast).
 */
export function Dialog(props: ModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      size="lg"
      transitionProps={{ duration: 0 }}
      closeButtonProps={{ "aria-label": t("common.close") }}
      {...props}
    />
  );
}
