import { Badge } from '@kobalte/core/badge';
import type { JSX } from 'solid-js';
import type { BotStatus } from '../data';

const LABELS: Record<BotStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  capped: 'At cap',
  error: 'Error',
};

export function StatusBadge(props: { status: BotStatus }): JSX.Element {
  return (
    <Badge class={`badge badge--${props.status}`} textValue={`Status: ${LABELS[props.status]}`}>
      {LABELS[props.status]}
    </Badge>
  );
}
