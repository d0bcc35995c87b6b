// Every workflow the worker registers. Only deterministic code may be imported from here.
export * from './diagnostics/round-trip.workflow';
export * from './diagnostics/hello.workflow';
export * from './diagnostics/update-floor.workflow';
export * from './diagnostics/timer-floor.workflow';
export * from './rectification/rectification-item.workflow';
export * from './rectification/ledger-bulletin.workflow';
export * from './housing/household-pipeline.workflow';
export * from './housing/household-import.workflow';
export * from './campaign/campaign-task.workflow';
export * from './campaign/campaign.workflow';
export * from './batch/batch.workflow';
