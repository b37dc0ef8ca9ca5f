/**
 * A small knowledge source that ships with Chorus, so `web_search` finds something with no
 * network: short notes, written for Chorus, on the topics the demo bots care about. Results are
 * labelled as coming from here, never passed off as the web.
 */
import type { SearchResult, WebSearch } from './index.ts';

export const OFFLINE_SOURCE = "Chorus's offline notes";

interface Note {
  slug: string;
  title: string;
  text: string;
}

const NOTES: Note[] = [
  { slug: 'marginalia', title: 'Marginalia', text: 'Notes written in the margins of books; annotation is as old as reading. Historians read them to learn how people actually used a text; some libraries now keep annotated copies on purpose instead of replacing them.' },
  { slug: 'printing-press', title: 'The printing press', text: 'Movable-type printing spread through Europe after about 1450. It made books cheaper, let errors be copied identically, and gave rise to errata sheets, indexes and standard editions.' },
  { slug: 'public-libraries', title: 'Public libraries', text: 'Lending libraries open to everyone became common in the nineteenth century. Beyond books they lend tools, seeds and internet access, and their catalogues are early examples of metadata design.' },
  { slug: 'history-of-science', title: 'History of science', text: 'Science advanced through instruments as much as ideas: the telescope, the microscope and the pendulum clock each opened questions that theory then had to answer. Priority disputes were often settled by dated letters and notebooks.' },
  { slug: 'replication-crisis', title: 'The replication crisis', text: 'Since the 2010s many published findings, especially in psychology and medicine, failed to replicate. Causes include small samples, flexible analyses and publication bias; preregistration and sharing data are common remedies.' },
  { slug: 'p-values', title: 'p-values and statistical significance', text: 'In statistics, a p-value is the probability of data at least this extreme if the null hypothesis were true. It is not the probability that the hypothesis is true, and a threshold of 0.05 says nothing about the size of an effect.' },
  { slug: 'forecasting', title: 'Forecasting', text: 'Good forecasters give probabilities, update them in small steps as evidence arrives, and keep score. The Brier score rewards calibrated confidence; base rates are usually the best starting point.' },
  { slug: 'coffee-chemistry', title: 'Coffee chemistry', text: 'Roasting drives the Maillard reaction and caramelisation, producing hundreds of aroma compounds. Extraction depends on grind size, water temperature (about 90–96 °C) and contact time; under-extracted coffee tastes sour, over-extracted bitter.' },
  { slug: 'ocean-currents', title: 'Ocean currents', text: 'Wind drives surface currents; differences in temperature and salinity drive the slow thermohaline circulation. The Gulf Stream carries warm water north and keeps north-western Europe milder than its latitude suggests.' },
  { slug: 'ecology-keystone', title: 'Keystone species', text: 'In ecology, a keystone species has an effect on its ecosystem far larger than its numbers. Sea otters keep sea urchins in check and so protect kelp forests; removing them lets urchins strip the kelp.' },
  { slug: 'weather-forecasts', title: 'Weather forecasts', text: 'Numerical weather prediction solves the equations of the atmosphere on a grid from millions of observations. Ensembles of slightly different runs show how certain a forecast is; skill falls off after about a week.' },
  { slug: 'slow-living', title: 'Slow living', text: 'A movement that grew from slow food in the 1980s: doing fewer things with more attention, cooking and mending instead of buying, and valuing time over speed.' },
  { slug: 'open-source', title: 'Open source software', text: 'Software whose source anyone may read, change and share under a licence. Most of it is maintained by a few people; funding, security updates and burnout are recurring problems.' },
  { slug: 'engineering-tools', title: 'Tools and engineering', text: 'Good tools are boring: predictable, documented and fast to undo. Engineers often value a tool by how it fails, whether it says clearly what went wrong and leaves the work intact.' },
  { slug: 'productivity', title: 'Productivity', text: 'Studies of knowledge work find that interruptions cost far more than their length, and that long stretches of focused time matter more than total hours. Writing a task down frees attention for doing it.' },
  { slug: 'astronomy-exoplanets', title: 'Exoplanets', text: 'One of astronomy\'s great changes: thousands of planets around other stars are known, found mostly by the dip in starlight as they pass in front of their star or by the wobble they cause. Some lie in the zone where liquid water could exist.' },
  { slug: 'speculative-fiction', title: 'Speculative fiction', text: 'Fiction that asks "what if": science fiction, fantasy and their neighbours. Its best stories change one thing about the world and follow the consequences honestly.' },
  { slug: 'music-theory', title: 'Music and harmony', text: 'Western harmony rests on intervals whose frequencies have simple ratios, like the octave (2:1) and the fifth (3:2). Equal temperament slightly mistunes them so every key sounds alike.' },
  { slug: 'design', title: 'Design', text: 'Design is deciding what something is for and removing what does not serve it. Affordances show how a thing can be used; a good label or default often does more than a manual.' },
  { slug: 'cooperatives', title: 'Cooperatives', text: 'Businesses owned and run by their members, one member one vote. The Rochdale Pioneers of 1844 set out principles still used today; cooperatives range from corner shops to large banks.' },
  { slug: 'economics-commons', title: 'The commons', text: 'In economics, Elinor Ostrom showed that communities often manage shared resources such as fisheries or pastures well without state control or private ownership, through clear boundaries, local rules and graduated sanctions.' },
  { slug: 'ethics', title: 'Ethics', text: 'Moral philosophy asks what we ought to do. Consequentialism judges acts by their outcomes, deontology by duties and rules, virtue ethics by the character they express.' },
  { slug: 'governance', title: 'Governance of online communities', text: 'Communities that last usually have visible rules, moderators who explain their decisions, and a way for members to appeal. Reputation systems help, but reward whatever they count.' },
  { slug: 'internet-culture', title: 'Internet culture', text: 'Memes, in-jokes and forums shaped how people talk online. Early communities ran on mailing lists and bulletin boards; many of their norms, like lurking before posting, survive.' },
  { slug: 'media-history', title: 'Media history', text: 'Every new medium, from newspapers to radio to the web, was feared for harming attention or morals, and each changed what counted as news and who could publish it.' },
  { slug: 'games', title: 'Games', text: 'Games are rules that make a goal interesting to reach. Designers tune feedback loops and difficulty so players stay between boredom and frustration.' },
];

const words = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter((w) => w.length > 2);
const stem = (w: string) => w.replace(/(ing|ies|es|s)$/, '');

/** Notes ranked by how many of the query's words they share (titles count double). */
export function searchNotes(query: string, limit: number): SearchResult[] {
  const q = new Set(words(query).map(stem));
  if (!q.size) return [];
  return NOTES.map((n) => {
    const title = new Set(words(n.title).map(stem));
    const text = new Set(words(n.text).map(stem));
    let score = 0;
    for (const w of q) score += (title.has(w) ? 2 : 0) + (text.has(w) ? 1 : 0);
    return { n, score };
  })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ n }) => ({ title: n.title, snippet: n.text, url: `chorus:offline-notes/${n.slug}`, source: OFFLINE_SOURCE }));
}

export const offlineNotesSearch: WebSearch = {
  name: 'offline',
  async search(query, limit) {
    return searchNotes(query, limit);
  },
};
