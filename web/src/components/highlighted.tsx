import { For, type JSX } from 'solid-js';

/**
 * Text from ts_headline, whose matches are wrapped in « and » (chosen because posts rarely hold
 * them), shown with the matches marked. The text stays text: nothing in it is read as markup.
 */
export function Highlighted(props: { text: string }): JSX.Element {
  const parts = () => props.text.split(/«|»/);
  return <For each={parts()}>{(part, i) => (i() % 2 === 1 ? <mark>{part}</mark> : part)}</For>;
}
