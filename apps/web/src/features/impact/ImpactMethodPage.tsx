import { Anchor, Code, Container, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import methodText from '../../../../../docs/impact-method.md?raw';

/** Inline marks of the method document: `code`, **bold**, _italic_. */
function inline(text: string): ReactNode[] {
  let at = 0;
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*|_[^_\s][^_]*_)/g).map((part) => {
    // A part's offset in the line is its identity (the document is static text).
    const i = at;
    at += part.length;
    if (part.startsWith('`') && part.endsWith('`')) return <Code key={i}>{part.slice(1, -1)}</Code>;
    if (part.startsWith('**') && part.endsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.length > 2 && part.startsWith('_') && part.endsWith('_'))
      return <em key={i}>{part.slice(1, -1)}</em>;
    return part;
  });
}

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/**
 * The few Markdown constructs docs/impact-method.md uses (headings, paragraphs, lists, tables,
 * fenced code), as accessible markup. The document is bundled as text at build time, so the page
 * always shows the method of the code that computed the figures.
 */
function render(markdown: string): ReactNode[] {
  const lines = markdown.split('\n');
  const out: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      const order = heading[1]!.length as 1 | 2 | 3;
      out.push(
        <Title key={i} order={order} size={order === 1 ? 'h2' : order === 2 ? 'h3' : 'h4'} mt="md">
          {inline(heading[2]!)}
        </Title>,
      );
      i++;
    } else if (line.startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      out.push(
        <Code key={i} block>
          {body.join('\n')}
        </Code>,
      );
      i++;
    } else if (line.startsWith('|')) {
      const rows: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!);
      const [head = '', , ...body] = rows;
      // Header names are unique in a table and rows are distinct lines: they are the keys.
      const names = cells(head);
      out.push(
        <Table.ScrollContainer key={i} minWidth={600}>
          <Table striped withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                {names.map((h) => (
                  <Table.Th key={h}>{inline(h)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {body.map((r) => {
                const c = cells(r);
                return (
                  <Table.Tr key={r}>
                    {names.map((h, j) => (
                      <Table.Td key={h}>{inline(c[j] ?? '')}</Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>,
      );
    } else if (/^\s*- /.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && (/^\s*- /.test(lines[i]!) || /^\s{2,}\S/.test(lines[i]!)); i++) {
        if (/^\s*- /.test(lines[i]!)) items.push(lines[i]!.replace(/^\s*- /, ''));
        else items[items.length - 1] += ` ${lines[i]!.trim()}`;
      }
      out.push(
        <List key={i} size="sm" withPadding>
          {items.map((it) => (
            <List.Item key={it}>{inline(it)}</List.Item>
          ))}
        </List>,
      );
    } else if (line.trim() === '') {
      i++;
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#|\||```|\s*- )/.test(lines[i]!); i++)
        para.push(lines[i]!.trim());
      out.push(<Text key={i}>{inline(para.join(' '))}</Text>);
    }
  }
  return out;
}

/** /impact/methode — the written impact method every figure, export and report cites. */
export function ImpactMethodPage() {
  const { t } = useTranslation('impact');
  return (
    <Container size="md" py="md">
      <Stack gap="sm" data-testid="impact-method-doc">
        <Anchor component={Link} to="/impact" size="sm">
          ← {t('citation.back')}
        </Anchor>
        <Text size="sm" c="dimmed" lang="en">
          {t('citation.englishOnly')}
        </Text>
        <article lang="en">{render(methodText)}</article>
      </Stack>
    </Container>
  );
}
