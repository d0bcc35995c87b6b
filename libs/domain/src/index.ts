export * from './access/roles';
export * from './organisation/unit-tree';
export * from './time/china-time';
export * from './time/deadline-display';
