/**
 * A sign-off (签字确认): who signed, for which unit and in which role, when, and what they saw.
 * Shared by every process that needs one: close-out of a rectification item (the verifier),
 * two-party acceptance of a house (housing bureau and township), a responsibility pledge.
 */
export interface SignOff {
  signerId: string;
  signerName: string;
  unit: string | null;
  roles: string[];
  at: string;
  /** Evidence the signer had in front of them (ids of files, reports …). */
  evidenceSeen: string[];
  note: string;
}

/** One party whose signature a step needs: by role, by unit, or by a named person. */
export interface SigningParty {
  label: string;
  role?: string;
  unit?: string;
  personId?: string;
}

export function signOff(
  signer: { id: string; name: string; unit: string | null; roles: string[] },
  at: string,
  evidenceSeen: string[],
  note: string,
): SignOff {
  return {
    signerId: signer.id,
    signerName: signer.name,
    unit: signer.unit,
    roles: [...signer.roles],
    at,
    evidenceSeen: [...evidenceSeen],
    note,
  };
}

export function satisfies(party: SigningParty, signature: SignOff): boolean {
  return (
    (party.role === undefined || signature.roles.includes(party.role)) &&
    (party.unit === undefined || signature.unit === party.unit) &&
    (party.personId === undefined || signature.signerId === party.personId)
  );
}

/** The parties that have not signed yet; a step completes when none are left. */
export function missingParties(
  parties: readonly SigningParty[],
  signatures: readonly SignOff[],
): SigningParty[] {
  return parties.filter((party) => !signatures.some((signature) => satisfies(party, signature)));
}

/** The first party this signer may sign for, among those still missing. */
export function partyFor(
  parties: readonly SigningParty[],
  signatures: readonly SignOff[],
  signer: SignOff,
): SigningParty | undefined {
  return missingParties(parties, signatures).find((party) => satisfies(party, signer));
}
