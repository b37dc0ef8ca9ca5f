/**
 * What the simulated model knows about a topic: a few concrete aspects (noun phrases, so they fit
 * any noun slot) and claims (whole clauses, so they fit after "I think" or stand alone). The demo
 * community's interests have their own; any other topic gets aspects built around its name, which
 * stay grammatical because the name is only ever used as a noun phrase.
 */
export interface TopicKnowledge {
  aspects: string[];
  claims: string[];
}

const KNOWN: Record<string, TopicKnowledge> = {
  'old books': {
    aspects: ['foxed endpapers', 'owners\' inscriptions', 'the smell of acid paper', 'sewn bindings', 'library stamps in second-hand copies', 'errata slips'],
    claims: ['a book\'s previous owners are part of its text', 'most old books survived by neglect rather than care', 'cheap reprints did more for reading than fine editions'],
  },
  annotation: {
    aspects: ['pencil notes in the margins', 'underlining without comment', 'shared annotations', 'one-word protests in the margin', 'reading notes nobody reads again'],
    claims: ['an annotation is a conversation with a stranger', 'people annotate to argue, not to remember', 'a margin full of notes is worth more than a clean copy'],
  },
  'history of science': {
    aspects: ['lab notebooks', 'priority disputes', 'failed experiments nobody published', 'instrument makers', 'the letters between rival scientists'],
    claims: ['most discoveries were argued into existence over years', 'the heroes of science stories were rarely alone', 'old mistakes teach more than old successes'],
  },
  libraries: {
    aspects: ['interlibrary loans', 'card catalogues', 'quiet reading rooms', 'library fines', 'the reference desk'],
    claims: ['a library is the last public room where nobody sells you anything', 'librarians were search engines long before search engines', 'a closed branch library costs a town more than it saves'],
  },
  statistics: {
    aspects: ['small samples', 'confidence intervals', 'base rates', 'p-values near 0.05', 'regression to the mean', 'survivorship bias'],
    claims: ['most surprising results are small samples in disguise', 'a chart without error bars is an opinion', 'base rates settle more arguments than clever models'],
  },
  'replication crisis': {
    aspects: ['preregistration', 'effect sizes that shrink on retest', 'underpowered studies', 'file-drawer results', 'registered reports'],
    claims: ['half of a famous literature can vanish on retest', 'journals rewarded novelty over truth for decades', 'a failed replication is a result, not an insult'],
  },
  forecasting: {
    aspects: ['calibration curves', 'base-rate forecasts', 'prediction markets', 'Brier scores', 'forecasts nobody checks later'],
    claims: ['pundits are rarely scored, so they are rarely right', 'boring base rates beat confident experts', 'a forecast without a date is not a forecast'],
  },
  'coffee chemistry': {
    aspects: ['extraction yield', 'water hardness', 'roast development', 'grind size', 'the bloom of fresh grounds'],
    claims: ['water matters more than the beans most people argue about', 'most bitter coffee is over-extracted, not strong', 'freshly roasted beans need days to rest'],
  },
  oceans: {
    aspects: ['deep currents', 'kelp forests', 'the thermocline', 'plankton blooms', 'the intertidal zone', 'salt marshes'],
    claims: ['the ocean keeps a slower clock than anything on land', 'most of the sea floor is mapped worse than the Moon', 'small creatures move more carbon than whales do'],
  },
  ecology: {
    aspects: ['food webs', 'keystone species', 'soil fungi', 'edge habitats', 'invasive species', 'seasonal migrations'],
    claims: ['removing one species changes a whole shore', 'a healthy system looks untidy', 'recovery takes longer than the damage did'],
  },
  weather: {
    aspects: ['sea fog', 'pressure fronts', 'the smell before rain', 'forecast uncertainty', 'rain shadows'],
    claims: ['weather is mostly the ocean talking', 'a five-day forecast is a small miracle', 'people remember storms and forget calm weeks'],
  },
  'slow living': {
    aspects: ['long walks', 'mending clothes', 'cooking from scratch', 'unplanned afternoons', 'seasonal routines'],
    claims: ['slowness is a skill, not a mood', 'most hurry is borrowed from other people', 'a quiet hour makes the next busy one shorter'],
  },
  engineering: {
    aspects: ['code review', 'flaky tests', 'rollback plans', 'technical debt', 'on-call rotations', 'design documents'],
    claims: ['most outages start as a change nobody reviewed', 'a fast rollback beats a perfect release', 'teams ship faster when they write less code'],
  },
  tools: {
    aspects: ['command-line tools', 'build scripts', 'editor plugins', 'checklists', 'dashboards nobody opens'],
    claims: ['a good tool disappears while you use it', 'most tools fail because nobody owns them', 'a shared checklist prevents more mistakes than a new tool'],
  },
  'open source': {
    aspects: ['maintainer burnout', 'issue triage', 'contributor guides', 'licence choices', 'abandoned forks'],
    claims: ['open source runs on the unpaid evenings of a few maintainers', 'a project with a clear roadmap gets better contributors', 'most forks die within a year'],
  },
  productivity: {
    aspects: ['weekly reviews', 'deep work blocks', 'meeting-free days', 'task lists', 'context switching'],
    claims: ['most productivity systems are procrastination with extra steps', 'fewer meetings do more than any app', 'finishing one thing beats starting three'],
  },
  astronomy: {
    aspects: ['variable stars', 'dark-sky parks', 'exoplanet transits', 'meteor showers', 'the Andromeda galaxy', 'light pollution'],
    claims: ['every constellation is a story someone needed', 'amateurs still find comets the professionals miss', 'the night sky is the oldest shared screen'],
  },
  'speculative fiction': {
    aspects: ['generation ships', 'first-contact stories', 'invented languages', 'utopias with a catch', 'future cities'],
    claims: ['the best science fiction is about the present in disguise', 'a good alien is a mirror held at an angle', 'utopias are more interesting than dystopias to write well'],
  },
  music: {
    aspects: ['bass lines', 'field recordings', 'B-sides', 'live bootlegs', 'drum machines', 'songs in odd time signatures'],
    claims: ['the best part of a song is often the mistake they kept', 'every genre starts as someone doing it wrong', 'silence is an instrument most bands ignore'],
  },
  design: {
    aspects: ['empty space', 'default settings', 'icons without labels', 'typefaces', 'colour palettes', 'onboarding screens'],
    claims: ['good design is mostly deciding what to leave out', 'defaults shape behaviour more than features do', 'an interface that needs a tutorial has already lost'],
  },
  economics: {
    aspects: ['minimum wages', 'hidden costs', 'price signals', 'public goods', 'incentive schemes', 'rent'],
    claims: ['most incentives reward the wrong thing sooner or later', 'prices tell you what is scarce, not what is valuable', 'a cost that nobody sees still gets paid by someone'],
  },
  cooperatives: {
    aspects: ['one-member-one-vote', 'worker ownership', 'surplus sharing', 'member meetings', 'credit unions'],
    claims: ['a cooperative survives bad years better than a firm', 'shared ownership changes what people notice', 'the hardest part of a cooperative is the meetings'],
  },
  ethics: {
    aspects: ['hard trade-offs', 'duties to strangers', 'consent', 'honesty under pressure', 'who gets a say'],
    claims: ['fairness is mostly about who gets heard', 'good intentions do not balance bad outcomes', 'a rule nobody can explain is not a moral rule'],
  },
  governance: {
    aspects: ['term limits', 'quorum rules', 'public minutes', 'veto powers', 'rotating chairs'],
    claims: ['most governance fails at the boring parts', 'rules matter less than who enforces them', 'a vote without a quorum rule is a trap'],
  },
  'internet culture': {
    aspects: ['reaction images', 'dead forums', 'copypasta', 'comment sections', 'algorithmic feeds', 'inside jokes'],
    claims: ['every meme is a folk song with a shorter life', 'the old forums had better manners than the feeds', 'irony is how the internet says something sincere'],
  },
  'media history': {
    aspects: ['pirate radio', 'cassette tapes', 'public-access television', 'fanzines', 'late-night broadcasts'],
    claims: ['every new medium was called the end of culture', 'the margins of the dial always had the best shows', 'media history is mostly a history of rules being broken'],
  },
  games: {
    aspects: ['speedruns', 'level editors', 'board game rules', 'save points', 'difficulty settings', 'glitches'],
    claims: ['a game is a set of rules people agree to love', 'players find the fun the designers missed', 'a bug the community loves is a feature'],
  },
};

/** Aspects for a topic the model has no notes on; the topic is used only as a noun phrase. */
function generic(topic: string): TopicKnowledge {
  return {
    aspects: [`the history of ${topic}`, `beginners in ${topic}`, `the best writing on ${topic}`, `the economics of ${topic}`, `the tools of ${topic}`, `the people who care about ${topic}`],
    claims: [`working on ${topic} is harder than it looks from outside`, `most arguments about ${topic} are really about definitions`, `the field of ${topic} changes slowly and then all at once`],
  };
}

export function knowledgeOf(topic: string): TopicKnowledge {
  return KNOWN[topic.toLowerCase().trim()] ?? generic(topic);
}
