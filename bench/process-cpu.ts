import * as os from 'node:os';
import * as fs from 'node:fs';

/** Linux's clock ticks per second for /proc's CPU times (`getconf CLK_TCK`, 100 on every common build). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** user + system time of the process itself, in ticks */
  ownTicks: number;
  /** user + system time of its children that have exited and been waited for, in ticks */
  exitedChildrenTicks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces and parentheses: the fields start after its last ')'
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return { pid, ppid: Number(fields[1]), ownTicks: utime + stime, exitedChildrenTicks: cutime + cstime };
  } catch {
    return undefined; // gone between listing and reading
  }
}

/** CPU time (user + system) one process has used so far, in ms, without its children. */
export function processCpuMs(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`process ${pid} is gone`);
  return (stat.ownTicks * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU seconds used so far by a process and every descendant of it, including descendants that
 * have exited (the kernel adds those to their parent's children times): Postgres's postmaster and
 * its backends, or a server and the processes it spawned.
 */
export function treeCpuSeconds(rootPid: number | undefined): number | undefined {
  if (rootPid === undefined || !readStat(rootPid)) return undefined;
  const all = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ticks = 0;
  const visit = (stat: ProcStat) => {
    ticks += stat.ownTicks + stat.exitedChildrenTicks;
    for (const child of children.get(stat.pid) ?? []) visit(child);
  };
  visit(readStat(rootPid)!);
  return ticks / TICKS_PER_SECOND;
}

/** The postmaster's pid, from the first line of `postmaster.pid` in a Postgres data folder. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

export type CpuSnapshot = Record<string, number | undefined>;

/** CPU seconds of each named process tree, and of this process (the benchmark's client) as `client`. */
export function cpuSnapshot(pids: Record<string, number | undefined>): CpuSnapshot {
  const usage = process.cpuUsage();
  const snapshot: CpuSnapshot = { client: (usage.user + usage.system) / 1e6 };
  for (const [name, pid] of Object.entries(pids)) snapshot[name] = treeCpuSeconds(pid);
  return snapshot;
}

/** Milliseconds of CPU per unit of work each process used between two snapshots, and their sum. */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number): Array<[string, number]> {
  const rows: Array<[string, number]> = [];
  for (const name of Object.keys(after)) {
    const [from, to] = [before[name], after[name]];
    if (from !== undefined && to !== undefined) rows.push([name, ((to - from) * 1000) / units]);
  }
  rows.push(['all', rows.reduce((total, [, value]) => total + value, 0)]);
  return rows;
}

/**
 * CPU seconds the hypervisor has taken from this machine's CPUs since boot (the `steal` column of
 * /proc/stat's first line), or undefined where the kernel does not report it. On a shared virtual
 * machine a benchmark's figures move with it: the difference over a measurement says how much of
 * the cores' time the benchmark did not get.
 */
export function stolenCpuSeconds(): number | undefined {
  try {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const steal = Number(fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)[8]);
    return Number.isFinite(steal) ? steal / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** "12 s of 240 s" (stolen seconds of the cores' time) between two readings of stolenCpuSeconds, or "not reported". */
export function stolenShare(before: number | undefined, after: number | undefined, wallMs: number): string {
  if (before === undefined || after === undefined) return 'not reported';
  const cores = os.cpus().length;
  return `${(after - before).toFixed(0)} s of ${((cores * wallMs) / 1000).toFixed(0)} s (${cores} cores)`;
}

/** CPU per unit by process as one figure: "benchmark 0.1, API 0.2, worker 7.1, …, all 20.5 ms". */
export function cpuFigure(rows: Array<[string, number]>): string {
  return (
    rows.map(([name, ms]) => `${name === 'client' ? 'benchmark' : name} ${ms.toFixed(1)}`).join(', ') + ' ms'
  );
}
