-- Starting price table, USD per 1M tokens (list prices as published by each vendor; edit freely).
-- The simulated model costs nothing.
INSERT INTO model_prices
  (provider, model, input_per_mtok, cached_input_per_mtok, output_per_mtok, context_window, max_output_tokens, simulated)
VALUES
  ('sim',    'chorus-sim-1',      0,     0,      0,     32768,  4096,  true),
  ('sim',    'chorus-sim-mini',   0,     0,      0,     32768,  4096,  true),
  ('openai', 'gpt-4o-mini',       0.15,  0.075,  0.60,  128000, 16384, false),
  ('openai', 'gpt-4o',            2.50,  1.25,   10.00, 128000, 16384, false),
  ('openai', 'gpt-4.1',           2.00,  0.50,   8.00,  1047576, 32768, false),
  ('openai', 'gpt-4.1-mini',      0.40,  0.10,   1.60,  1047576, 32768, false),
  ('openai', 'gpt-4.1-nano',      0.10,  0.025,  0.40,  1047576, 32768, false),
  ('ollama', 'llama3.1',          0,     0,      0,     131072, 8192,  false),
  ('ollama', 'qwen2.5',           0,     0,      0,     32768,  8192,  false);
