import { ActivityArea as A, LegalForm as F } from '../modules/organizations/organization.enums.js';

/**
 * Invented organisations for the demo. Names are plausible but made up; streets are common Polish
 * street names with made-up numbers; no real people appear anywhere.
 */
export interface DemoOrganization {
  name: string;
  shortName?: string;
  legalForm: F;
  areas: A[];
  description: string;
  volunteers?: boolean;
}

export const lesznoOrganizations: DemoOrganization[] = [
  { name: 'Stowarzyszenie Przyjaciół Osób Niepełnosprawnych „Razem Łatwiej”', shortName: 'Razem Łatwiej', legalForm: F.ASSOCIATION, areas: [A.DISABILITY, A.SOCIAL_ASSISTANCE], description: 'Prowadzimy warsztaty terapii zajęciowej i wspieramy rodziny osób z niepełnosprawnościami.', volunteers: true },
  { name: 'Fundacja Uśmiech Malucha', legalForm: F.FOUNDATION, areas: [A.CHILDREN_AND_YOUTH, A.HEALTH], description: 'Zbieramy środki na rehabilitację dzieci i organizujemy turnusy terapeutyczne.' },
  { name: 'Związek Harcerski Drużyn Leśnych', shortName: 'ZHDL', legalForm: F.ASSOCIATION, areas: [A.CHILDREN_AND_YOUTH, A.EDUCATION, A.SPORT_AND_TOURISM], description: 'Drużyny harcerskie dla dzieci i młodzieży: obozy, rajdy, nauka samodzielności.', volunteers: true },
  { name: 'Leszczyński Klub Sportowy „Orlik”', shortName: 'LKS Orlik', legalForm: F.SPORTS_CLUB, areas: [A.SPORT_AND_TOURISM, A.CHILDREN_AND_YOUTH], description: 'Szkolimy młodych piłkarzy i organizujemy turnieje osiedlowe dla całych rodzin.' },
  { name: 'Ochotnicza Straż Pożarna w Leszczyńskich Ogrodach', shortName: 'OSP Ogrody', legalForm: F.VOLUNTEER_FIRE_BRIGADE, areas: [A.SAFETY_AND_RESCUE, A.EDUCATION], description: 'Strażacy ochotnicy: akcje ratownicze, pokazy pierwszej pomocy i pogadanki w szkołach.', volunteers: true },
  { name: 'Spółdzielnia Socjalna „Dobra Robota”', legalForm: F.SOCIAL_COOPERATIVE, areas: [A.SOCIAL_ASSISTANCE, A.DISABILITY], description: 'Dajemy pracę osobom zagrożonym wykluczeniem: catering, pielęgnacja zieleni, drobne remonty.' },
  { name: 'Grupa Nieformalna „Sąsiedzi z Podwala”', legalForm: F.INFORMAL_GROUP, areas: [A.CIVIC_ACTIVITY, A.ECOLOGY_AND_ANIMALS], description: 'Sąsiedzka grupa, która sadzi drzewa, sprząta skwery i organizuje pikniki podwórkowe.', volunteers: true },
  { name: 'Szkoła Podstawowa z Oddziałami Integracyjnymi nr 14', shortName: 'SP 14', legalForm: F.EDUCATIONAL_INSTITUTION, areas: [A.EDUCATION, A.DISABILITY], description: 'Szkoła integracyjna otwarta na inicjatywy organizacji pozarządowych i wolontariat uczniów.' },
  { name: 'Dom Kultury „Zatorze”', legalForm: F.CULTURAL_INSTITUTION, areas: [A.CULTURE_AND_HERITAGE, A.SENIORS], description: 'Pracownie plastyczne, zespół tańca ludowego i klub seniora z zajęciami przez cały rok.' },
  { name: 'Klub Osiedlowy „Pod Kasztanami” Spółdzielni Mieszkaniowej', shortName: 'Pod Kasztanami', legalForm: F.HOUSING_COOPERATIVE_CLUB, areas: [A.SENIORS, A.CULTURE_AND_HERITAGE], description: 'Klub osiedlowy: kawiarenka seniora, brydż, koło gospodyń i kino dla dzieci.' },
  { name: 'Stowarzyszenie Zwykłe Miłośników Kolei Wielkopolskiej', legalForm: F.ORDINARY_ASSOCIATION, areas: [A.CULTURE_AND_HERITAGE, A.EDUCATION], description: 'Dokumentujemy historię kolei w regionie i prowadzimy makietę dostępną dla zwiedzających.' },
  { name: 'Fundacja Zielone Leszno', legalForm: F.FOUNDATION, areas: [A.ECOLOGY_AND_ANIMALS, A.EDUCATION], description: 'Edukacja ekologiczna, łąki kwietne i miejskie pasieki. Uczymy segregacji od przedszkola.', volunteers: true },
  { name: 'Towarzystwo Pomocy Bezdomnym Zwierzętom „Łapa w Łapę”', shortName: 'Łapa w Łapę', legalForm: F.ASSOCIATION, areas: [A.ECOLOGY_AND_ANIMALS, A.VOLUNTEERING], description: 'Domy tymczasowe dla psów i kotów, adopcje, sterylizacje i dyżury w schronisku.', volunteers: true },
  { name: 'Stowarzyszenie Aktywnych Seniorów „Złota Jesień”', shortName: 'Złota Jesień', legalForm: F.ASSOCIATION, areas: [A.SENIORS, A.SPORT_AND_TOURISM], description: 'Nordic walking, wycieczki, kursy komputerowe i uniwersytet trzeciego wieku.' },
  { name: 'Fundacja Bezpieczna Rodzina', legalForm: F.FOUNDATION, areas: [A.FAMILY_AND_VIOLENCE_PREVENTION, A.SOCIAL_ASSISTANCE], description: 'Poradnictwo prawne i psychologiczne dla rodzin w kryzysie, grupy wsparcia dla rodziców.' },
  { name: 'Leszczyńskie Towarzystwo Wioślarskie', legalForm: F.SPORTS_CLUB, areas: [A.SPORT_AND_TOURISM], description: 'Treningi wioślarskie dla młodzieży i dorosłych, regaty i obozy letnie nad jeziorem.' },
  { name: 'Stowarzyszenie Amazonek „Nadzieja”', legalForm: F.ASSOCIATION, areas: [A.HEALTH, A.SOCIAL_ASSISTANCE], description: 'Wsparcie kobiet po leczeniu onkologicznym, rehabilitacja i profilaktyka zdrowia.' },
  { name: 'Klub Karate Kyokushin „Tygrys”', legalForm: F.SPORTS_CLUB, areas: [A.SPORT_AND_TOURISM, A.CHILDREN_AND_YOUTH], description: 'Treningi karate dla dzieci od 6 lat, pokazy sztuk walki i obozy sportowe.' },
  { name: 'Fundacja Mądra Głowa', legalForm: F.FOUNDATION, areas: [A.EDUCATION, A.CHILDREN_AND_YOUTH], description: 'Korepetycje wolontariuszy, koła naukowe i konkursy wiedzy dla uczniów szkół podstawowych.', volunteers: true },
  { name: 'Stowarzyszenie Rodzin Zastępczych „Gniazdo”', legalForm: F.ASSOCIATION, areas: [A.FAMILY_AND_VIOLENCE_PREVENTION, A.CHILDREN_AND_YOUTH], description: 'Szkolenia i wsparcie dla rodzin zastępczych oraz wakacyjne wyjazdy dla dzieci.' },
  { name: 'Ochotnicza Straż Pożarna Gronowo', shortName: 'OSP Gronowo', legalForm: F.VOLUNTEER_FIRE_BRIGADE, areas: [A.SAFETY_AND_RESCUE], description: 'Jednostka ratowniczo-gaśnicza z młodzieżową drużyną pożarniczą.', volunteers: true },
  { name: 'Stowarzyszenie Kulturalne „Scena Otwarta”', legalForm: F.ASSOCIATION, areas: [A.CULTURE_AND_HERITAGE, A.CHILDREN_AND_YOUTH], description: 'Teatr amatorski, warsztaty aktorskie i przeglądy teatrów szkolnych.' },
  { name: 'Fundacja Wolontariat bez Granic', legalForm: F.FOUNDATION, areas: [A.VOLUNTEERING, A.CIVIC_ACTIVITY], description: 'Centrum wolontariatu: łączymy chętnych z organizacjami, szkolimy koordynatorów.', volunteers: true },
  { name: 'Stowarzyszenie Diabetyków Ziemi Leszczyńskiej', legalForm: F.ASSOCIATION, areas: [A.HEALTH], description: 'Edukacja zdrowotna, bezpłatne badania poziomu cukru i spotkania z dietetykami.' },
  { name: 'Uczniowski Klub Sportowy „Szachista”', shortName: 'UKS Szachista', legalForm: F.SPORTS_CLUB, areas: [A.SPORT_AND_TOURISM, A.EDUCATION], description: 'Nauka gry w szachy, turnieje szkolne i symultany z mistrzami.' },
  { name: 'Grupa Nieformalna „Rowerowe Leszno”', legalForm: F.INFORMAL_GROUP, areas: [A.SPORT_AND_TOURISM, A.CIVIC_ACTIVITY], description: 'Rajdy rowerowe, masa krytyczna i mapa bezpiecznych tras dla rowerzystów.', volunteers: true },
  { name: 'Stowarzyszenie Pomocy Osobom z Autyzmem „Inny Świat”', shortName: 'Inny Świat', legalForm: F.ASSOCIATION, areas: [A.DISABILITY, A.EDUCATION], description: 'Terapia dzieci w spektrum autyzmu, grupy wsparcia dla rodziców i szkolenia dla nauczycieli.' },
  { name: 'Fundacja Dziedzictwa Leszczyńskiego', legalForm: F.FOUNDATION, areas: [A.CULTURE_AND_HERITAGE], description: 'Ratujemy zabytki i pamiątki, prowadzimy spacery historyczne po starówce.' },
  { name: 'Polski Związek Wędkarski — Koło Miejskie nr 2', shortName: 'PZW Koło 2', legalForm: F.ASSOCIATION, areas: [A.ECOLOGY_AND_ANIMALS, A.SPORT_AND_TOURISM], description: 'Zawody wędkarskie, zarybianie i sprzątanie brzegów jezior.' },
  { name: 'Klub Osiedlowy „Przystań” Spółdzielni Mieszkaniowej', shortName: 'Przystań', legalForm: F.HOUSING_COOPERATIVE_CLUB, areas: [A.CHILDREN_AND_YOUTH, A.CULTURE_AND_HERITAGE], description: 'Świetlica osiedlowa z zajęciami plastycznymi i odrabianiem lekcji.' },
  { name: 'Stowarzyszenie Ratownictwa Wodnego „Delfin”', legalForm: F.ASSOCIATION, areas: [A.SAFETY_AND_RESCUE, A.SPORT_AND_TOURISM], description: 'Ratownicy wodni: dyżury na kąpieliskach, kursy pływania i pierwszej pomocy.', volunteers: true },
  { name: 'Centrum Kształcenia Ustawicznego', legalForm: F.EDUCATIONAL_INSTITUTION, areas: [A.EDUCATION], description: 'Kursy zawodowe i językowe dla dorosłych, doradztwo edukacyjne.' },
  { name: 'Miejska Biblioteka Osiedlowa „Pod Lipami”', legalForm: F.CULTURAL_INSTITUTION, areas: [A.CULTURE_AND_HERITAGE, A.EDUCATION], description: 'Filia biblioteki: spotkania autorskie, dyskusyjny klub książki, głośne czytanie dla dzieci.' },
  { name: 'Fundacja Pomocy Seniorom „Dobry Sąsiad”', shortName: 'Dobry Sąsiad', legalForm: F.FOUNDATION, areas: [A.SENIORS, A.VOLUNTEERING], description: 'Wolontariusze pomagają samotnym seniorom w zakupach, wizytach u lekarza i rozmowie.', volunteers: true },
  { name: 'Stowarzyszenie Zwykłe „Ogrody Społeczne”', legalForm: F.ORDINARY_ASSOCIATION, areas: [A.ECOLOGY_AND_ANIMALS, A.CIVIC_ACTIVITY], description: 'Wspólne ogrody warzywne na osiedlach, warsztaty kompostowania i wymiana nasion.' },
  { name: 'Towarzystwo Przeciwdziałania Uzależnieniom „Trzeźwy Wybór”', legalForm: F.ASSOCIATION, areas: [A.HEALTH, A.FAMILY_AND_VIOLENCE_PREVENTION], description: 'Profilaktyka uzależnień w szkołach, grupy wsparcia i telefon zaufania.' },
  { name: 'Akademicki Związek Sportowy — Klub Uczelniany', shortName: 'AZS', legalForm: F.SPORTS_CLUB, areas: [A.SPORT_AND_TOURISM, A.CHILDREN_AND_YOUTH], description: 'Siatkówka, koszykówka i lekkoatletyka dla studentów i licealistów.' },
  { name: 'Fundacja Forum Obywatelskie', legalForm: F.FOUNDATION, areas: [A.CIVIC_ACTIVITY, A.EDUCATION], description: 'Debaty miejskie, budżet obywatelski w szkołach, kursy partycypacji dla mieszkańców.' },
  { name: 'Koło Gospodyń Miejskich „Babeczki”', legalForm: F.INFORMAL_GROUP, areas: [A.CULTURE_AND_HERITAGE, A.SENIORS], description: 'Gotujemy, szyjemy i uczymy tradycyjnych przepisów. Kiermasze charytatywne.', volunteers: true },
  { name: 'Spółdzielnia Socjalna „Zielony Zakątek”', legalForm: F.SOCIAL_COOPERATIVE, areas: [A.ECOLOGY_AND_ANIMALS, A.SOCIAL_ASSISTANCE], description: 'Zakładamy i pielęgnujemy ogrody, zatrudniamy osoby po długim bezrobociu.' },
  { name: 'Stowarzyszenie Muzyczne „Harmonia”', legalForm: F.ASSOCIATION, areas: [A.CULTURE_AND_HERITAGE, A.EDUCATION], description: 'Chór mieszany, orkiestra dęta i lekcje gry na instrumentach dla dzieci.' },
  { name: 'Śródmiejskie Stowarzyszenie Rękodzieła „Łata”', shortName: 'Łata', legalForm: F.ASSOCIATION, areas: [A.CULTURE_AND_HERITAGE, A.SENIORS], description: 'Szycie, haft i naprawa ubrań: warsztaty międzypokoleniowe i kiermasze rękodzieła.', volunteers: true },
  { name: 'Fundacja Zdrowe Serce', legalForm: F.FOUNDATION, areas: [A.HEALTH, A.SENIORS], description: 'Bezpłatne badania profilaktyczne i nauka resuscytacji dla mieszkańców.' },
];

