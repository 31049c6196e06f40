/**
 * Invented Polish names, addresses and descriptions for the city-scale benchmark database. Every
 * name is put together from common words, so no real organisation or person is described.
 */
import { ActivityArea, LegalForm } from '../../src/modules/organizations/organization.enums.js';
import type { Random } from '../../src/seed/random.js';

const FIRST_NAMES = [
  'Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Krystyna', 'Elżbieta', 'Zofia', 'Joanna', 'Magdalena',
  'Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Jakub', 'Adam', 'Łukasz', 'Grzegorz', 'Wojciech',
];
const SURNAMES = [
  'Nowacki', 'Wiśniewski', 'Lewandowski', 'Zieliński', 'Kamiński', 'Dąbrowski', 'Szymański', 'Woźniak', 'Kozłowski', 'Jankowski',
  'Mazur', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Pawlak', 'Michalski', 'Król', 'Wieczorek', 'Jabłoński', 'Wróbel', 'Majewski',
  'Olszewski', 'Stępień', 'Malinowski', 'Jaworski', 'Adamczyk', 'Dudek', 'Nowicki', 'Pawłowski', 'Sikora',
];

/** A made-up first name and surname (feminine surname forms where Polish has them). */
export function personName(n: number): string {
  const first = FIRST_NAMES[n % FIRST_NAMES.length]!;
  const surname = SURNAMES[Math.floor(n / FIRST_NAMES.length) % SURNAMES.length]!;
  const feminine = first.endsWith('a');
  return `${first} ${feminine ? surname.replace(/ski$/, 'ska').replace(/cki$/, 'cka') : surname}`;
}

const GOALS = [
  'Dzieci i Młodzieży', 'Osób Starszych', 'Rodzin', 'Osób z Niepełnosprawnościami', 'Zwierząt', 'Kultury Regionalnej', 'Sportu Amatorskiego',
  'Zdrowia Psychicznego', 'Edukacji Obywatelskiej', 'Ekologii Miejskiej', 'Historii Miasta', 'Sąsiedztwa', 'Wolontariatu', 'Bezpieczeństwa',
];
const QUALITIES = ['Dobry', 'Zielony', 'Otwarty', 'Wspólny', 'Jasny', 'Aktywny', 'Bliski', 'Nowy', 'Mądry', 'Pogodny', 'Odważny', 'Cichy'];
const THINGS = [
  'Start', 'Dom', 'Most', 'Ogród', 'Krok', 'Horyzont', 'Płomień', 'Wiatr', 'Brzeg', 'Szlak', 'Zakątek', 'Kompas', 'Warsztat', 'Rynek',
  'Sad', 'Dąb', 'Klon', 'Jawor', 'Orlik', 'Sokół', 'Promyk', 'Uśmiech', 'Azymut', 'Wrzos', 'Bursztyn', 'Kasztan', 'Żuraw',
];
const PLACES = ['Zatorza', 'Gronowa', 'Przylesia', 'Ogrodów', 'Podwala', 'Zaborowa', 'Starego Miasta', 'Nowego Miasta', 'Leszna', 'Wielkopolski'];
const VILLAGES = [
  'Gronówku', 'Zaborówcu', 'Strzyżewicach', 'Henrykowie', 'Lasocicach', 'Górznie', 'Krzyczkach', 'Dąbczu', 'Wilkowicach', 'Rydzynie',
  'Święciechowie', 'Krzemieniewie', 'Pawłowicach', 'Kąkolewie', 'Osiecznej', 'Włoszakowicach', 'Lipnie', 'Wijewie', 'Boszkowie', 'Długich Starych',
];
const SPORTS = ['Piłki Nożnej', 'Siatkówki', 'Pływania', 'Lekkiej Atletyki', 'Tenisa Stołowego', 'Judo', 'Szachów', 'Kolarstwa', 'Koszykówki', 'Biegów'];

/** Masculine adjective (Dobry) to the genitive feminine/neuter forms the name patterns need. */
const genitive = (adjective: string) => adjective.replace(/y$/, 'ego').replace(/i$/, 'iego');

