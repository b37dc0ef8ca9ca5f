import { Tabs as KTabs } from '@kobalte/core/tabs';
import { For, type JSX } from 'solid-js';

export interface TabsProps {
  label: string;
  tabs: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  children: JSX.Element;
}

/** Tab list plus one content region; the caller renders what the selected tab shows. */
export function Tabs(props: TabsProps): JSX.Element {
  return (
    <KTabs class="tabs" value={props.value} onChange={props.onChange}>
      <KTabs.List class="tabs__list" aria-label={props.label}>
        <For each={props.tabs}>{(t) => <KTabs.Trigger class="tabs__trigger" value={t.value}>{t.label}</KTabs.Trigger>}</For>
        <KTabs.Indicator class="tabs__indicator" />
      </KTabs.List>
      <KTabs.Content class="tabs__content" value={props.value}>
        {props.children}
      </KTabs.Content>
    </KTabs>
  );
}
