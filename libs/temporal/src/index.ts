export * from './temporal.tokens';
export * from './temporal-client.module';
export * from './temporal-logger';
export * from './workflow-bundle';
