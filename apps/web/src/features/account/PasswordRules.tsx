import { List, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { PASSWORD_MAX, PASSWORD_MIN } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';

/** The password rules of the shared schema, ticked as the user types. */
export function PasswordRules({ password, email, id }: { password: string; email?: string; id: string }) {
  const { t } = useTranslation();
  const local = (email ?? '').split('@')[0]?.toLowerCase() ?? '';
  const rules = [
    { key: 'min', ok: password.length >= PASSWORD_MIN, text: t('auth.rules.min', { min: PASSWORD_MIN }) },
    {
      key: 'max',
      ok: password.length > 0 && password.length <= PASSWORD_MAX,
      text: t('auth.rules.max', { max: PASSWORD_MAX }),
    },
    { key: 'varied', ok: new Set(password).size >= 5, text: t('auth.rules.varied') },
    ...(email !== undefined
      ? [
          {
            key: 'noEmail',
            ok: password.length > 0 && (local === '' || !password.toLowerCase().includes(local)),
            text: t('auth.rules.noEmail'),
          },
        ]
      : []),
  ];
  return (
    <div id={id}>
      <Text size="sm" c="dimmed">
        {t('auth.rules.title')}
      </Text>
      <List size="sm" spacing={4} center mt={4} styles={{ itemLabel: { lineHeight: 1.35 } }}>
        {rules.map((r) => (
          <List.Item
            key={r.key}
            c={r.ok ? 'forest.8' : 'dimmed'}
            icon={
              <ThemeIcon size={18} radius="xl" color={r.ok ? 'forest' : 'gray.4'} aria-hidden>
                <span style={{ fontSize: 11, lineHeight: 1 }}>{r.ok ? '✓' : '•'}</span>
              </ThemeIcon>
            }
          >
            {r.text}
            <VisuallyHidden> ({r.ok ? t('auth.rules.ok') : t('auth.rules.todo')})</VisuallyHidden>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
