import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The narrow centred card shared by the sign-in, sign-up and reset pages. */
export function AuthCard({
  title,
  lead,
  children,
  titleId,
}: {
  title: string;
  lead?: string | undefined;
  children: ReactNode;
  titleId: string;
}) {
  return (
    <Container size={480} px="md">
      <Paper
        withBorder
        shadow="xs"
        p={{ base: 'lg', sm: 'xl' }}
        radius="lg"
        component="section"
        aria-labelledby={titleId}
      >
        <Stack gap="md">
          <div>
            <Title order={1} size="h2" id={titleId}>
              {title}
            </Title>
            {lead && (
              <Text c="dimmed" size="sm" mt={4}>
                {lead}
              </Text>
            )}
          </div>
          {children}
        </Stack>
      </Paper>
    </Container>
  );
}
