/** Who takes a step in any of the processes (rectification, housing, campaign): a person or the system. */
export interface Actor {
  id: string;
  name: string;
  unit: string | null;
  roles: string[];
}