const NAME_PATTERNS: Record<LegalForm, ((r: Random) => string)[]> = {
  [LegalForm.FOUNDATION]: [
    (r) => `Fundacja ${genitive(r.pick(QUALITIES))} ${r.pick(['Startu', 'Domu', 'Jutra', 'Serca', 'Słowa', 'Sąsiada'])}`,
    (r) => `Fundacja na rzecz ${r.pick(GOALS)} „${r.pick(QUALITIES)} ${r.pick(THINGS)}”`,
    (r) => `Fundacja Pomocy ${r.pick(GOALS)} z ${r.pick(PLACES)}`,
  ],
  [LegalForm.ASSOCIATION]: [
    (r) => `Stowarzyszenie Przyjaciół ${r.pick(PLACES)} „${r.pick(QUALITIES)} ${r.pick(THINGS)}”`,
    (r) => `Stowarzyszenie na rzecz ${r.pick(GOALS)}`,
    (r) => `Towarzystwo Miłośników ${r.pick(PLACES)}`,
  ],
  [LegalForm.ORDINARY_ASSOCIATION]: [(r) => `Stowarzyszenie Zwykłe „${r.pick(QUALITIES)} ${r.pick(THINGS)}”`],
  [LegalForm.SPORTS_CLUB]: [
    (r) => `Uczniowski Klub Sportowy „${r.pick(THINGS)}”`,
    (r) => `Klub Sportowy ${r.pick(SPORTS)} „${r.pick(THINGS)}”`,
  ],
  [LegalForm.VOLUNTEER_FIRE_BRIGADE]: [(r) => `Ochotnicza Straż Pożarna w ${r.pick(VILLAGES)}`],
  [LegalForm.SOCIAL_COOPERATIVE]: [(r) => `Spółdzielnia Socjalna „${r.pick(QUALITIES)} ${r.pick(THINGS)}”`],
  [LegalForm.INFORMAL_GROUP]: [(r) => `Grupa Nieformalna „Sąsiedzi z ${r.pick(PLACES)}”`],
  [LegalForm.EDUCATIONAL_INSTITUTION]: [(r) => `Szkoła Podstawowa nr ${r.int(1, 20)} im. ${r.pick(['Polskich Olimpijczyków', 'Przyjaciół Przyrody', 'Ludzi Dobrej Woli'])}`],
  [LegalForm.CULTURAL_INSTITUTION]: [(r) => `Dom Kultury „${r.pick(THINGS)}”`],
  [LegalForm.HOUSING_COOPERATIVE_CLUB]: [(r) => `Klub Osiedlowy „Pod ${r.pick(['Kasztanami', 'Lipami', 'Topolami', 'Wierzbami'])}”`],
};

/** Legal forms weighted roughly as in a town's register: associations and foundations first. */
const FORM_WEIGHTS: [LegalForm, number][] = [
  [LegalForm.ASSOCIATION, 40], [LegalForm.FOUNDATION, 25], [LegalForm.SPORTS_CLUB, 12], [LegalForm.ORDINARY_ASSOCIATION, 6],
  [LegalForm.VOLUNTEER_FIRE_BRIGADE, 4], [LegalForm.SOCIAL_COOPERATIVE, 3], [LegalForm.INFORMAL_GROUP, 4],
  [LegalForm.EDUCATIONAL_INSTITUTION, 3], [LegalForm.CULTURAL_INSTITUTION, 2], [LegalForm.HOUSING_COOPERATIVE_CLUB, 1],
];

export function pickLegalForm(random: Random): LegalForm {
  let ticket = random.int(1, FORM_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0));
  for (const [form, weight] of FORM_WEIGHTS) {
    ticket -= weight;
    if (ticket <= 0) return form;
  }
  return LegalForm.ASSOCIATION;
}

/** A name no other organisation has: a few fresh draws, then a branch number as people do ("Koło nr 3"). */
export function organizationName(random: Random, form: LegalForm, taken: Set<string>): string {
  let name = random.pick(NAME_PATTERNS[form])(random);
  for (let tries = 0; taken.has(name) && tries < 20; tries++) name = random.pick(NAME_PATTERNS[form])(random);
  const base = name;
  for (let n = 2; taken.has(name); n++) name = `${base} – Koło nr ${n}`;
  taken.add(name);
  return name;
}

const AREAS = Object.values(ActivityArea);

