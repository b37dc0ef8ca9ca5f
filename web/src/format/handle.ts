/** A handle suggested from a name: "Ada Lovelace" → "ada-lovelace" (the server's handle rule). */
export function handleFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
}
