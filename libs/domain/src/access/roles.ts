/** The roles a person can hold (DOMAIN.md "People who use the system"). */
export const ROLES = ['admin', 'command-center', 'department', 'leadership', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  'command-center': '指挥部',
  department: '责任单位',
  leadership: '领导小组',
  inspector: '督查组',
};

/** Roles that read every unit's work; `department` sees only its own unit and the units below it. */
export const READS_ACROSS_UNITS: readonly Role[] = ['admin', 'command-center', 'leadership', 'inspector'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
