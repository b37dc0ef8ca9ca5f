import { Slider as KSlider } from '@kobalte/core/slider';
import type { JSX } from 'solid-js';

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
  return (
    <KSlider
      class="slider"
      value={[props.value]}
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
        <KSlider.Thumb class="slider__thumb">
          <KSlider.Input />
        </KSlider.Thumb>
      </KSlider.Track>
    </KSlider>
  );
}
