// The shared domain of Equity Desk: table definitions, cell reading, validation, status rules and formulas.
export * from './tables';
export * from './lists';
export * from './rules';
export * from './issues';
export * from './cells/dates';
export * from './cells/read-cell';
export * from './validate-row';
export * from './read-table';
export * from './row-schema';
export * from './typed-error';
export * from './content-hash';
export * from './layout';
export * from './status/workplan-status';
export * from './status/request-status';
export * from './status/priority';
export * from './status/milestone-status';
