/** The console page of the object a notification or audit entry names (`rectification:<id>` …). */
export function subjectPath(subject: string): string | null {
  const [kind, ...rest] = subject.split(':');
  switch (kind) {
    case 'rectification':
      return `/rectifications/${rest[0]}`;
    case 'household':
      return `/households/${rest[0]}`;
    case 'campaign-task':
      return `/campaigns/${rest[0]}/tasks/${encodeURIComponent(rest.slice(1).join(':'))}`;
    case 'campaign':
      return `/campaigns/${rest[0]}`;
    default:
      return null;
  }
}
