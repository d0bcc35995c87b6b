export function createUpdateFloorActivities() {
  return {
    /** The floor workflow's local activity: returns its input, touching nothing. */
    floorEcho(value: number): Promise<number> {
      return Promise.resolve(value);
    },
  };
}
