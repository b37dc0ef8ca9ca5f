import { Slider as KSlider } from '@kobalte/core/slider';
import { createEffect, createSignal, on, type JSX } from 'solid-js';

export interface SliderProps {
  label: string;
  value: number;
  /** Called with the final value when the person lets go of the thumb, or moves focus away after using the keys. */
  onCommit: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  format?: (value: number) => string;
}

/**
 * A labelled single-thumb slider. The value is read with `??`, never `||`, so 0 is a value like
 * any other and a slider at 0 stays at 0.
 */
export function Slider(props: SliderProps): JSX.Element {
  // Kobalte's value is controlled: the thumb only moves if we follow its onChange. The live
  // position is local; a new value from the database replaces it.
  const [position, setPosition] = createSignal(props.value);
  createEffect(on(() => props.value, (v) => setPosition(v), { defer: true }));
  return (
    <KSlider
      class="slider"
      value={[position()]}
      onChange={(values) => setPosition(values[0] ?? position())}
      minValue={props.min ?? 0}
      maxValue={props.max ?? 100}
      step={props.step ?? 1}
      disabled={props.disabled ?? false}
      getValueLabel={(p) => (props.format ? props.format(p.values[0] ?? 0) : String(p.values[0] ?? 0))}
      onChangeEnd={(values) => {
        const v = values[0];
        if (v !== undefined && v !== props.value) props.onCommit(v);
      }}
    >
      <div class="slider__head">
        <KSlider.Label class="slider__label">{props.label}</KSlider.Label>
        <KSlider.ValueLabel class="slider__value" />
      </div>
      <KSlider.Track class="slider__track">
        <KSlider.Fill class="slider__fill" />
        {/* No Slider.Input: the thumb is already the focusable slider, and a range input inside
            it (there for native form posts, which we never make) was a second slider to
            assistive tech and an interactive control nested in another. */}
        <KSlider.Thumb class="slider__thumb" />
      </KSlider.Track>
    </KSlider>
  );
}
