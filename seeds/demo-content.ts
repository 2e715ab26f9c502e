// The hand-written copy of the demo event: a counter-UAS Industry Day modelled on the
// NATO Industry Days at NATO HQ in Brussels. Every organisation and person is fictional;
// websites and emails use the reserved .example domain. seeds/demo-dataset.ts turns this
// catalogue into rows and generates the bulk (attendees, requests, meetings) around it.
import { NATO_MEMBER_STATES } from '#app/domain/events/event-details.ts'
import type { OrganisationKind, OrganisationSize, QuestionKind, SessionKind } from '#prisma/generated/sqlite/enums.ts'

// The canonical dataset's; the seeded event is named after the year the reference day puts it in.
export const EVENT_SLUG = 'counter-uas-industry-day-2027'
export const EVENT_TITLE = 'Counter-UAS Industry Day 2027'
export const EVENT_TIME_ZONE = 'Europe/Brussels'
/** Calendar UIDs of seeded rows end with this domain, so they never collide with the app's own. */
export const CALENDAR_UID_DOMAIN = 'muster.demo'

// The eligibility rule's NATO list, the one the organisers' form offers.
export { NATO_MEMBER_STATES }
export type NatoCountry = (typeof NATO_MEMBER_STATES)[number]

export const COUNTRY_ADJECTIVES: Record<NatoCountry, string> = {
  AL: 'Albanian', BE: 'Belgian', BG: 'Bulgarian', CA: 'Canadian', HR: 'Croatian', CZ: 'Czech',
  DK: 'Danish', EE: 'Estonian', FI: 'Finnish', FR: 'French', DE: 'German', GR: 'Greek',
  HU: 'Hungarian', IS: 'Icelandic', IT: 'Italian', LV: 'Latvian', LT: 'Lithuanian',
  LU: 'Luxembourg', ME: 'Montenegrin', NL: 'Netherlands', MK: 'North Macedonian', NO: 'Norwegian',
  PL: 'Polish', PT: 'Portuguese', RO: 'Romanian', SK: 'Slovak', SI: 'Slovenian', ES: 'Spanish',
  SE: 'Swedish', TR: 'Turkish', GB: 'UK', US: 'US',
}

// ---------- Capability taxonomy ----------

export const CAPABILITY_CATEGORIES = ['Detect', 'Track & identify', 'Defeat', 'Integrate', 'Industrial'] as const
export type CapabilityCategory = (typeof CAPABILITY_CATEGORIES)[number]

export type CapabilityEntry = {
  slug: string
  label: string
  category: CapabilityCategory
  /** Free tags a profile with this capability picks from. */
  tags: readonly string[]
}

export const CAPABILITIES: readonly CapabilityEntry[] = [
  { slug: 'rf-detection', label: 'RF detection', category: 'Detect', tags: ['passive RF', 'direction finding', 'SDR', 'drone-controller geolocation'] },
  { slug: 'radar-detection', label: 'Radar detection', category: 'Detect', tags: ['X-band', 'AESA', '3D radar', 'low-RCS targets', 'micro-Doppler'] },
  { slug: 'eo-ir-sensing', label: 'Electro-optical and infrared sensing', category: 'Detect', tags: ['thermal imaging', 'SWIR', 'pan-tilt-zoom', 'day/night'] },
  { slug: 'acoustic-sensing', label: 'Acoustic sensing', category: 'Detect', tags: ['microphone arrays', 'low-cost sensors', 'distributed networks'] },
  { slug: 'tracking-sensor-fusion', label: 'Tracking and sensor fusion', category: 'Track & identify', tags: ['multi-sensor fusion', 'Kalman filtering', 'AI classification', 'edge computing'] },
  { slug: 'identification', label: 'Identification (Remote ID, IFF)', category: 'Track & identify', tags: ['Remote ID', 'IFF', 'ADS-B', 'friend-or-foe'] },
  { slug: 'kinetic-defeat', label: 'Kinetic defeat (interceptors, guns)', category: 'Defeat', tags: ['interceptor drones', 'airburst ammunition', 'net capture', 'remote weapon stations'] },
  { slug: 'rf-jamming-ew', label: 'RF jamming and electronic warfare', category: 'Defeat', tags: ['GNSS denial', 'wideband jamming', 'protocol-aware jamming', 'EW'] },
  { slug: 'cyber-takeover', label: 'Cyber takeover', category: 'Defeat', tags: ['protocol manipulation', 'forced landing', 'low collateral'] },
  { slug: 'directed-energy', label: 'Directed energy (laser, high-power microwave)', category: 'Defeat', tags: ['high-energy laser', 'high-power microwave', 'swarm defeat'] },
  { slug: 'c2-integration', label: 'Command and control integration', category: 'Integrate', tags: ['C2', 'open architecture', 'SAPIENT', 'air picture'] },
  { slug: 'critical-infrastructure', label: 'Counter-UAS for critical infrastructure', category: 'Integrate', tags: ['airports', 'energy sites', 'ports', 'military bases'] },
  { slug: 'production-capacity', label: 'Production capacity at scale', category: 'Industrial', tags: ['serial production', 'surge capacity', 'automated assembly'] },
  { slug: 'supply-chain', label: 'Supply chain and components', category: 'Industrial', tags: ['electronic components', 'rocket motors', 'batteries', 'trusted supply'] },
  { slug: 'testing-evaluation', label: 'Testing and evaluation', category: 'Industrial', tags: ['test ranges', 'red teaming', 'certification'] },
  { slug: 'training', label: 'Training and simulation', category: 'Industrial', tags: ['operator training', 'synthetic environments', 'drone threat replication'] },
]

// ---------- Organisations ----------

export type OrganisationEntry = {
  slug: string
  name: string
  kind: OrganisationKind
  country: NatoCountry
  size: OrganisationSize
  /** Email and website domain, always under the reserved .example TLD. */
  domain: string
  description: string
  capabilities: readonly string[]
}

/** The organisation that hosts the event; the staff users belong to it. */
export const HOST_ORGANISATION_SLUG = 'nato-defence-investment-directorate'

