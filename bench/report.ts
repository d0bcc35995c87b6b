/** Prints a benchmark's figures, one a line: the name, then the value in one column. */
export function printFigures(figures: ReadonlyArray<ReadonlyArray<string | number>>): void {
  for (const [name, value] of figures) console.log(`  ${String(name).padEnd(56)} ${value}`);
}

/**
 * Runs a benchmark's `main` and exits once it is done (its servers' handles would keep the process
 * alive): with the exit code it set, else 0; with 1, the error printed, when it failed.
 */
export function runBenchmark(main: () => Promise<void>): void {
  main()
    .then(() => process.exit(process.exitCode ?? 0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
