export { createNow } from './clock';
export { formatPercent, formatTokens, formatUsd } from './numbers';
export { isoTime, relativeTime } from './relative-time';
export { handleFromName } from './handle';