export const ORGANISATIONS: readonly OrganisationEntry[] = [
  // Host
  { slug: HOST_ORGANISATION_SLUG, name: 'NATO Defence Investment Directorate', kind: 'OTHER', country: 'BE', size: 'LARGE', domain: 'defence-investment.example', description: 'International staff directorate that organises industry days and brings Allied capability needs to industry.', capabilities: [] },
  // Government buyers
  { slug: 'allied-air-defence-support-agency', name: 'Allied Air Defence Support Agency', kind: 'GOVERNMENT_BUYER', country: 'LU', size: 'LARGE', domain: 'aadsa.example', description: 'Multinational acquisition agency that buys counter-UAS systems on behalf of groups of Allies, from common-funded projects to joint national purchases.', capabilities: ['c2-integration', 'kinetic-defeat', 'rf-detection', 'testing-evaluation'] },
  { slug: 'federal-armaments-procurement-office', name: 'Federal Armaments Procurement Office', kind: 'GOVERNMENT_BUYER', country: 'DE', size: 'LARGE', domain: 'fapo.example', description: 'National procurement office buying short-range air defence and counter-drone systems for the armed forces.', capabilities: ['radar-detection', 'kinetic-defeat', 'directed-energy', 'production-capacity'] },
  { slug: 'polish-defence-acquisition-office', name: 'Polish Defence Acquisition Office', kind: 'GOVERNMENT_BUYER', country: 'PL', size: 'LARGE', domain: 'pdao.example', description: 'Acquires counter-UAS capability for the eastern flank, with a focus on fielding quickly and producing in volume.', capabilities: ['eo-ir-sensing', 'kinetic-defeat', 'rf-jamming-ew', 'production-capacity'] },
  { slug: 'netherlands-defence-acquisition-bureau', name: 'Netherlands Defence Acquisition Bureau', kind: 'GOVERNMENT_BUYER', country: 'NL', size: 'LARGE', domain: 'ndab.example', description: 'Buys and integrates sensors and command-and-control systems for joint air defence.', capabilities: ['tracking-sensor-fusion', 'c2-integration', 'critical-infrastructure'] },
  { slug: 'estonian-defence-procurement-board', name: 'Estonian Defence Procurement Board', kind: 'GOVERNMENT_BUYER', country: 'EE', size: 'MEDIUM', domain: 'edpb.example', description: 'Small, fast-moving procurement board that buys affordable detection and defeat systems for territorial defence.', capabilities: ['acoustic-sensing', 'rf-detection', 'kinetic-defeat', 'training'] },
  { slug: 'directorate-for-air-defence-acquisition', name: 'Directorate for Air Defence Acquisition', kind: 'GOVERNMENT_BUYER', country: 'FR', size: 'LARGE', domain: 'dada.example', description: 'Runs national programmes for ground-based air defence, including laser and microwave counter-drone effectors.', capabilities: ['directed-energy', 'eo-ir-sensing', 'c2-integration'] },
  { slug: 'us-joint-counter-drone-acquisition-cell', name: 'US Joint Counter-Drone Acquisition Cell', kind: 'GOVERNMENT_BUYER', country: 'US', size: 'LARGE', domain: 'jcdac.example', description: 'Joint acquisition cell that prototypes and buys counter-small-UAS systems across the services.', capabilities: ['identification', 'tracking-sensor-fusion', 'c2-integration', 'directed-energy', 'cyber-takeover'] },
  { slug: 'romanian-defence-procurement-directorate', name: 'Romanian Defence Procurement Directorate', kind: 'GOVERNMENT_BUYER', country: 'RO', size: 'LARGE', domain: 'rdpd.example', description: 'Procures air surveillance and protection for critical infrastructure on the Black Sea coast.', capabilities: ['radar-detection', 'critical-infrastructure', 'supply-chain'] },
  // Large companies
  { slug: 'aldermark-defence-systems', name: 'Aldermark Defence Systems', kind: 'LARGE_COMPANY', country: 'GB', size: 'LARGE', domain: 'aldermark.example', description: 'Prime contractor for ground-based air defence: radars, fire control and integrated counter-UAS systems.', capabilities: ['radar-detection', 'tracking-sensor-fusion', 'c2-integration', 'production-capacity'] },
  { slug: 'helvion-aerospace', name: 'Helvion Aerospace', kind: 'LARGE_COMPANY', country: 'FR', size: 'LARGE', domain: 'helvion.example', description: 'Aerospace group building optronic turrets, high-energy lasers and guided interceptors.', capabilities: ['eo-ir-sensing', 'directed-energy', 'kinetic-defeat'] },
  { slug: 'rhenwald-defence', name: 'Rhenwald Defence', kind: 'LARGE_COMPANY', country: 'DE', size: 'LARGE', domain: 'rhenwald.example', description: 'Maker of air-defence guns and programmable airburst ammunition, with plants in three Allied countries.', capabilities: ['kinetic-defeat', 'production-capacity', 'supply-chain'] },
  { slug: 'castellan-dynamics', name: 'Castellan Dynamics', kind: 'LARGE_COMPANY', country: 'US', size: 'LARGE', domain: 'castellan.example', description: 'Builds low-cost interceptor missiles and the fire-control software that cues them.', capabilities: ['kinetic-defeat', 'c2-integration', 'tracking-sensor-fusion'] },
  { slug: 'ferrostar-sistemi', name: 'Ferrostar Sistemi', kind: 'LARGE_COMPANY', country: 'IT', size: 'LARGE', domain: 'ferrostar.example', description: 'Radar and electronic-warfare systems for land and naval air defence and for protecting critical sites.', capabilities: ['radar-detection', 'rf-jamming-ew', 'critical-infrastructure'] },
  { slug: 'valdora-electronics', name: 'Valdora Electronics', kind: 'LARGE_COMPANY', country: 'ES', size: 'LARGE', domain: 'valdora.example', description: 'Electronic-warfare specialist supplying RF detectors, jammers and hardened components.', capabilities: ['rf-jamming-ew', 'rf-detection', 'supply-chain'] },
  { slug: 'anatolian-sky-systems', name: 'Anatolian Sky Systems', kind: 'LARGE_COMPANY', country: 'TR', size: 'LARGE', domain: 'anatoliansky.example', description: 'Vehicle-mounted counter-drone systems combining guns, jammers and radar, produced in high volume.', capabilities: ['kinetic-defeat', 'rf-jamming-ew', 'production-capacity'] },
  { slug: 'vistula-defence-works', name: 'Vistula Defence Works', kind: 'LARGE_COMPANY', country: 'PL', size: 'LARGE', domain: 'vistulaworks.example', description: 'Industrial group producing ammunition, launchers and interceptor airframes at scale.', capabilities: ['kinetic-defeat', 'production-capacity', 'supply-chain'] },
  // SMEs
  { slug: 'skyguard-sensing', name: 'SkyGuard Sensing', kind: 'SME', country: 'NL', size: 'MEDIUM', domain: 'skyguard.example', description: 'Passive RF sensors that detect and locate drones and their pilots, in series production since 2024.', capabilities: ['rf-detection', 'tracking-sensor-fusion'] },
  { slug: 'lumen-optronics', name: 'Lumen Optronics', kind: 'SME', country: 'BE', size: 'MEDIUM', domain: 'lumen-optronics.example', description: 'Cooled and uncooled thermal cameras with on-board drone classification.', capabilities: ['eo-ir-sensing'] },
  { slug: 'baltic-rf-labs', name: 'Baltic RF Labs', kind: 'SME', country: 'LT', size: 'SMALL', domain: 'balticrf.example', description: 'Software-defined radios for drone detection and protocol-aware jamming, developed with front-line feedback.', capabilities: ['rf-detection', 'rf-jamming-ew'] },
  { slug: 'tatra-acoustics', name: 'Tatra Acoustics', kind: 'SME', country: 'SK', size: 'SMALL', domain: 'tatra-acoustics.example', description: 'Networks of low-cost acoustic sensors that hear drones where radar cannot see them.', capabilities: ['acoustic-sensing'] },
  { slug: 'danube-radar-systems', name: 'Danube Radar Systems', kind: 'SME', country: 'HU', size: 'MEDIUM', domain: 'danuberadar.example', description: 'Compact 3D radars tuned for small, slow and low targets.', capabilities: ['radar-detection'] },
  { slug: 'fjordsignal', name: 'FjordSignal', kind: 'SME', country: 'DK', size: 'SMALL', domain: 'fjordsignal.example', description: 'Remote ID receivers and identification software that separate cooperative drones from threats.', capabilities: ['identification', 'tracking-sensor-fusion'] },
  { slug: 'adriatic-interceptors', name: 'Adriatic Interceptors', kind: 'SME', country: 'HR', size: 'MEDIUM', domain: 'adriatic-interceptors.example', description: 'Fixed-wing and quadcopter interceptor drones built on an automated production line.', capabilities: ['kinetic-defeat', 'production-capacity'] },
  { slug: 'olympus-tracking', name: 'Olympus Tracking', kind: 'SME', country: 'GR', size: 'SMALL', domain: 'olympus-tracking.example', description: 'Sensor-fusion engine that merges radar, RF and camera tracks into one air picture.', capabilities: ['tracking-sensor-fusion', 'c2-integration'] },
  { slug: 'maple-sentinel', name: 'Maple Sentinel', kind: 'SME', country: 'CA', size: 'MEDIUM', domain: 'maplesentinel.example', description: 'Counter-UAS integrator protecting airports, power plants and military bases.', capabilities: ['critical-infrastructure', 'c2-integration', 'training'] },
  { slug: 'vltava-test-and-evaluation', name: 'Vltava Test & Evaluation', kind: 'SME', country: 'CZ', size: 'SMALL', domain: 'vltava-te.example', description: 'Independent test range and red team that flies realistic drone threats against counter-UAS systems.', capabilities: ['testing-evaluation', 'training'] },
  // Start-ups
  { slug: 'hornet-interceptors', name: 'Hornet Interceptors', kind: 'START_UP', country: 'EE', size: 'SMALL', domain: 'hornet.example', description: 'Low-cost interceptor drones that hunt attack drones autonomously in the terminal phase.', capabilities: ['kinetic-defeat', 'production-capacity'] },
  { slug: 'quietwave', name: 'Quietwave', kind: 'START_UP', country: 'FI', size: 'MICRO', domain: 'quietwave.example', description: 'Acoustic detection nodes with machine-learning classification that run for months on one battery.', capabilities: ['acoustic-sensing', 'tracking-sensor-fusion'] },
  { slug: 'kestrel-vision', name: 'Kestrel Vision', kind: 'START_UP', country: 'SE', size: 'SMALL', domain: 'kestrel-vision.example', description: 'Computer-vision software that detects and classifies drones in any camera feed.', capabilities: ['eo-ir-sensing', 'tracking-sensor-fusion'] },
  { slug: 'swarmbreak', name: 'Swarmbreak', kind: 'START_UP', country: 'LV', size: 'MICRO', domain: 'swarmbreak.example', description: 'Protocol-aware jamming and cyber takeover against drone swarms.', capabilities: ['rf-jamming-ew', 'cyber-takeover'] },
  { slug: 'pixelhawk', name: 'Pixelhawk', kind: 'START_UP', country: 'SI', size: 'MICRO', domain: 'pixelhawk.example', description: 'Long-range EO/IR identification of drones, payloads and markings.', capabilities: ['eo-ir-sensing', 'identification'] },
  { slug: 'netcatch-robotics', name: 'Netcatch Robotics', kind: 'START_UP', country: 'US', size: 'SMALL', domain: 'netcatch.example', description: 'Net-capture interceptors for places where nothing may fall from the sky in pieces.', capabilities: ['kinetic-defeat', 'critical-infrastructure'] },
  { slug: 'lynx-fusion', name: 'Lynx Fusion', kind: 'START_UP', country: 'PL', size: 'SMALL', domain: 'lynxfusion.example', description: 'Open-architecture C2 that plugs any sensor and effector into one operator screen.', capabilities: ['tracking-sensor-fusion', 'c2-integration'] },
  { slug: 'aurora-photonics', name: 'Aurora Photonics', kind: 'START_UP', country: 'GB', size: 'SMALL', domain: 'aurora-photonics.example', description: 'Compact fibre lasers for directed-energy counter-drone effectors.', capabilities: ['directed-energy', 'supply-chain'] },
  { slug: 'icewind-autonomy', name: 'Icewind Autonomy', kind: 'START_UP', country: 'IS', size: 'MICRO', domain: 'icewind.example', description: 'Synthetic drone threats and simulation for training counter-UAS operators.', capabilities: ['training', 'testing-evaluation'] },
  { slug: 'luxcyber-labs', name: 'LuxCyber Labs', kind: 'START_UP', country: 'LU', size: 'MICRO', domain: 'luxcyber.example', description: 'Cyber takeover of commercial drones: forced landing at a safe point with no debris.', capabilities: ['cyber-takeover', 'identification'] },
  // Academia
  { slug: 'brussels-centre-for-security-technology', name: 'Brussels Centre for Security Technology', kind: 'ACADEMIA', country: 'BE', size: 'MEDIUM', domain: 'bcst.example', description: 'University research centre for sensing, tracking and the evaluation of counter-UAS systems.', capabilities: ['testing-evaluation', 'tracking-sensor-fusion'] },
  { slug: 'carpathian-technical-university', name: 'Carpathian Technical University', kind: 'ACADEMIA', country: 'RO', size: 'LARGE', domain: 'ctu-radar.example', description: 'Radar and microwave group researching micro-Doppler classification and high-power microwave effects.', capabilities: ['radar-detection', 'directed-energy'] },
  { slug: 'north-atlantic-defence-research-institute', name: 'North Atlantic Defence Research Institute', kind: 'ACADEMIA', country: 'NO', size: 'MEDIUM', domain: 'nadri.example', description: 'Defence research institute with Arctic test facilities for sensors and effectors.', capabilities: ['acoustic-sensing', 'eo-ir-sensing', 'testing-evaluation'] },
  // Other
  { slug: 'counter-drone-industry-association', name: 'Counter-Drone Industry Association of Europe', kind: 'OTHER', country: 'BE', size: 'SMALL', domain: 'cdia.example', description: 'Trade association of counter-UAS manufacturers, from start-ups to primes.', capabilities: ['production-capacity', 'supply-chain'] },
]

