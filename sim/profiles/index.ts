export * from './annotations.ts';
export * from './container-timeline.ts';
export * from './create-profile.ts';
export * from './expected-usage.ts';
export * from './pod-timeline.ts';
export * from './seeded-random.ts';
export * from './throttling.ts';
export * from './usage-profile.ts';
