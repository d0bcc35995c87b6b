export * from './environment';
export * from './config.module';
export * from './require-setting';
export * from './logging';
export * from './observability-settings';