/** One to three distinct areas of activity. */
export function pickAreas(random: Random): ActivityArea[] {
  const count = random.int(1, 3);
  const areas = new Set<ActivityArea>();
  while (areas.size < count) areas.add(random.pick(AREAS));
  return [...areas];
}

const OPENINGS = [
  'Działamy w Lesznie od {year} roku i skupiamy ponad {members} członków i wolontariuszy.',
  'Jesteśmy organizacją założoną w {year} roku przez mieszkańców, którym zależy na swojej okolicy.',
  'Od {year} roku łączymy ludzi, którzy chcą robić coś dobrego dla innych.',
];
const ACTIVITIES = [
  'Prowadzimy cotygodniowe zajęcia, warsztaty i spotkania otwarte dla wszystkich chętnych, bez względu na wiek.',
  'Organizujemy wyjazdy, festyny i pikniki rodzinne, a zimą zbiórki darów dla potrzebujących sąsiadów.',
  'Współpracujemy ze szkołami, bibliotekami i domami kultury, przygotowując pogadanki i pokazy.',
  'Pomagamy w sprawach codziennych: dyżury, porady, wsparcie w wypełnianiu dokumentów i drobne naprawy.',
  'Dbamy o zieleń osiedlową, sadzimy drzewa i uczymy, jak segregować odpady i oszczędzać wodę.',
];
const CLOSINGS = [
  'Szukamy osób, które chcą poświęcić kilka godzin w miesiącu i poznać nowych ludzi.',
  'Zapraszamy do naszej siedziby w dni powszednie po południu; kawa i herbata czekają.',
  'Wszystkie nasze działania są bezpłatne dzięki darczyńcom i przekazanym 1,5% podatku.',
];

/** A few hundred characters about what the organisation does. */
export function organizationDescription(random: Random): string {
  const opening = random.pick(OPENINGS).replace('{year}', String(random.int(1990, 2024))).replace('{members}', String(random.int(12, 180)));
  const first = random.pick(ACTIVITIES);
  let second = random.pick(ACTIVITIES);
  while (second === first) second = random.pick(ACTIVITIES);
  return [opening, first, second, random.pick(CLOSINGS)].join(' ');
}

export const ACTIVITY_IDEAS: { title: string; type: string; audience: string; description: string }[] = [
  { title: 'Warsztaty ceramiki', type: 'WORKSHOP', audience: 'FAMILIES', description: 'Lepimy z gliny miski i kubki, a potem wypalamy je w naszym piecu. Fartuchy zapewniamy.' },
  { title: 'Pierwsza pomoc w praktyce', type: 'WORKSHOP', audience: 'EVERYONE', description: 'Ćwiczymy resuscytację na fantomach i uczymy, jak wezwać pomoc i zabezpieczyć miejsce zdarzenia.' },
  { title: 'Smartfon bez tajemnic', type: 'WORKSHOP', audience: 'SENIORS', description: 'Jak bezpiecznie korzystać z telefonu, bankowości i komunikatorów. Każdy uczestnik ćwiczy na swoim telefonie.' },
  { title: 'Pokaz ratownictwa', type: 'SHOW', audience: 'EVERYONE', description: 'Pokazujemy sprzęt i przebieg akcji ratowniczej; dzieci mogą przymierzyć hełm i usiąść w wozie.' },
  { title: 'Porady prawne', type: 'CONSULTATION', audience: 'EVERYONE', description: 'Bezpłatne konsultacje z prawnikiem: mieszkanie, spadki, umowy. Prosimy zabrać potrzebne dokumenty.' },
  { title: 'Turniej szachowy', type: 'CONTEST', audience: 'YOUTH', description: 'Turniej szybki dla początkujących i zaawansowanych, z nagrodami i krótką lekcją otwarć.' },
  { title: 'Dzień otwarty w siedzibie', type: 'OPEN_OFFICE', audience: 'EVERYONE', description: 'Poznaj nasze działania, porozmawiaj z wolontariuszami i zobacz, jak możesz się włączyć.' },
  { title: 'Spacer historyczny', type: 'OTHER', audience: 'SENIORS', description: 'Spacer z przewodnikiem po mniej znanych zakątkach miasta, ze zdjęciami sprzed stu lat.' },
];
