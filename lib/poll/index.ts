/** Polling: schedule (alarm, due tenants, sources) and the poller (runs, resume, single flight). */

export * from './alert-hooks';
export * from './poller';
export * from './schedule';
