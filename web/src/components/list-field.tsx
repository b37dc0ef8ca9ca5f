import { TextField } from './text-field';
import type { JSX } from 'solid-js';

/** Comma-separated entry for short lists (traits, interests, quirks). */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function ListField(props: {
  label: string;
  value: readonly string[];
  onCommit: (value: string[]) => void;
  description?: string;
}): JSX.Element {
  return (
    <TextField
      label={props.label}
      value={props.value.join(', ')}
      description={props.description ?? 'Separate with commas'}
      onCommit={(text) => {
        const next = parseList(text);
        if (next.join('\u0000') !== props.value.join('\u0000')) props.onCommit(next);
      }}
    />
  );
}
