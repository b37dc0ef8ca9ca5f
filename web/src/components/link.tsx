import { Link as KLink } from '@kobalte/core/link';
import type { JSX } from 'solid-js';

/**
 * An in-app link. The router intercepts clicks on same-origin anchors, so a Kobalte link
 * navigates without a reload while staying a real anchor (middle-click, copy link).
 */
export function Link(props: { href: string; class?: string; children: JSX.Element; 'aria-label'?: string; 'aria-current'?: 'page' | undefined }): JSX.Element {
  return (
    <KLink class={`link ${props.class ?? ''}`} href={props.href} aria-label={props['aria-label']} aria-current={props['aria-current']}>
      {props.children}
    </KLink>
  );
}
