/** Input and output of the diagnostic round-trip workflow (see workflows/diagnostics). */
export interface RoundTripInput {
  checkId: string;
  /** ISO instant at which the API received the request. */
  requestedAt: string;
}

export interface RoundTripResult {
  checkId: string;
  recordedBy: string;
}

export const roundTripWorkflowId = (checkId: string) => `diagnostic-round-trip:${checkId}`;
