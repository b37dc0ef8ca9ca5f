import { Button as KButton } from '@kobalte/core/button';
import { splitProps, type ComponentProps, type JSX } from 'solid-js';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends Omit<ComponentProps<typeof KButton>, 'class'> {
  variant?: Variant;
  size?: 'sm' | 'md';
  class?: string;
  children?: JSX.Element;
}

export function Button(props: ButtonProps): JSX.Element {
  const [local, rest] = splitProps(props, ['variant', 'size', 'class']);
  return (
    <KButton
      class={`btn btn--${local.variant ?? 'secondary'} btn--${local.size ?? 'md'} ${local.class ?? ''}`}
      {...rest}
    />
  );
}
