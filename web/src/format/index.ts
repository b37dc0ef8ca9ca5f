export { createNow } from './clock';
export { formatPercent, formatTokens, formatUsd } from './numbers';
export { clockTime, isoTime, relativeTime } from './relative-time';
export { plural } from './plural';
export { handleFromName } from './handle';
