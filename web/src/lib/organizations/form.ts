import { text } from '../forms.ts';

/** The register/update input read from the organisation form (both mutations take the same fields). */
export function organizationInput(form: FormData) {
  return {
    name: text(form, 'name') ?? '',
    shortName: text(form, 'shortName'),
    legalForm: (text(form, 'legalForm') ?? 'ASSOCIATION') as never,
    krs: text(form, 'krs'),
    nip: text(form, 'nip'),
    regon: text(form, 'regon'),
    description: text(form, 'description') ?? '',
    activityAreas: form.getAll('activityAreas').map(String) as never[],
    address: {
      street: text(form, 'address.street') ?? '',
      postalCode: text(form, 'address.postalCode') ?? '',
      city: text(form, 'address.city') ?? '',
      district: text(form, 'address.district'),
    },
    email: text(form, 'email'),
    phone: text(form, 'phone'),
    website: text(form, 'website'),
    socialLinks: (text(form, 'socialLinks') ?? '').split(/\s+/).filter(Boolean),
    logoUrl: text(form, 'logoUrl'),
    premisesAccessibility: form.getAll('premisesAccessibility').map(String) as never[],
    accessibilityNotes: text(form, 'accessibilityNotes'),
    lookingForVolunteers: form.get('lookingForVolunteers') === 'on',
  };
}

/** Form values for an existing organisation, keyed like the form's inputs. */
export function organizationValues(o: {
  name: string; shortName: string | null; legalForm: string; krs: string | null; nip: string | null; regon: string | null;
  description: string; activityAreas: string[]; email: string | null; phone: string | null; website: string | null;
  socialLinks: string[]; logoUrl: string | null; premisesAccessibility: string[]; accessibilityNotes: string | null;
  lookingForVolunteers: boolean; address: { street: string; postalCode: string; city: string; district: string | null };
}): Record<string, string | string[]> {
  return {
    name: o.name, shortName: o.shortName ?? '', legalForm: o.legalForm, krs: o.krs ?? '', nip: o.nip ?? '', regon: o.regon ?? '',
    description: o.description, activityAreas: o.activityAreas, email: o.email ?? '', phone: o.phone ?? '', website: o.website ?? '',
    socialLinks: o.socialLinks.join('\n'), logoUrl: o.logoUrl ?? '', premisesAccessibility: o.premisesAccessibility,
    accessibilityNotes: o.accessibilityNotes ?? '', lookingForVolunteers: o.lookingForVolunteers ? 'on' : '',
    'address.street': o.address.street, 'address.postalCode': o.address.postalCode, 'address.city': o.address.city,
    'address.district': o.address.district ?? '',
  };
}
