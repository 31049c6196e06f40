import { registerEnumType } from 'type-graphql';

/** The compliance status the accessibility statement must declare (WCAG 2.1 AA, Polish law of 4 April 2019). */
export enum ComplianceStatus {
  /** zgodna */
  COMPLIANT = 'COMPLIANT',
  /** częściowo zgodna */
  PARTIALLY_COMPLIANT = 'PARTIALLY_COMPLIANT',
  /** niezgodna */
  NON_COMPLIANT = 'NON_COMPLIANT',
}

/** How accessibility was assessed for the statement. */
export enum AssessmentMethod {
  /** samoocena przeprowadzona przez podmiot publiczny */
  SELF_ASSESSMENT = 'SELF_ASSESSMENT',
  /** badanie przeprowadzone przez podmiot zewnętrzny */
  EXTERNAL_AUDIT = 'EXTERNAL_AUDIT',
}

registerEnumType(ComplianceStatus, { name: 'ComplianceStatus', description: 'Compliance with WCAG 2.1 AA: zgodna, częściowo zgodna, niezgodna.' });
registerEnumType(AssessmentMethod, { name: 'AccessibilityAssessmentMethod' });