// Parts for the organisations generated beyond the hand-written ones at benchmark sizes.
export const GENERATED_NAME_FIRST = ['Amber', 'Argent', 'Aster', 'Beacon', 'Boreal', 'Cedar', 'Cobalt', 'Crest', 'Ember', 'Granite', 'Harbour', 'Halcyon', 'Juniper', 'Keystone', 'Linden', 'Meridian', 'Northgate', 'Onyx', 'Pinnacle', 'Quartz', 'Sable', 'Talon', 'Umber', 'Vantage', 'Willow', 'Zenith'] as const
export const GENERATED_NAME_SECOND = ['Ridge', 'Field', 'Point', 'Line', 'Gate', 'Reach', 'Watch', 'Vale', 'Stone', 'Crown', 'Forge', 'Shield', 'Sound', 'Peak', 'Bay', 'Mark'] as const
export const GENERATED_NAME_SUFFIX: Record<Exclude<OrganisationKind, 'GOVERNMENT_BUYER'>, readonly string[]> = {
  LARGE_COMPANY: ['Defence', 'Aerospace', 'Systems Group', 'Industries'],
  SME: ['Systems', 'Electronics', 'Sensing', 'Engineering'],
  START_UP: ['Labs', 'Robotics', 'Autonomy', 'Technologies'],
  ACADEMIA: ['Institute of Technology', 'Research Centre'],
  OTHER: ['Industry Network', 'Defence Cluster'],
}
export const GENERATED_BUYER_UNITS = [
  'Air Defence Procurement Office',
  'Land Forces Acquisition Office',
  'Joint Counter-Drone Programme Office',
  'Border Protection Procurement Unit',
  'Naval Systems Acquisition Office',
  'Critical Infrastructure Security Agency',
] as const
export const GENERATED_DESCRIPTIONS: Record<OrganisationKind, string> = {
  GOVERNMENT_BUYER: 'National procurement office buying',
  LARGE_COMPANY: 'Defence group supplying',
  SME: 'Specialist supplier of',
  START_UP: 'Start-up developing',
  ACADEMIA: 'Research group working on',
  OTHER: 'Industry network promoting',
}

// ---------- People ----------

type NameRegion = 'anglo' | 'french' | 'germanic' | 'nordic' | 'baltic' | 'central' | 'southern' | 'southeast'

export const NAME_REGION_OF_COUNTRY: Record<NatoCountry, NameRegion> = {
  GB: 'anglo', US: 'anglo', CA: 'anglo',
  FR: 'french', BE: 'french', LU: 'french',
  DE: 'germanic', NL: 'germanic',
  DK: 'nordic', NO: 'nordic', SE: 'nordic', FI: 'nordic', IS: 'nordic',
  EE: 'baltic', LV: 'baltic', LT: 'baltic',
  PL: 'central', CZ: 'central', SK: 'central', HU: 'central', SI: 'central', HR: 'central',
  IT: 'southern', ES: 'southern', PT: 'southern', GR: 'southern',
  RO: 'southeast', BG: 'southeast', AL: 'southeast', ME: 'southeast', MK: 'southeast', TR: 'southeast',
}

