import { polishPlural } from '../../core/plural.js';
import { formatWarsaw } from '../../core/time.js';
import type { BaubleCampaign, PickupWindow } from './campaign.entity.js';
import type { BaubleSignup } from './signup.entity.js';

export type SignupEvent = 'reserved' | 'waitlisted' | 'promoted' | 'reminder';

const subjects: Record<SignupEvent, string> = {
  reserved: 'Bombki zarezerwowane – wspólne ubieranie choinki',
  waitlisted: 'Lista rezerwowa – bombki na choinkę',
  promoted: 'Są bombki dla Ciebie – rezerwacja potwierdzona',
  reminder: 'Przypomnienie: oddaj ozdobione bombki',
};

// Every sentence below counts baubles in the accusative: "zarezerwowaliśmy 2 bombki", "rezerwacja na 5 bombek".
const baubles = { one: 'bombkę', few: 'bombki', many: 'bombek' };

/** Polish texts for the people who signed up; the code is what they show at the desk. */
export function signupMessage(event: SignupEvent, signup: BaubleSignup, campaign: BaubleCampaign, window: PickupWindow) {
  const count = `${signup.quantity} ${polishPlural(signup.quantity, baubles)}`;
  const lines: Record<SignupEvent, string[]> = {
    reserved: [`Zarezerwowaliśmy dla Ciebie ${count}.`, `Odbiór: ${campaign.pickupPlace}, ${formatWarsaw(window.startsAt)}.`],
    waitlisted: [`Bombki się skończyły, więc czekasz na liście rezerwowej na ${count}. Napiszemy, gdy któreś wrócą.`],
    promoted: [`Zwolniły się bombki: masz rezerwację na ${count}.`, `Odbiór: ${campaign.pickupPlace}, ${formatWarsaw(window.startsAt)}.`],
    reminder: [`Za dwa dni mija termin oddania ozdobionych bombek: ${formatWarsaw(campaign.returnDeadline)}.`, `Przynieś je do: ${campaign.pickupPlace}.`],
  };
  const body = [
    ...lines[event],
    `Kod: ${signup.code}`,
    `Ubieramy choinkę: ${formatWarsaw(campaign.treeEventAt)}, ${campaign.treeEventPlace}.`,
    '',
    `${campaign.title} – Razem`,
  ].join('\n');
  return { kind: `baubles.${event}`, subject: subjects[event], body };
}
