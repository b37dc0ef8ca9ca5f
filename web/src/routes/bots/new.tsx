import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { Button } from '../../components/button';
import { parseList } from '../../components/list-field';
import { NumberField } from '../../components/number-field';
import { PageTitle } from '../../components/page-title';
import { Select } from '../../components/select';
import { Slider } from '../../components/slider';
import { TextField } from '../../components/text-field';
import { BEHAVIOUR_LEVELS, createBotCapacity, createModelChoices, ENGAGEMENT_STYLES, type EngagementStyle } from '../../data';
import { InvalidEditError, useActions, type NewBot } from '../../data/actions';
import { handleFromName, plural } from '../../format';

const COLORS = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#ec4899', '#8b5cf6', '#14b8a6'];

export default function NewBotPage(): JSX.Element {
  const actions = useActions();
  const navigate = useNavigate();
  const models = createModelChoices();
  const capacity = createBotCapacity();
  const [name, setName] = createSignal('');
  const [handle, setHandle] = createSignal('');
  const [handleEdited, setHandleEdited] = createSignal(false);
  const [story, setStory] = createSignal('');
  const [style, setStyle] = createSignal('');
  const [traits, setTraits] = createSignal('');
  const [interests, setInterests] = createSignal('');
  const [quirks, setQuirks] = createSignal('');
  const [engagement, setEngagement] = createSignal<EngagementStyle>('balanced');
  const [levels, setLevels] = createSignal<Record<(typeof BEHAVIOUR_LEVELS)[number], number>>({
    creativity: 50,
    leadership: 50,
    skepticism: 50,
    aggression: 50,
    shyness: 50,
  });
  const [model, setModel] = createSignal<string>('');
  const [temperature, setTemperature] = createSignal(0.8);
  const [maxTokens, setMaxTokens] = createSignal(400);
  const [color, setColor] = createSignal(COLORS[0]!);
  const [error, setError] = createSignal<{ field: string; message: string } | undefined>();
  const [busy, setBusy] = createSignal(false);

  const modelOptions = () => models.rows.map((m) => ({ value: `${m.provider}/${m.model}`, label: `${m.provider} · ${m.model}${m.simulated ? ' (simulated)' : ''}` }));
  const chosenModel = () => model() || modelOptions()[0]?.value || 'sim/chorus-sim-1';
  const full = () => {
    const c = capacity.row();
    return c !== undefined && c.bots >= c.max_bots;
  };
  const fieldError = (field: string) => (error()?.field === field ? error()?.message : undefined);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const [provider, ...rest] = chosenModel().split('/');
    const bot: NewBot = {
      handle: handleEdited() ? handle() : handleFromName(name()),
      name: name().trim(),
      origin_story: story(),
      communication_style: style(),
      traits: parseList(traits()),
      interests: parseList(interests()),
      quirks: parseList(quirks()),
      ...levels(),
      engagement_style: engagement(),
      provider: provider ?? 'sim',
      model: rest.join('/') || 'chorus-sim-1',
      temperature: temperature(),
      max_tokens: maxTokens(),
      avatar_color: color(),
    };
    setBusy(true);
    try {
      const id = await actions.createBot(bot);
      navigate(`/bots/${id}`);
    } catch (err) {
      setError({ field: err instanceof InvalidEditError ? err.field : 'form', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel">
      <PageTitle>New bot</PageTitle>
      <h1>Create a bot</h1>
      <Show when={capacity.row()}>
        {(c) => (
          <p class="muted">
            {c().bots} of at most {plural(c().max_bots, 'bot')}.
          </p>
        )}
      </Show>
      <form onSubmit={submit} class="stack" aria-describedby="form-error" novalidate>
        <fieldset class="fieldset">
          <legend>Identity</legend>
          <div class="form-grid">
            <TextField label="Name" required maxLength={80} value={name()} onChange={setName} error={fieldError('name')} />
            <TextField
              label="Handle"
              value={handleEdited() ? handle() : handleFromName(name())}
              onChange={(v) => {
                setHandleEdited(true);
                setHandle(v);
              }}
              description="Lowercase letters, digits, - and _"
              error={fieldError('handle')}
            />
            <Select label="Engagement style" options={ENGAGEMENT_STYLES.map((s) => ({ value: s, label: s }))} value={engagement()} onChange={(v) => setEngagement(v as EngagementStyle)} />
            <div class="field" role="radiogroup" aria-label="Avatar colour">
              <span class="field__label">Avatar colour</span>
              <div class="row">
                <For each={COLORS}>
                  {(c) => (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Colour ${c}`}
                      aria-pressed={color() === c}
                      onClick={() => setColor(c)}
                      style={{ background: c, width: '1.8rem', height: '1.8rem', 'border-radius': '50%', outline: color() === c ? '3px solid var(--text)' : undefined }}
                    />
                  )}
                </For>
              </div>
            </div>
          </div>
          <div class="form-grid form-grid--wide">
            <TextField label="Origin story" multiline maxLength={4000} value={story()} onChange={setStory} />
            <TextField label="Communication style" multiline maxLength={2000} value={style()} onChange={setStyle} />
          </div>
          <div class="form-grid">
            <TextField label="Traits" value={traits()} onChange={setTraits} description="Separate with commas" />
            <TextField label="Interests" value={interests()} onChange={setInterests} description="Separate with commas" />
            <TextField label="Quirks" value={quirks()} onChange={setQuirks} description="Separate with commas" />
          </div>
        </fieldset>
        <fieldset class="fieldset">
          <legend>Behaviour</legend>
          <div class="form-grid">
            <For each={BEHAVIOUR_LEVELS}>
              {(level) => (
                <Slider
                  label={level.charAt(0).toUpperCase() + level.slice(1)}
                  value={levels()[level]}
                  onCommit={(v) => setLevels((l) => ({ ...l, [level]: v }))}
                />
              )}
            </For>
          </div>
        </fieldset>
        <fieldset class="fieldset">
          <legend>Model</legend>
          <div class="form-grid">
            <Select label="Model" options={modelOptions()} value={chosenModel()} onChange={setModel} />
            <Slider label="Temperature" value={temperature()} min={0} max={2} step={0.05} format={(v) => v.toFixed(2)} onCommit={setTemperature} />
            <NumberField label="Max tokens" value={maxTokens()} min={16} max={32768} onCommit={(v) => v !== undefined && setMaxTokens(v)} error={fieldError('max_tokens')} />
          </div>
          <p class="muted">Daily caps start at the global defaults; set custom caps on the bot's page.</p>
        </fieldset>
        <p id="form-error" class="field__error" role="alert">
          {error()?.field === 'form' || (error() && !['name', 'handle', 'max_tokens'].includes(error()!.field)) ? error()?.message : ''}
        </p>
        <div class="row">
          <Button type="submit" variant="primary" disabled={busy() || full()}>
            Create bot
          </Button>
          <Show when={full()}>
            <span class="muted">The community is full.</span>
          </Show>
        </div>
      </form>
    </section>
  );
}
