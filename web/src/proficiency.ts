import type { Proficiency } from './gql/graphql';

/** The ladder of proficiencies, lowest first, as the server sorts them. */
export const proficiencies: Proficiency[] = ['AWARENESS', 'WORKING', 'ADVANCED', 'EXPERT'];

export const proficiencyName: Record<Proficiency, string> = {
  AWARENESS: 'Awareness',
  WORKING: 'Working',
  ADVANCED: 'Advanced',
  EXPERT: 'Expert',
};

/** The seed page's letters (A W V E). */
export const proficiencyLetter: Record<Proficiency, string> = {
  AWARENESS: 'A',
  WORKING: 'W',
  ADVANCED: 'V',
  EXPERT: 'E',
};

/** What each step means. The schema's enum has no descriptions of its values, so the client says it. */
export const proficiencyMeaning: Record<Proficiency, string> = {
  AWARENESS: 'Knows what it is and when it applies; can follow others’ work with it. Not mandatory.',
  WORKING: 'Uses it independently on everyday tasks, with review from others for hard cases.',
  ADVANCED: 'Handles hard cases without help, makes design decisions with it, and reviews others’ work.',
  EXPERT: 'Sets direction and standards for it across teams; the person others ask.',
};

export function rank(proficiency: Proficiency | null | undefined): number {
  return proficiency ? proficiencies.indexOf(proficiency) + 1 : 0;
}
