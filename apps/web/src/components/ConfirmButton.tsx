import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** A button that asks for confirmation in a dialog before running `onConfirm`. */
export function ConfirmButton({
  label,
  title,
  text,
  onConfirm,
  loading,
  ...buttonProps
}: ButtonProps & {
  label: string;
  title: string;
  text: string;
  onConfirm: () => Promise<unknown> | undefined;
  loading?: boolean;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...buttonProps} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text size="sm">{text}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={loading}
            onClick={async () => {
              await onConfirm();
              close();
            }}
          >
            {t('common.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
