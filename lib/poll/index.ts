/** Polling: schedule (alarm, due tenants, sources) and the poller (runs, resume, single flight). */
export * from './schedule';
export * from './poller';
export * from './alert-hooks';
