import { createSignal, For, type JSX } from 'solid-js';
import type { BehaviourLevel, BotConfig, ModelChoice } from '../data';
import { BEHAVIOUR_LEVELS, ENGAGEMENT_STYLES } from '../data';
import type { BotEdit } from '../data/actions';
import { formatTokens, formatUsd } from '../format';
import { CapField } from './cap-field';
import { ListField } from './list-field';
import { ModelPicker } from './model-picker';
import { NumberField } from './number-field';
import { Select } from './select';
import { Slider } from './slider';
import { TextField } from './text-field';

export interface ConfigPanelProps {
  bot: BotConfig;
  models: readonly ModelChoice[];
  /** Applies one change; rejects with an error whose `field` (if any) names the input at fault. */
  onChange: (changes: BotEdit) => Promise<void>;
}

const LEVEL_LABELS: Record<BehaviourLevel, string> = {
  creativity: 'Creativity',
  leadership: 'Leadership',
  skepticism: 'Skepticism',
  aggression: 'Aggression',
  shyness: 'Shyness',
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The bot's whole configuration. Each control saves on its own when the person commits it (blur,
 * Enter, releasing a slider), so there is no form-wide save to forget and offline edits queue
 * one by one.
 */
export function ConfigPanel(props: ConfigPanelProps): JSX.Element {
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const save = (changes: BotEdit) => {
    const fields = Object.keys(changes);
    props.onChange(changes).then(
      () => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k)))),
      (err: unknown) => {
        const field = err && typeof err === 'object' && 'field' in err ? String(err.field) : (fields[0] ?? 'form');
        setErrors((e) => ({ ...e, [field]: err instanceof Error ? err.message : String(err) }));
      },
    );
  };
  return (
    <div class="config">
      <fieldset class="fieldset">
        <legend>Identity and personality</legend>
        <div class="form-grid">
          <TextField label="Name" value={props.bot.name} error={errors().name} maxLength={80} onCommit={(name) => save({ name })} />
          <Select
            label="Engagement style"
            options={ENGAGEMENT_STYLES.map((s) => ({ value: s, label: capitalise(s) }))}
            value={props.bot.engagement_style}
            onChange={(v) => save({ engagement_style: v as BotEdit['engagement_style'] })}
          />
        </div>
        <div class="form-grid form-grid--wide">
          <TextField label="Origin story" multiline maxLength={4000} value={props.bot.origin_story} error={errors().origin_story} onCommit={(origin_story) => save({ origin_story })} />
          <TextField
            label="Communication style"
            multiline
            maxLength={2000}
            value={props.bot.communication_style}
            error={errors().communication_style}
            onCommit={(communication_style) => save({ communication_style })}
          />
        </div>
        <div class="form-grid">
          <ListField label="Traits" value={props.bot.traits} onCommit={(traits) => save({ traits })} />
          <ListField label="Interests" value={props.bot.interests} onCommit={(interests) => save({ interests })} />
          <ListField label="Quirks" value={props.bot.quirks} onCommit={(quirks) => save({ quirks })} />
        </div>
      </fieldset>

      <fieldset class="fieldset">
        <legend>Behaviour</legend>
        <div class="form-grid">
          <For each={BEHAVIOUR_LEVELS}>
            {(level) => <Slider label={LEVEL_LABELS[level]} value={props.bot[level]} onCommit={(v) => save({ [level]: v })} />}
          </For>
        </div>
      </fieldset>

      <fieldset class="fieldset">
        <legend>Model</legend>
        <div class="form-grid">
          <ModelPicker provider={props.bot.provider} model={props.bot.model} priced={props.models} onChange={(c) => save(c)} />
          <Slider label="Temperature" value={props.bot.temperature} min={0} max={2} step={0.05} format={(v) => v.toFixed(2)} onCommit={(temperature) => save({ temperature })} />
          <NumberField label="Max tokens" value={props.bot.max_tokens} min={16} max={32768} error={errors().max_tokens} onCommit={(v) => v !== undefined && save({ max_tokens: v })} />
        </div>
      </fieldset>

      <fieldset class="fieldset">
        <legend>Daily budget (UTC day)</legend>
        <div class="form-grid">
          <CapField
            label="Token cap"
            value={props.bot.daily_token_cap}
            defaultValue={props.bot.default_token_cap}
            format={(v) => `${formatTokens(v)} tokens`}
            step={1000}
            error={errors().daily_token_cap}
            onCommit={(daily_token_cap) => save({ daily_token_cap })}
          />
          <CapField
            label="USD cap"
            value={props.bot.daily_usd_cap}
            defaultValue={props.bot.default_usd_cap}
            format={formatUsd}
            step={0.1}
            fractional
            error={errors().daily_usd_cap}
            onCommit={(daily_usd_cap) => save({ daily_usd_cap })}
          />
        </div>
      </fieldset>
    </div>
  );
}
