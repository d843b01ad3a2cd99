import { Input } from 'antd';
import { useState } from 'react';

/**
 * A search field for a console list (issue 19): the list searches when the user presses Enter or
 * the search button, and shows everything again when the field is cleared. `onSearch` gets the
 * trimmed text ('' for none).
 */
export function SearchBox({
  placeholder,
  onSearch,
  width = 260,
}: {
  placeholder: string;
  onSearch: (text: string) => void;
  width?: number;
}) {
  const [text, setText] = useState('');
  return (
    <Input.Search
      aria-label={placeholder}
      placeholder={placeholder}
      allowClear
      enterButton="搜索"
      style={{ width }}
      maxLength={100}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '') onSearch('');
      }}
      onSearch={(v) => onSearch(v.trim())}
    />
  );
}
