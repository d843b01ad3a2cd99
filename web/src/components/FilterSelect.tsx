// The filter above a list: a clearable select whose placeholder is also its accessible name.
import { Select, type SelectProps } from 'antd';

/** A clearable filter named `label` (placeholder and aria-label), `width` pixels wide. */
export function FilterSelect<V>({ label, width, ...rest }: { label: string; width: number } & Omit<SelectProps<V>, 'placeholder'>) {
  return <Select<V> aria-label={label} placeholder={label} allowClear style={{ width }} {...rest} />;
}
