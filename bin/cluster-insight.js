#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `npx cluster-insight` always runs the current source.
import { register } from 'tsx/esm/api';

register();
await import('../agent-core/cli/main.ts');
