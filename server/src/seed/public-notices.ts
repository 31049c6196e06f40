import type { EntityManager } from '@mikro-orm/postgresql';
import type { Municipality } from '../modules/municipalities/index.js';
import { AccessibilityStatement, AssessmentMethod, ComplianceStatus, PrivacyNotice } from '../modules/public-notices/index.js';

/** Who runs the demo office: invented names and example addresses only. */
export interface DemoOffice {
  /** e.g. "Urząd Miasta Leszna" */
  bodyPl: string;
  bodyEn: string;
  /** Street, postal code and town of the office. */
  address: string;
  /** Domain of the invented e-mail addresses, e.g. "leszno.example". */
  domain: string;
  contactName: string;
  phone: string;
}

const privacyBodyPl = `## Po co przetwarzamy Twoje dane
- Prowadzimy Twoje konto w serwisie Razem (art. 6 ust. 1 lit. b RODO: świadczenie usługi drogą elektroniczną, o które prosisz, zakładając konto).
- Obsługujemy Twoje rezerwacje Drzwi Otwartych, zapisy na bombki, udział w randkach obywatelskich i zgłoszenia na Targi NGO (art. 6 ust. 1 lit. e RODO: zadanie publiczne gminy, czyli współpraca z organizacjami pozarządowymi według ustawy o działalności pożytku publicznego i o wolontariacie).
- Przekazujemy Twój e-mail i telefon osobom poznanym na randce obywatelskiej tylko wtedy, gdy oboje się na to zgodziliście (art. 6 ust. 1 lit. a RODO). Zgodę możesz wycofać w każdej chwili.

## Jakie dane zbieramy
- Adres e-mail, imię i nazwisko (lub nazwę), a jeśli je podasz: telefon i wydział (urzędnicy).
- Twoje rezerwacje, zapisy, zgłoszenia i wiadomości, które do Ciebie wysłaliśmy.
- Daty logowania. Nie zbieramy danych do celów reklamowych i nie używamy ciasteczek śledzących.

## Komu przekazujemy dane
- Organizatorom zajęć Drzwi Otwartych: Twoje imię i nazwisko oraz liczbę osób na Twojej rezerwacji.
- Pracownikom Biura, którzy prowadzą wydarzenia.
- Firmom, które dla nas przechowują dane i wysyłają e-maile, na podstawie umów powierzenia. Nie przekazujemy danych poza Europejski Obszar Gospodarczy.

## Twoje prawa
- Masz prawo dostępu do swoich danych i otrzymania ich kopii: pobierzesz ją na stronie „Moje konto”.
- Masz prawo do sprostowania i usunięcia danych: konto usuniesz na stronie „Moje konto”.
- Masz prawo do ograniczenia przetwarzania, sprzeciwu, przenoszenia danych i wycofania zgody.
- Możesz złożyć skargę do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa).

## Czy musisz podać dane
Podanie danych jest dobrowolne, ale bez adresu e-mail nie założysz konta, a bez konta nie zarezerwujesz miejsca.

## Decyzje automatyczne
Nie podejmujemy wobec Ciebie decyzji w sposób zautomatyzowany i nie profilujemy Cię. Przydział stoisk na Targach i plan randek obywatelskich układa program, ale zatwierdzają je pracownicy Biura.`;

const privacyBodyEn = `## Why we process your data
- We run your account on Razem (GDPR art. 6(1)(b): the online service you ask for by creating an account).
- We handle your Open Days bookings, bauble sign-ups, civic speed dating and NGO Fair applications (GDPR art. 6(1)(e): the municipality's public task of working with non-governmental organisations under the Act on Public Benefit and Volunteer Work).
- We share your e-mail and phone with people you met at civic speed dating only when both of you agreed (GDPR art. 6(1)(a)). You can withdraw your consent at any time.

## What data we collect
- Your e-mail address, your name (or the name you use) and, if you give them, your phone and department (officials).
- Your bookings, sign-ups, applications and the messages we sent you.
- When you signed in. We collect nothing for advertising and use no tracking cookies.

## Who receives your data
- Organisers of Open Days activities: your name and the number of people on your booking.
- The office staff who run the events.
- Companies that store data and send e-mails for us, under data processing agreements. We do not transfer data outside the European Economic Area.

## Your rights
- You may access your data and get a copy: download it on the "My account" page.
- You may have your data corrected and erased: delete your account on the "My account" page.
- You may restrict processing, object, move your data and withdraw consent.
- You may complain to the President of the Personal Data Protection Office (ul. Stawki 2, 00-193 Warszawa).

## Do you have to give us your data
No, but without an e-mail address you cannot create an account, and without an account you cannot book a place.

## Automated decisions
We make no automated decisions about you and do not profile you. A program proposes the fair's stand allocation and the speed-dating plan, but the office staff approve them.`;

const procedurePl = `Każdy ma prawo do wystąpienia z żądaniem zapewnienia dostępności cyfrowej strony internetowej, aplikacji mobilnej lub jakiegoś ich elementu. Można także zażądać udostępnienia informacji za pomocą alternatywnego sposobu dostępu, na przykład przez odczytanie niedostępnego cyfrowo dokumentu lub opisanie zawartości obrazu.

Żądanie powinno zawierać dane osoby zgłaszającej żądanie, wskazanie, o którą stronę internetową lub aplikację mobilną chodzi, oraz sposób kontaktu. Jeżeli osoba żądająca zgłasza potrzebę otrzymania informacji za pomocą alternatywnego sposobu dostępu, powinna także określić dogodny dla niej sposób przedstawienia tej informacji.

Podmiot publiczny realizuje żądanie niezwłocznie, nie później niż w ciągu 7 dni od dnia wystąpienia z żądaniem. Jeżeli dotrzymanie tego terminu nie jest możliwe, niezwłocznie informuje o tym wnoszącego żądanie i o terminie realizacji, nie dłuższym niż 2 miesiące od dnia wystąpienia z żądaniem. Jeżeli zapewnienie dostępności cyfrowej nie jest możliwe, podmiot publiczny może zaproponować alternatywny sposób dostępu do informacji.

Gdy podmiot publiczny odmówi realizacji żądania zapewnienia dostępności lub alternatywnego sposobu dostępu do informacji, wnoszący żądanie może złożyć skargę w sprawie zapewnienia dostępności cyfrowej strony internetowej, aplikacji mobilnej lub ich elementu.

Po wyczerpaniu tej procedury można złożyć wniosek do Rzecznika Praw Obywatelskich (https://bip.brpo.gov.pl).`;