export const NAMES_BY_REGION: Record<NameRegion, { first: readonly string[]; last: readonly string[] }> = {
  anglo: {
    first: ['Oliver', 'Emily', 'James', 'Sarah', 'Michael', 'Hannah', 'Daniel', 'Olivia', 'Matthew', 'Grace', 'Ethan', 'Chloe'],
    last: ['Whitaker', 'Brennan', 'Caldwell', 'Hughes', 'Morrison', 'Fletcher', 'Harper', 'Lawson', 'Sinclair', 'Turner', 'Walsh', 'Kendall'],
  },
  french: {
    first: ['Camille', 'Julien', 'Élodie', 'Mathieu', 'Claire', 'Antoine', 'Sophie', 'Nicolas', 'Léa', 'Thomas', 'Margaux', 'Pierre'],
    last: ['Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Fontaine', 'Rousseau', 'Mercier', 'Peeters', 'Janssens', 'Maes', 'Lambert'],
  },
  germanic: {
    first: ['Lukas', 'Anna', 'Jonas', 'Lena', 'Felix', 'Marie', 'Maximilian', 'Sophie', 'Jan', 'Lotte', 'Bram', 'Femke'],
    last: ['Schneider', 'Becker', 'Hoffmann', 'Wagner', 'Richter', 'Krüger', 'de Vries', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer'],
  },
  nordic: {
    first: ['Erik', 'Ingrid', 'Lars', 'Astrid', 'Mikkel', 'Freja', 'Henrik', 'Sigrid', 'Aleksi', 'Aino', 'Gunnar', 'Sólveig'],
    last: ['Andersen', 'Nilsen', 'Lindqvist', 'Johansson', 'Virtanen', 'Korhonen', 'Halvorsen', 'Berg', 'Dahl', 'Sigurðsson', 'Mikkelsen', 'Lehtonen'],
  },
  baltic: {
    first: ['Kristjan', 'Liis', 'Mārtiņš', 'Ilze', 'Tomas', 'Rūta', 'Andrus', 'Kadri', 'Jānis', 'Laura', 'Darius', 'Eglė'],
    last: ['Tamm', 'Saar', 'Kalniņš', 'Ozols', 'Kazlauskas', 'Petrauskas', 'Mägi', 'Bērziņš', 'Jankauskas', 'Kask', 'Liepa', 'Vaitkus'],
  },
  central: {
    first: ['Piotr', 'Katarzyna', 'Tomáš', 'Petra', 'Marek', 'Zsófia', 'Bence', 'Jana', 'Luka', 'Maja', 'Ivan', 'Ana'],
    last: ['Nowak', 'Novák', 'Horváth', 'Nagy', 'Szabó', 'Dvořák', 'Kranjc', 'Babić', 'Horvat', 'Varga', 'Kovač', 'Wójcik'],
  },
  southern: {
    first: ['Giulia', 'Marco', 'Lucía', 'Javier', 'Inês', 'João', 'Eleni', 'Giorgos', 'Chiara', 'Alessandro', 'Carmen', 'Nikos'],
    last: ['Rossi', 'Bianchi', 'García', 'Fernández', 'Silva', 'Costa', 'Papadopoulos', 'Georgiou', 'Romano', 'Martínez', 'Ferreira', 'Conti'],
  },
  southeast: {
    first: ['Andrei', 'Ioana', 'Georgi', 'Elena', 'Arben', 'Ema', 'Milica', 'Stefan', 'Mehmet', 'Ayşe', 'Emre', 'Zeynep'],
    last: ['Popescu', 'Ionescu', 'Dimitrov', 'Georgiev', 'Hoxha', 'Krasniqi', 'Petrović', 'Stojanovski', 'Yılmaz', 'Demir', 'Kaya', 'Popa'],
  },
}

/** Job titles and the job function each implies (the answer to the TEXT question). */
export const JOB_TITLES: Record<OrganisationKind, readonly { title: string; jobFunction: string }[]> = {
  GOVERNMENT_BUYER: [
    { title: 'Procurement Officer', jobFunction: 'Procurement' },
    { title: 'Programme Manager, Air Defence', jobFunction: 'Programme management' },
    { title: 'Contracting Officer', jobFunction: 'Contracting' },
    { title: 'Capability Planner', jobFunction: 'Capability planning' },
    { title: 'Head of Acquisition', jobFunction: 'Procurement' },
  ],
  LARGE_COMPANY: [
    { title: 'Business Development Director', jobFunction: 'Business development' },
    { title: 'Chief Engineer, Air Defence', jobFunction: 'Engineering' },
    { title: 'Programme Director', jobFunction: 'Programme management' },
    { title: 'Head of Counter-UAS', jobFunction: 'Product management' },
    { title: 'Export Manager', jobFunction: 'Sales' },
  ],
  SME: [
    { title: 'CEO', jobFunction: 'Executive management' },
    { title: 'CTO', jobFunction: 'Engineering' },
    { title: 'Sales Director', jobFunction: 'Sales' },
    { title: 'Product Manager', jobFunction: 'Product management' },
    { title: 'Lead Systems Engineer', jobFunction: 'Engineering' },
  ],
  START_UP: [
    { title: 'Founder & CEO', jobFunction: 'Executive management' },
    { title: 'Co-founder & CTO', jobFunction: 'Engineering' },
    { title: 'Head of Partnerships', jobFunction: 'Business development' },
    { title: 'Lead Engineer', jobFunction: 'Engineering' },
  ],
  ACADEMIA: [
    { title: 'Professor', jobFunction: 'Research' },
    { title: 'Research Fellow', jobFunction: 'Research' },
    { title: 'Head of Laboratory', jobFunction: 'Research management' },
  ],
  OTHER: [
    { title: 'Policy Adviser', jobFunction: 'Policy' },
    { title: 'Secretary General', jobFunction: 'Executive management' },
  ],
}

export type StaffRole = 'owner' | 'organiser' | 'vettingOfficer' | 'checkIn' | 'platformAdmin'

/** Demo sign-in identities for the event's staff; listed in seeds/README.md. */
export const STAFF: Record<StaffRole, { name: string; email: string; jobTitle: string; nationality: NatoCountry }> = {
  owner: { name: 'Ingrid Halvorsen', email: 'ingrid.halvorsen@defence-investment.example', jobTitle: 'Assistant Director, Defence Investment', nationality: 'NO' },
  organiser: { name: 'Mathieu Laurent', email: 'mathieu.laurent@defence-investment.example', jobTitle: 'Industry Day Coordinator', nationality: 'BE' },
  vettingOfficer: { name: 'Aino Virtanen', email: 'aino.virtanen@defence-investment.example', jobTitle: 'Security and Vetting Officer', nationality: 'FI' },
  checkIn: { name: 'Jonas Peeters', email: 'jonas.peeters@defence-investment.example', jobTitle: 'Visitor Services', nationality: 'BE' },
  platformAdmin: { name: 'Alex Morgan', email: 'admin@muster.example', jobTitle: 'Platform Administrator', nationality: 'GB' },
}

/**
 * The scripted story of a registration: the last entry is its current status. Personas use
 * these directly; generated attendees draw one by weight.
 */
export type RegistrationScenario = 'approved' | 'promoted' | 'pending' | 'infoRequested' | 'editedAfterApproval' | 'waitlisted' | 'rejected' | 'cancelled'

export type PersonaEntry = {
  key: string
  firstName: string
  lastName: string
  organisationSlug: string
  jobTitle: string
  jobFunction: string
  nationality: NatoCountry
  scenario: RegistrationScenario
  /** Whether the persona has a matchmaking profile (approved personas only). */
  matchmaking: boolean
}

/**
 * The first attendees, fixed so a demo can sign in as a known person in each situation
 * (see seeds/README.md). Personas also speak, so the agenda links to real accounts.
 */
export const PERSONAS: readonly PersonaEntry[] = [
  { key: 'kadri-tamm', firstName: 'Kadri', lastName: 'Tamm', organisationSlug: 'hornet-interceptors', jobTitle: 'Founder & CEO', jobFunction: 'Executive management', nationality: 'EE', scenario: 'approved', matchmaking: true },
  { key: 'piotr-nowak', firstName: 'Piotr', lastName: 'Nowak', organisationSlug: 'polish-defence-acquisition-office', jobTitle: 'Head of Counter-UAS Acquisition', jobFunction: 'Procurement', nationality: 'PL', scenario: 'approved', matchmaking: true },
  { key: 'claire-fontaine', firstName: 'Claire', lastName: 'Fontaine', organisationSlug: 'lumen-optronics', jobTitle: 'Sales Director', jobFunction: 'Sales', nationality: 'BE', scenario: 'infoRequested', matchmaking: false },
  { key: 'oliver-brennan', firstName: 'Oliver', lastName: 'Brennan', organisationSlug: 'aldermark-defence-systems', jobTitle: 'Business Development Manager', jobFunction: 'Business development', nationality: 'GB', scenario: 'waitlisted', matchmaking: false },
  { key: 'felix-wagner', firstName: 'Felix', lastName: 'Wagner', organisationSlug: 'rhenwald-defence', jobTitle: 'Sales Engineer', jobFunction: 'Sales', nationality: 'DE', scenario: 'rejected', matchmaking: false },
  { key: 'giulia-romano', firstName: 'Giulia', lastName: 'Romano', organisationSlug: 'ferrostar-sistemi', jobTitle: 'Export Manager', jobFunction: 'Sales', nationality: 'IT', scenario: 'cancelled', matchmaking: false },
  { key: 'erik-lindqvist', firstName: 'Erik', lastName: 'Lindqvist', organisationSlug: 'kestrel-vision', jobTitle: 'Co-founder & CTO', jobFunction: 'Engineering', nationality: 'SE', scenario: 'editedAfterApproval', matchmaking: false },
  { key: 'richard-ashworth', firstName: 'Richard', lastName: 'Ashworth', organisationSlug: 'aldermark-defence-systems', jobTitle: 'Vice-President, Air Defence', jobFunction: 'Executive management', nationality: 'GB', scenario: 'approved', matchmaking: true },
  { key: 'laura-vaitkus', firstName: 'Laura', lastName: 'Vaitkus', organisationSlug: 'baltic-rf-labs', jobTitle: 'CTO', jobFunction: 'Engineering', nationality: 'LT', scenario: 'approved', matchmaking: true },
  { key: 'stefan-kruger', firstName: 'Stefan', lastName: 'Krüger', organisationSlug: 'rhenwald-defence', jobTitle: 'Head of Effectors', jobFunction: 'Engineering', nationality: 'DE', scenario: 'approved', matchmaking: true },
]

// ---------- Registration questions ----------

export type QuestionEntry = {
  key: string
  label: string
  helpText: string | null
  kind: QuestionKind
  required: boolean
  vetted: boolean
  options: readonly { value: string; label: string }[] | null
}

export const SECURITY_CLEARANCES = ['none', 'nato-restricted', 'nato-confidential', 'nato-secret'] as const
export type SecurityClearance = (typeof SECURITY_CLEARANCES)[number]

export const QUESTIONS: readonly QuestionEntry[] = [
  {
    key: 'securityClearance', label: 'Security clearance level', kind: 'CHOICE', required: true, vetted: true,
    helpText: 'The highest personal security clearance you currently hold. Most sessions are unclassified.',
    options: [
      { value: 'none', label: 'None' },
      { value: 'nato-restricted', label: 'NATO RESTRICTED' },
      { value: 'nato-confidential', label: 'NATO CONFIDENTIAL' },
      { value: 'nato-secret', label: 'NATO SECRET' },
    ],
  },
  {
    key: 'areasOfInterest', label: 'Areas of interest', kind: 'MULTIPLE_CHOICE', required: true, vetted: false,
    helpText: 'Helps us size the breakout rooms and suggest B2B meetings.',
    options: CAPABILITY_CATEGORIES.map((category) => ({ value: categoryValue(category), label: category })),
  },
  { key: 'attendedBefore', label: 'Have you attended a previous NATO industry day?', kind: 'YES_NO', required: true, vetted: false, helpText: null, options: null },
  {
    key: 'countryOfManufacture', label: 'Main country of manufacture', kind: 'COUNTRY', required: false, vetted: true,
    helpText: 'Where your organisation produces the systems it offers, if it produces any.', options: null,
  },
  {
    key: 'motivation', label: 'Why do you want to attend?', kind: 'LONG_TEXT', required: true, vetted: true,
    helpText: 'A few sentences for the vetting team: what you offer or need, and whom you hope to meet.', options: null,
  },
  { key: 'jobFunction', label: 'Job function', kind: 'TEXT', required: true, vetted: true, helpText: 'For example: procurement, engineering, business development.', options: null },
  { key: 'dietaryRequirements', label: 'Dietary requirements', kind: 'TEXT', required: false, vetted: false, helpText: 'For the lunches and the reception.', options: null },
]

/** The MULTIPLE_CHOICE option value of a capability category, e.g. "track-identify". */
export function categoryValue(category: CapabilityCategory) {
  return category.toLowerCase().replace(/ & /g, '-')
}

export const DIETARY_ANSWERS = ['Vegetarian', 'Vegan', 'Gluten-free', 'No pork', 'Lactose-free'] as const

export const MOTIVATIONS: Record<OrganisationKind, readonly string[]> = {
  GOVERNMENT_BUYER: [
    'We are preparing a counter-UAS acquisition for 2027-2029 and want to hear what industry can deliver at scale, and how quickly.',
    'Our national programme needs layered protection for bases and critical sites. We want to meet suppliers who have fielded systems.',
  ],
  LARGE_COMPANY: [
    'We want to understand the Alliance priorities behind the counter-UAS package and discuss how our production lines can support them.',
    'We are looking for national buyers and for innovative SMEs and start-ups to integrate into our air-defence offer.',
  ],
  SME: [
    'We want to present our fielded systems to procurement agencies and find a prime to integrate with.',
    'We are expanding production and want to meet buyers and partners from across the Alliance.',
  ],
  START_UP: [
    'We have a working product tested against real drone threats and want to learn how start-ups get procured by Allied nations.',
    'We are looking for our first government customer and for an industrial partner to scale production.',
  ],
  ACADEMIA: [
    'We look for industrial partners for our counter-UAS research and for test opportunities.',
    'We want to align our research programme with the capability targets presented at the plenary.',
  ],
  OTHER: [
    'We represent our members and want to understand the demand signal for counter-UAS capability.',
    'We want to connect our member companies with national buyers.',
  ],
}

// ---------- Agenda ----------

export type TrackEntry = { slug: string; name: string; description: string; colour: string }

/** Colours chosen for at least 4.5:1 contrast against white. */
export const TRACKS: readonly TrackEntry[] = [
  { slug: 'plenary', name: 'Plenary', description: 'Keynotes and briefings for everyone.', colour: '#1d4e89' },
  { slug: 'detect-identify', name: 'Detect & Identify', description: 'Sensors, tracking and identification.', colour: '#0b6e69' },
  { slug: 'defeat', name: 'Defeat', description: 'Kinetic, electronic, cyber and directed-energy effectors.', colour: '#b3261e' },
  { slug: 'integration-c2', name: 'Integration & C2', description: 'Command and control, integration and testing.', colour: '#6a3d9a' },
  { slug: 'industry-production', name: 'Industry & Production', description: 'Production at scale, supply chains and procurement.', colour: '#8a5300' },
  { slug: 'b2b', name: 'B2B', description: 'Pre-arranged one-to-one meetings.', colour: '#2e6b30' },
]

export type RoomEntry = { name: string; capacity: number; location: string }

export const ROOMS: readonly RoomEntry[] = [
  { name: 'Plenary Hall', capacity: 400, location: 'Main building, ground floor' },
  { name: 'Breakout Room 1', capacity: 80, location: 'Conference wing, level 1' },
  { name: 'Breakout Room 2', capacity: 60, location: 'Conference wing, level 1' },
  { name: 'Breakout Room 3', capacity: 50, location: 'Conference wing, level 2' },
  { name: 'Breakout Room 4', capacity: 40, location: 'Conference wing, level 2' },
  { name: 'B2B Hall', capacity: 60, location: 'Conference wing, ground floor' },
  { name: 'Atrium', capacity: 500, location: 'Main entrance' },
]

export type SpeakerEntry = {
  slug: string
  name: string
  jobTitle: string
  organisationName: string
  /** Links the speaker to a seeded organisation, when it is one. */
  organisationSlug: string | null
  /** Links the speaker to a seeded account: a persona key or a staff role. */
  account: { persona: string } | { staff: StaffRole } | null
  bio: string
}

export const SPEAKERS: readonly SpeakerEntry[] = [
  { slug: 'ingrid-halvorsen', name: 'Dr Ingrid Halvorsen', jobTitle: 'Assistant Director, Defence Investment', organisationName: 'NATO Defence Investment Directorate', organisationSlug: HOST_ORGANISATION_SLUG, account: { staff: 'owner' }, bio: 'Leads the Directorate’s work with industry on air and missile defence. Previously ran a national armaments agency’s ground-based air-defence portfolio.' },
  { slug: 'marek-zielinski', name: 'Lt Gen (ret.) Marek Zieliński', jobTitle: 'Senior Adviser, Integrated Air and Missile Defence', organisationName: 'Allied Air Defence Staff', organisationSlug: null, account: null, bio: 'Commanded air-defence units on the eastern flank for two decades and now advises on the integrated air and missile defence mission.' },
  { slug: 'anne-sophie-delcourt', name: 'Colonel Anne-Sophie Delcourt', jobTitle: 'Head, Counter-UAS Capability Section', organisationName: 'NATO Defence Investment Directorate', organisationSlug: HOST_ORGANISATION_SLUG, account: null, bio: 'Coordinates the Alliance counter-UAS package of measures and the multinational projects that deliver it.' },
  { slug: 'tomas-brandt', name: 'Dr Tomas Brandt', jobTitle: 'Capability Targets Lead, Air and Missile Defence', organisationName: 'Defence Planning Staff', organisationSlug: null, account: null, bio: 'Translates Allied capability targets into requirements industry can build to.' },
  { slug: 'oksana-melnyk', name: 'Oksana Melnyk', jobTitle: 'Director of Research', organisationName: 'Institute for Unmanned Systems Studies', organisationSlug: null, account: null, bio: 'Studies how drone and counter-drone warfare in Ukraine has changed tactics, costs and production cycles.' },
  { slug: 'james-whitfield', name: 'James Whitfield', jobTitle: 'Defence Editor', organisationName: 'The Alliance Review', organisationSlug: null, account: null, bio: 'Has covered Allied defence procurement for fifteen years.' },
  { slug: 'kadri-tamm', name: 'Kadri Tamm', jobTitle: 'Founder & CEO', organisationName: 'Hornet Interceptors', organisationSlug: 'hornet-interceptors', account: { persona: 'kadri-tamm' }, bio: 'Founded Hornet Interceptors in 2023 to build interceptor drones that cost less than the drones they stop.' },
  { slug: 'richard-ashworth', name: 'Richard Ashworth', jobTitle: 'Vice-President, Air Defence', organisationName: 'Aldermark Defence Systems', organisationSlug: 'aldermark-defence-systems', account: { persona: 'richard-ashworth' }, bio: 'Runs Aldermark’s air-defence business, including its new counter-UAS production line.' },
  { slug: 'piotr-nowak', name: 'Piotr Nowak', jobTitle: 'Head of Counter-UAS Acquisition', organisationName: 'Polish Defence Acquisition Office', organisationSlug: 'polish-defence-acquisition-office', account: { persona: 'piotr-nowak' }, bio: 'Buys counter-UAS systems for the eastern flank and has contracted four start-ups in the past year.' },
  { slug: 'elena-marsh', name: 'Dr Elena Marsh', jobTitle: 'Chief Scientist', organisationName: 'Brussels Centre for Security Technology', organisationSlug: 'brussels-centre-for-security-technology', account: null, bio: 'Leads research on multi-sensor detection and the independent evaluation of counter-UAS systems.' },
  { slug: 'stefan-kruger', name: 'Stefan Krüger', jobTitle: 'Head of Effectors', organisationName: 'Rhenwald Defence', organisationSlug: 'rhenwald-defence', account: { persona: 'stefan-kruger' }, bio: 'Engineer behind Rhenwald’s programmable airburst ammunition for short-range air defence.' },
  { slug: 'laura-vaitkus', name: 'Laura Vaitkus', jobTitle: 'CTO', organisationName: 'Baltic RF Labs', organisationSlug: 'baltic-rf-labs', account: { persona: 'laura-vaitkus' }, bio: 'Designs software-defined radios for detection and jamming, updated weekly from front-line feedback.' },
  { slug: 'sander-de-vries', name: 'Commander Sander de Vries', jobTitle: 'C2 Integration Lead', organisationName: 'Netherlands Defence Acquisition Bureau', organisationSlug: 'netherlands-defence-acquisition-bureau', account: null, bio: 'Integrates sensors and effectors from many vendors into one air picture for joint air defence.' },
  { slug: 'maria-conti', name: 'Maria Conti', jobTitle: 'Director, Industrial Policy', organisationName: 'Counter-Drone Industry Association of Europe', organisationSlug: 'counter-drone-industry-association', account: null, bio: 'Works with manufacturers and governments on surge production and resilient supply chains.' },
]

export type SessionEntry = {
  slug: string
  day: 1 | 2
  /** Wall-clock times in the event's zone, "HH:MM". */
  start: string
  end: string
  kind: SessionKind
  trackSlug: string | null
  roomName: string
  title: string
  abstract: string
  /** Seats for sign-up sessions at the demo size; null when no sign-up is needed. */
  signUpCapacity: number | null
  speakers: readonly { slug: string; role: string | null }[]
}

export const SESSIONS: readonly SessionEntry[] = [
  // Day 1: Wednesday 24 March 2027 as written (seeds move it to the reference day: demo-timeline.ts)
  { slug: 'registration-and-coffee', day: 1, start: '08:00', end: '09:00', kind: 'BREAK', trackSlug: null, roomName: 'Atrium', title: 'Registration and coffee', abstract: 'Collect your badge at the visitor centre and bring the photo ID you registered with.', signUpCapacity: null, speakers: [] },
  { slug: 'opening-address', day: 1, start: '09:00', end: '09:20', kind: 'PLENARY', trackSlug: 'plenary', roomName: 'Plenary Hall', title: 'Opening address', abstract: 'Why counter-UAS is an Alliance priority, and what we ask of industry.', signUpCapacity: null, speakers: [{ slug: 'ingrid-halvorsen', role: 'Keynote' }] },
  { slug: 'eastern-flank-air-defence', day: 1, start: '09:20', end: '10:00', kind: 'PLENARY', trackSlug: 'plenary', roomName: 'Plenary Hall', title: 'Defending the eastern flank: the air-defence mission', abstract: 'How Allied air defence has adapted to mass drone attacks along the eastern flank, and the gaps that remain.', signUpCapacity: null, speakers: [{ slug: 'marek-zielinski', role: null }] },
  { slug: 'counter-uas-package-of-measures', day: 1, start: '10:00', end: '10:40', kind: 'PLENARY', trackSlug: 'plenary', roomName: 'Plenary Hall', title: 'The counter-UAS package of measures', abstract: 'The projects, common funding and multinational purchases that make up the Alliance counter-UAS package.', signUpCapacity: null, speakers: [{ slug: 'anne-sophie-delcourt', role: null }] },
  { slug: 'coffee-break-day-1', day: 1, start: '10:40', end: '11:10', kind: 'BREAK', trackSlug: null, roomName: 'Atrium', title: 'Coffee break', abstract: 'Coffee and the industry exhibition.', signUpCapacity: null, speakers: [] },
  { slug: 'capability-targets-air-missile-defence', day: 1, start: '11:10', end: '11:50', kind: 'PLENARY', trackSlug: 'plenary', roomName: 'Plenary Hall', title: 'Capability targets for air and missile defence', abstract: 'What the capability targets ask of Allies for short-range air defence and counter-UAS, and what that means for demand.', signUpCapacity: null, speakers: [{ slug: 'tomas-brandt', role: null }] },
  { slug: 'lessons-from-ukraine', day: 1, start: '11:50', end: '12:30', kind: 'PLENARY', trackSlug: 'plenary', roomName: 'Plenary Hall', title: 'Lessons from Ukraine: countering drones at scale', abstract: 'Cost per intercept, weekly software updates and production in the hundreds of thousands: what three years of drone war teach.', signUpCapacity: null, speakers: [{ slug: 'oksana-melnyk', role: null }] },
  { slug: 'lunch-day-1', day: 1, start: '12:30', end: '13:30', kind: 'BREAK', trackSlug: null, roomName: 'Atrium', title: 'Lunch', abstract: 'Lunch and the industry exhibition.', signUpCapacity: null, speakers: [] },
  { slug: 'panel-prototype-to-production', day: 1, start: '13:30', end: '14:20', kind: 'PANEL', trackSlug: 'plenary', roomName: 'Plenary Hall', title: 'Panel: from prototype to production in months', abstract: 'A start-up, a prime and a buyer on what it takes to field counter-UAS systems in months instead of years.', signUpCapacity: null, speakers: [{ slug: 'james-whitfield', role: 'Moderator' }, { slug: 'kadri-tamm', role: 'Panellist' }, { slug: 'richard-ashworth', role: 'Panellist' }, { slug: 'piotr-nowak', role: 'Panellist' }] },
  { slug: 'b2b-meetings-day-1', day: 1, start: '14:30', end: '17:30', kind: 'B2B_WINDOW', trackSlug: 'b2b', roomName: 'B2B Hall', title: 'B2B meetings', abstract: 'Pre-arranged 20-minute one-to-one meetings. Book them on the matchmaking page.', signUpCapacity: null, speakers: [] },
  { slug: 'detect-track-identify', day: 1, start: '14:30', end: '15:30', kind: 'BREAKOUT', trackSlug: 'detect-identify', roomName: 'Breakout Room 1', title: 'Detect, track and identify', abstract: 'Layering RF, radar, EO/IR and acoustic sensors, fusing their tracks and telling friend from foe.', signUpCapacity: 60, speakers: [{ slug: 'elena-marsh', role: 'Chair' }] },
  { slug: 'defeat-kinetic', day: 1, start: '14:30', end: '15:30', kind: 'BREAKOUT', trackSlug: 'defeat', roomName: 'Breakout Room 2', title: 'Defeat: kinetic effectors', abstract: 'Interceptor drones, guns and airburst ammunition: cost per kill, magazine depth and collateral risk.', signUpCapacity: 50, speakers: [{ slug: 'stefan-kruger', role: 'Chair' }] },
  { slug: 'defeat-rf-electronic-warfare', day: 1, start: '16:10', end: '17:10', kind: 'BREAKOUT', trackSlug: 'defeat', roomName: 'Breakout Room 2', title: 'Defeat: RF and electronic warfare', abstract: 'Jamming, spoofing and cyber takeover against drones that no longer depend on a radio link.', signUpCapacity: 50, speakers: [{ slug: 'laura-vaitkus', role: 'Chair' }] },
  { slug: 'c2-integration', day: 1, start: '16:10', end: '17:10', kind: 'BREAKOUT', trackSlug: 'integration-c2', roomName: 'Breakout Room 3', title: 'Command and control integration', abstract: 'Open architectures and interface standards that let any sensor cue any effector.', signUpCapacity: 40, speakers: [{ slug: 'sander-de-vries', role: 'Chair' }] },
  { slug: 'networking-reception', day: 1, start: '17:30', end: '19:00', kind: 'BREAK', trackSlug: null, roomName: 'Atrium', title: 'Networking reception', abstract: 'Drinks and conversation at the end of day one.', signUpCapacity: null, speakers: [] },
  // Day 2: Thursday 25 March 2027
  { slug: 'welcome-coffee-day-2', day: 2, start: '08:30', end: '09:00', kind: 'BREAK', trackSlug: null, roomName: 'Atrium', title: 'Welcome coffee', abstract: 'Coffee before the second day.', signUpCapacity: null, speakers: [] },
  { slug: 'b2b-meetings-day-2', day: 2, start: '09:00', end: '12:00', kind: 'B2B_WINDOW', trackSlug: 'b2b', roomName: 'B2B Hall', title: 'B2B meetings', abstract: 'Pre-arranged 20-minute one-to-one meetings. Book them on the matchmaking page.', signUpCapacity: null, speakers: [] },
  { slug: 'production-at-scale', day: 2, start: '09:00', end: '10:00', kind: 'BREAKOUT', trackSlug: 'industry-production', roomName: 'Breakout Room 1', title: 'Production at scale and supply chains', abstract: 'Surge capacity, long-lead components and the contracts that let industry invest ahead of orders.', signUpCapacity: 60, speakers: [{ slug: 'maria-conti', role: 'Chair' }] },
  { slug: 'how-start-ups-get-procured', day: 2, start: '09:00', end: '10:00', kind: 'BREAKOUT', trackSlug: 'industry-production', roomName: 'Breakout Room 4', title: 'How start-ups get procured', abstract: 'Innovation challenges, framework contracts and common funding: the routes from demonstrator to contract.', signUpCapacity: 35, speakers: [{ slug: 'piotr-nowak', role: null }, { slug: 'anne-sophie-delcourt', role: null }] },
  { slug: 'testing-and-evaluation', day: 2, start: '10:20', end: '11:20', kind: 'BREAKOUT', trackSlug: 'integration-c2', roomName: 'Breakout Room 3', title: 'Testing and evaluation', abstract: 'Joint test events, shared threat libraries and what evidence buyers need before they sign.', signUpCapacity: 45, speakers: [{ slug: 'elena-marsh', role: 'Chair' }] },
  { slug: 'lunch-day-2', day: 2, start: '12:00', end: '13:00', kind: 'BREAK', trackSlug: null, roomName: 'Atrium', title: 'Lunch', abstract: 'Lunch and the industry exhibition.', signUpCapacity: null, speakers: [] },
  { slug: 'breakout-read-outs', day: 2, start: '13:00', end: '13:40', kind: 'PLENARY', trackSlug: 'plenary', roomName: 'Plenary Hall', title: 'Breakout read-outs and next steps', abstract: 'The breakout chairs report back; the procurement roadmap for 2027.', signUpCapacity: null, speakers: [{ slug: 'anne-sophie-delcourt', role: 'Moderator' }] },
  { slug: 'closing-remarks', day: 2, start: '13:40', end: '14:00', kind: 'PLENARY', trackSlug: 'plenary', roomName: 'Plenary Hall', title: 'Closing remarks', abstract: 'Summary of the two days and how to follow up.', signUpCapacity: null, speakers: [{ slug: 'ingrid-halvorsen', role: 'Keynote' }] },
]

/** How popular each sign-up breakout is, relative to the others in its time block. */
export const BREAKOUT_POPULARITY: Record<string, number> = {
  'detect-track-identify': 0.55,
  'defeat-kinetic': 0.45,
  'defeat-rf-electronic-warfare': 0.5,
  'c2-integration': 0.5,
  'production-at-scale': 0.2,
  'how-start-ups-get-procured': 0.8,
  'testing-and-evaluation': 1,
}

// ---------- Matchmaking copy ----------

type ItemText = { title: string; description: string }

export type CapabilityCopy = {
  /** Headline of a supplier whose main capability this is. */
  supplierHeadline: string
  /** Headline of a buyer looking for it. */
  buyerHeadline: string
  offers: readonly ItemText[]
  needs: readonly ItemText[]
  partnership: ItemText
}

export const CAPABILITY_COPY: Record<string, CapabilityCopy> = {
  'rf-detection': {
    supplierHeadline: 'Passive RF detection that finds drones and their pilots',
    buyerHeadline: 'Buying passive RF detection for forward bases',
    offers: [
      { title: 'Passive RF detectors, 500 a month', description: 'We produce passive RF detectors at 500 a month and can double that within six months of a framework order.' },
      { title: 'Pilot geolocation from drone-controller signals', description: 'Our sensors locate the pilot as well as the drone, to within 50 metres at 5 km.' },
    ],
    needs: [{ title: 'RF sensors for 40 forward sites', description: 'We need passive RF sensors for 40 forward sites, deliverable within 12 months, integrated into a national C2.' }],
    partnership: { title: 'Partner for RF sensor integration', description: 'We seek a C2 integrator to bundle our RF sensors into a layered system for national tenders.' },
  },
  'radar-detection': {
    supplierHeadline: 'Compact 3D radars for small, slow and low targets',
    buyerHeadline: 'Procuring short-range surveillance radars',
    offers: [
      { title: 'Counter-UAS radar, deliverable in 9 months', description: 'X-band 3D radar that detects Group 1 drones at 5 km; 60 units a year today, 150 from 2028.' },
      { title: 'Micro-Doppler classification upgrade', description: 'A software upgrade that tells drones from birds on radars already in service.' },
    ],
    needs: [{ title: 'Surveillance radars for critical infrastructure', description: 'We need radars that detect small drones around ports and energy sites, with an open track output.' }],
    partnership: { title: 'Radar partner for a joint bid', description: 'We seek a radar supplier for a joint bid on a national short-range air-defence programme.' },
  },
  'eo-ir-sensing': {
    supplierHeadline: 'Thermal and daylight cameras with on-board classification',
    buyerHeadline: 'Looking for EO/IR sensors to confirm targets',
    offers: [
      { title: 'Cooled thermal cameras for counter-UAS', description: 'Cooled MWIR cameras with on-board drone classification; 120 units a month from two plants.' },
      { title: 'AI drone classification for any camera', description: 'Software that classifies drones in existing camera feeds, running on an edge computer.' },
    ],
    needs: [{ title: 'EO/IR confirmation sensors', description: 'We need EO/IR sensors that confirm radar tracks before a defeat decision, day and night.' }],
    partnership: { title: 'Optics partner wanted', description: 'We seek an optics manufacturer to co-develop a long-range identification turret.' },
  },
  'acoustic-sensing': {
    supplierHeadline: 'Acoustic sensor networks that hear what radar misses',
    buyerHeadline: 'Seeking low-cost acoustic sensor networks',
    offers: [
      { title: 'Acoustic sensors at 300 euros a node', description: 'Battery-powered acoustic nodes that detect drones at 1 km; we can ship 2,000 nodes a month.' },
    ],
    needs: [{ title: 'Acoustic sensor network for a border area', description: 'We need a distributed acoustic network covering 100 km of border, with data fed to our national C2.' }],
    partnership: { title: 'Seeking telecom partner for sensor backhaul', description: 'We seek a partner with resilient mesh radios to connect our acoustic nodes.' },
  },
  'tracking-sensor-fusion': {
    supplierHeadline: 'One air picture from every sensor',
    buyerHeadline: 'Buying sensor fusion for a multi-vendor air picture',
    offers: [
      { title: 'Sensor-fusion engine, vendor-neutral', description: 'Our fusion engine merges radar, RF, EO/IR and acoustic tracks; already integrated with 14 sensors.' },
      { title: 'Edge tracking software', description: 'Tracking and classification that runs on the sensor, so only tracks travel over the network.' },
    ],
    needs: [{ title: 'Fusion of sensors from several vendors', description: 'We need a fusion layer that combines the sensors we already own from four vendors.' }],
    partnership: { title: 'Sensor makers wanted for integration', description: 'We seek sensor manufacturers to integrate with our fusion engine before the 2027 trials.' },
  },
  identification: {
    supplierHeadline: 'Telling friendly drones from threats',
    buyerHeadline: 'Need Remote ID and IFF for our own drones',
    offers: [
      { title: 'Remote ID receivers for air bases', description: 'Remote ID receivers and software that flag non-cooperative drones at air bases and airports.' },
    ],
    needs: [{ title: 'IFF for friendly drones', description: 'We need a lightweight IFF solution so our own drones are not engaged by counter-UAS systems.' }],
    partnership: { title: 'Partner for drone IFF trials', description: 'We seek a drone manufacturer to trial our identification transponder.' },
  },
  'kinetic-defeat': {
    supplierHeadline: 'Interceptors and guns that defeat drones at low cost per kill',
    buyerHeadline: 'Procuring low-cost interceptors in volume',
    offers: [
      { title: 'Interceptor drones, 1,000 a month', description: 'We produce interceptor drones at 1,000 a month, each under 5,000 euros, with autonomous terminal guidance.' },
      { title: 'Airburst ammunition for 30 mm guns', description: 'Programmable airburst rounds for existing 30 mm guns, qualified and in serial production.' },
    ],
    needs: [{ title: 'Interceptors under 10,000 euros each', description: 'We need interceptors that cost less than the drones they defeat, deliverable in lots of 500.' }],
    partnership: { title: 'We seek a partner for interceptor airframes', description: 'We seek a partner to produce interceptor airframes so we can focus on guidance and seekers.' },
  },
  'rf-jamming-ew': {
    supplierHeadline: 'Protocol-aware jamming and electronic warfare',
    buyerHeadline: 'Buying jammers for convoys and bases',
    offers: [
      { title: 'Vehicle-mounted jammer', description: 'Wideband and protocol-aware jamming from a vehicle, with software updates every two weeks.' },
      { title: 'Man-portable jammers in stock', description: 'Man-portable jammers with 200 units in stock and 150 more each month.' },
    ],
    needs: [{ title: 'Jammers for convoy protection', description: 'We need vehicle jammers that do not disrupt our own communications.' }],
    partnership: { title: 'EW partner for software-defined radios', description: 'We seek a partner to port our jamming waveforms to their software-defined radios.' },
  },
  'cyber-takeover': {
    supplierHeadline: 'Cyber takeover: land hostile drones safely',
    buyerHeadline: 'Looking for low-collateral defeat near people',
    offers: [
      { title: 'Cyber takeover for commercial drones', description: 'Takes control of commercial drones and lands them at a safe point, with no debris.' },
    ],
    needs: [{ title: 'Low-collateral defeat for urban sites', description: 'We need defeat options that bring drones down safely over crowds and city centres.' }],
    partnership: { title: 'Integrator for cyber takeover', description: 'We seek a C2 integrator to offer our takeover module in layered systems.' },
  },
  'directed-energy': {
    supplierHeadline: 'Directed energy against drones and swarms',
    buyerHeadline: 'Exploring laser and microwave effectors',
    offers: [
      { title: 'Compact fibre laser modules', description: 'Fibre laser modules that scale from 10 to 50 kW; 40 modules a year today.' },
    ],
    needs: [{ title: 'Demonstrator for a high-power microwave effector', description: 'We need a demonstrator against swarms for trials in 2027.' }],
    partnership: { title: 'Beam director partner wanted', description: 'We seek a partner for beam directors and fine tracking to pair with our laser source.' },
  },
  'c2-integration': {
    supplierHeadline: 'Open-architecture command and control',
    buyerHeadline: 'Buying open C2 to integrate many vendors',
    offers: [
      { title: 'Open C2 with published interfaces', description: 'Our C2 publishes open interfaces; any sensor or effector can integrate in weeks, not months.' },
    ],
    needs: [{ title: 'C2 for a layered counter-UAS system', description: 'We need a C2 that integrates our existing radars with new effectors from at least three vendors.' }],
    partnership: { title: 'Sensor and effector partners for our C2', description: 'We seek sensor and effector makers to join our open-architecture ecosystem.' },
  },
  'critical-infrastructure': {
    supplierHeadline: 'Counter-UAS protection for critical sites',
    buyerHeadline: 'Protecting ports, airports and energy sites',
    offers: [
      { title: 'Turnkey protection for critical sites', description: 'Design, installation and 24/7 operation of counter-UAS protection at airports and energy sites.' },
    ],
    needs: [{ title: 'Protection for 12 energy sites', description: 'We need counter-UAS protection for 12 energy sites, operated by civilian staff.' }],
    partnership: { title: 'Local partners for site protection', description: 'We seek local installers in Allied countries to deliver our site-protection systems.' },
  },
  'production-capacity': {
    supplierHeadline: 'Production capacity at scale',
    buyerHeadline: 'Need suppliers who can surge production',
    offers: [
      { title: 'Contract manufacturing for drone systems', description: 'Automated assembly lines with free capacity for 5,000 airframes a month.' },
    ],
    needs: [{ title: 'Surge capacity for 10,000 interceptors', description: 'We need suppliers who can produce 10,000 interceptors within 18 months.' }],
    partnership: { title: 'Licensed production partner', description: 'We seek a licence partner to produce our design in a second Allied country.' },
  },
  'supply-chain': {
    supplierHeadline: 'Trusted components for counter-UAS systems',
    buyerHeadline: 'Securing supply chains for counter-UAS',
    offers: [
      { title: 'Trusted electronics with no restricted content', description: 'Flight controllers and radios with an auditable supply chain and no restricted components.' },
    ],
    needs: [{ title: 'Second source for rocket motors', description: 'We need a second source for small rocket motors to remove a single point of failure.' }],
    partnership: { title: 'Component suppliers wanted', description: 'We seek Allied suppliers of thermal cores and batteries for our production ramp-up.' },
  },
  'testing-evaluation': {
    supplierHeadline: 'Independent testing against realistic drone threats',
    buyerHeadline: 'Need independent test evidence before contracts',
    offers: [
      { title: 'Test range with threat-representative drones', description: 'A 20 km² test range and a fleet of threat-representative drones for independent trials.' },
    ],
    needs: [{ title: 'Independent evaluation of bids', description: 'We need an independent lab to evaluate shortlisted systems against a shared threat library.' }],
    partnership: { title: 'Partners for joint test campaigns', description: 'We seek manufacturers to join a joint test campaign in spring 2027.' },
  },
  training: {
    supplierHeadline: 'Training and simulation for counter-UAS operators',
    buyerHeadline: 'Training operators at scale',
    offers: [
      { title: 'Simulator for counter-UAS operators', description: 'Synthetic drone threats injected into live C2 consoles for operator training.' },
    ],
    needs: [{ title: 'Operator training for 300 soldiers', description: 'We need a training package for 300 counter-UAS operators in 2027.' }],
    partnership: { title: 'Training content partner', description: 'We seek a partner with operational experience to co-write our training scenarios.' },
  },
}

export const DECLINE_REASONS = [
  'Our delegation is fully booked on day one.',
  'This is outside our current procurement scope.',
  'We already work with a partner in this area.',
] as const

export const REJECTION_REASONS = [
  'Your organisation is already represented by the maximum number of delegates.',
  'The information provided does not show a link to counter-UAS capability.',
] as const

export const INFO_REQUEST_REASON = 'Please confirm your organisation’s registered address and your role in its counter-UAS work.'

export const MEETING_REQUEST_MESSAGES = [
  'I would like to present our work and hear about your plans for the coming year.',
  'Could we discuss your requirements? I think we can help.',
  'We are looking for partners in this area and would value 20 minutes with you.',
  'Following the plenary, I would like to explore working together.',
] as const