export const czerwionkaOrganizations: DemoOrganization[] = [
  { name: 'Stowarzyszenie Górniczych Tradycji „Szychta”', legalForm: F.ASSOCIATION, areas: [A.CULTURE_AND_HERITAGE], description: 'Zachowujemy pamięć o tradycjach górniczych: izba pamięci, orkiestra i barbórkowe spotkania.' },
  { name: 'Fundacja Dzieciaki z Familoków', legalForm: F.FOUNDATION, areas: [A.CHILDREN_AND_YOUTH, A.SOCIAL_ASSISTANCE], description: 'Świetlica środowiskowa, pomoc w nauce i wakacyjne półkolonie dla dzieci.', volunteers: true },
  { name: 'Ochotnicza Straż Pożarna Dębieńsko', shortName: 'OSP Dębieńsko', legalForm: F.VOLUNTEER_FIRE_BRIGADE, areas: [A.SAFETY_AND_RESCUE], description: 'Jednostka ochotnicza: ratownictwo, zawody sportowo-pożarnicze, pokazy dla szkół.' },
  { name: 'Klub Sportowy „Hałda”', legalForm: F.SPORTS_CLUB, areas: [A.SPORT_AND_TOURISM], description: 'Biegi górskie i trening obwodowy na terenach rekreacyjnych dawnej kopalni.' },
  { name: 'Stowarzyszenie Zwykłe „Ruda Wieś”', legalForm: F.ORDINARY_ASSOCIATION, areas: [A.CIVIC_ACTIVITY, A.CULTURE_AND_HERITAGE], description: 'Festyny sołeckie, warsztaty rękodzieła i kronika wsi.' },
  { name: 'Spółdzielnia Socjalna „Przy Kopalni”', legalForm: F.SOCIAL_COOPERATIVE, areas: [A.SOCIAL_ASSISTANCE], description: 'Usługi porządkowe i gastronomiczne, praca dla osób wychodzących z bezrobocia.' },
  { name: 'Grupa Nieformalna „Ekipa od Zieleni”', legalForm: F.INFORMAL_GROUP, areas: [A.ECOLOGY_AND_ANIMALS], description: 'Akcje sadzenia drzew, budki lęgowe i sprzątanie lasów.', volunteers: true },
  { name: 'Zespół Szkół Technicznych', legalForm: F.EDUCATIONAL_INSTITUTION, areas: [A.EDUCATION, A.CHILDREN_AND_YOUTH], description: 'Technikum otwarte na współpracę z organizacjami: praktyki, wolontariat, projekty.' },
  { name: 'Ośrodek Kultury „Pod Szybem”', legalForm: F.CULTURAL_INSTITUTION, areas: [A.CULTURE_AND_HERITAGE, A.SENIORS], description: 'Koncerty, wystawy, klub seniora i sekcje taneczne.' },
  { name: 'Klub Seniora Spółdzielni Mieszkaniowej „Familok”', legalForm: F.HOUSING_COOPERATIVE_CLUB, areas: [A.SENIORS, A.DISABILITY], description: 'Spotkania seniorów, gimnastyka, wycieczki i pomoc sąsiedzka.' },
];

export interface Places {
  city: string;
  postalCode: string;
  center: readonly [number, number];
  districts: string[];
}

export const lesznoPlaces: Places = {
  city: 'Leszno',
  postalCode: '64-100',
  center: [51.8406, 16.5749],
  districts: ['Stare Miasto', 'Zatorze', 'Gronowo', 'Przylesie', 'Ogrody', 'Podwale', 'Zaborowo', 'Nowe Miasto'],
};

export const czerwionkaPlaces: Places = {
  city: 'Czerwionka-Leszczyny',
  postalCode: '44-230',
  center: [50.1547, 18.6797],
  districts: ['Czerwionka', 'Leszczyny', 'Dębieńsko', 'Książenice', 'Stanowice'],
};

export const streets = ['Lipowa', 'Kwiatowa', 'Ogrodowa', 'Polna', 'Szkolna', 'Leśna', 'Słoneczna', 'Krótka', 'Długa', 'Łąkowa', 'Różana', 'Klonowa', 'Wiśniowa', 'Spokojna', 'Źródlana'];
