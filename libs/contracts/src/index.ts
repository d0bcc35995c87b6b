export * from './search-attributes';
export * from './diagnostics/round-trip';
