import { Card, Form, Input } from 'antd';
import { useSearchParam } from './useSearchParam';

/** A labelled search box over a list, its text kept in the URL as `q`. */
export function SearchCard({ id, label }: { id: string; label: string }) {
  const [q, setQ] = useSearchParam('q');
  return (
    <Card size="small">
      <Form layout="inline">
        <Form.Item label={label} htmlFor={id}>
          <Input.Search
            id={id}
            allowClear
            defaultValue={q ?? ''}
            style={{ width: 240 }}
            onSearch={(value) => setQ(value.trim())}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