const procedureEn = `Everyone has the right to request that a website, a mobile application or any part of them be made digitally accessible. You may also ask for the information in another accessible way, for example by having an inaccessible document read out or the content of an image described.

The request should give the name of the person making it, say which website or mobile application it concerns, and how to reach them. If you need the information in another accessible way, say which way suits you.

The public body fulfils the request without delay, no later than 7 days after it was made. If that is not possible, it tells you so at once and says when it will be done, no later than 2 months after the request. If digital accessibility cannot be provided, the public body may offer another way to access the information.

If the public body refuses to provide accessibility or another way to access the information, you may file a complaint about the digital accessibility of the website, the mobile application or their part.

Once this procedure is exhausted, you may apply to the Commissioner for Human Rights (Rzecznik Praw Obywatelskich, https://bip.brpo.gov.pl).`;

/** The demo municipality's privacy notice and accessibility statement: invented, but complete. */
export function seedPublicNotices(em: EntityManager, municipality: Municipality, office: DemoOffice) {
  const email = (name: string) => `${name}@${office.domain}`;
  em.create(PrivacyNotice, {
    municipality,
    controllerPl: `${office.bodyPl}, ${office.address}. Kontakt w sprawach Twoich danych: ${email('biuro')}.`,
    controllerEn: `${office.bodyEn}, ${office.address}. Contact about your data: ${email('biuro')}.`,
    dataProtectionOfficer: email('iod'),
    bodyPl: privacyBodyPl,
    bodyEn: privacyBodyEn,
  });
  em.create(AccessibilityStatement, {
    municipality,
    bodyNamePl: office.bodyPl,
    bodyNameEn: office.bodyEn,
    siteUrl: `https://razem.${office.domain}`,
    publishedOn: '2026-09-01',
    lastUpdatedOn: '2026-11-16',
    complianceStatus: ComplianceStatus.PARTIALLY_COMPLIANT,
    nonAccessibleContentPl: `- Plan stoisk Targów NGO jest rysunkiem. Te same informacje (kto stoi gdzie) są na liście stoisk pod planem.
- Skaner kodów QR na stanowisku wydawania bombek wymaga kamery. Kod można też wpisać z klawiatury.
- Część logotypów dodanych przez organizacje nie ma opisu tekstowego; obok każdego logo jest nazwa organizacji.
- Pliki CSV pobierane przez pracowników Biura są danymi do arkusza kalkulacyjnego, a nie dokumentami do czytania.`,
    nonAccessibleContentEn: `- The NGO Fair stand plan is a drawing. The same information (who stands where) is in the list of stands below it.
- The QR code scanner at the bauble desk needs a camera. The code can also be typed in.
- Some logos added by organisations have no text description; every logo has the organisation's name next to it.
- CSV files downloaded by the office staff are data for spreadsheets, not documents to read.`,
    preparedOn: '2026-09-01',
    reviewedOn: '2026-11-16',
    assessmentMethod: AssessmentMethod.SELF_ASSESSMENT,
    contactName: office.contactName,
    contactEmail: email('dostepnosc'),
    contactPhone: office.phone,
    procedurePl,
    procedureEn,
    architecturePl: `Biuro przyjmuje interesantów na parterze budynku urzędu (${office.address}).

- Do wejścia głównego prowadzi podjazd dla wózków; drzwi otwierają się automatycznie.
- Na parkingu przed budynkiem są dwa miejsca dla osób z niepełnosprawnościami.
- Na parterze jest toaleta dostosowana do potrzeb osób z niepełnosprawnościami.
- W punkcie obsługi działa pętla indukcyjna.
- Do budynku można wejść z psem asystującym i psem przewodnikiem.
- Na wyższe piętra prowadzi winda z przyciskami opisanymi alfabetem Braille'a.`,
    architectureEn: `The office receives visitors on the ground floor of the town hall (${office.address}).

- A ramp leads to the main entrance; the door opens automatically.
- There are two parking spaces for people with disabilities in front of the building.
- There is an accessible toilet on the ground floor.
- The service desk has an induction loop.
- Assistance dogs and guide dogs are welcome.
- A lift with Braille buttons serves the upper floors.`,
    signLanguagePl: `Osoby doświadczające trudności w komunikowaniu się mogą bezpłatnie skorzystać z pomocy tłumacza polskiego języka migowego (PJM), systemu językowo-migowego (SJM) lub sposobu komunikowania się osób głuchoniewidomych. Zgłoś tę potrzebę co najmniej 3 dni robocze przed wizytą: e-mailem na ${email('dostepnosc')} lub SMS-em na numer ${office.phone}.`,
    signLanguageEn: `People who have difficulty communicating may have a Polish Sign Language (PJM), sign-supported Polish (SJM) or deafblind communication interpreter free of charge. Let us know at least 3 working days before your visit: by e-mail to ${email('dostepnosc')} or by text message to ${office.phone}.`,
  });
}
