import { Card, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { SourceSpan } from './draft-types';

/** The document as read, one paragraph a line, with the selected field's sentence highlighted. */
export function DocumentText({
  paragraphs,
  selected,
}: {
  paragraphs: string[];
  selected: SourceSpan | null;
}) {
  const marked = useRef<HTMLElement | null>(null);
  useEffect(() => {
    marked.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [selected]);
  return (
    <Card title="方案原文" size="small" styles={{ body: { maxHeight: '75vh', overflowY: 'auto' } }}>
      {paragraphs.map((text, index) => {
        const here = selected && selected.paragraph === index ? selected : null;
        return (
          <Typography.Paragraph key={index} style={{ marginBottom: 8 }} data-paragraph={index}>
            {here ? (
              <>
                {text.slice(0, here.start)}
                <mark ref={marked} data-testid="source-highlight">
                  {text.slice(here.start, here.end)}
                </mark>
                {text.slice(here.end)}
              </>
            ) : (
              text
            )}
          </Typography.Paragraph>
        );
      })}
    </Card>
  );
}
