import type { Sql } from '../db/client.ts';

/** USD per 1M tokens for one model. */
export interface Price {
  input: number;
  cachedInput: number;
  output: number;
  maxOutputTokens: number;
  simulated: boolean;
}

export interface Usage {
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
}

const PER = 1_000_000;

/**
 * OpenAI's prompt_tokens includes the cached tokens: the cached part is billed at the cached
 * rate and only the rest at the full input rate.
 */
export function costOf(price: Price, u: Usage): number {
  const cached = Math.min(u.cachedTokens, u.inputTokens);
  return ((u.inputTokens - cached) * price.input + cached * price.cachedInput + u.outputTokens * price.output) / PER;
}

/**
 * Price of a model we have no row for: unknown models are priced at a deliberately high rate so a
 * missing price row can never make a real provider look free to the budget.
 */
export const UNKNOWN_MODEL_PRICE: Price = { input: 15, cachedInput: 15, output: 60, maxOutputTokens: 16384, simulated: false };

export async function priceOf(sql: Sql, provider: string, model: string): Promise<Price> {
  const [row] = await sql`
    SELECT input_per_mtok, cached_input_per_mtok, output_per_mtok, max_output_tokens, simulated
      FROM model_prices WHERE provider = ${provider} AND model = ${model}`;
  if (!row) return UNKNOWN_MODEL_PRICE;
  return {
    input: Number(row.input_per_mtok),
    cachedInput: Number(row.cached_input_per_mtok),
    output: Number(row.output_per_mtok),
    maxOutputTokens: row.max_output_tokens,
    simulated: row.simulated,
  };
}

/**
 * An upper bound on the prompt tokens of a request: BPE tokenizers never produce more tokens than
 * the text has UTF-8 bytes, plus a few framing tokens per message. Generous on purpose: the
 * reservation must be the worst case, or concurrent calls could pass a cap.
 */
export function worstCasePromptTokens(texts: string[]): number {
  const bytes = texts.reduce((n, t) => n + new TextEncoder().encode(t).length, 0);
  return bytes + 8 * texts.length + 16;
}
