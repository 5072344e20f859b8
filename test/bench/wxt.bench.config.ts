/**
 * The production build for benchmarks, into its own directory (.tmp/bench-build) so that
 * another `wxt build` in the same tree cannot swap files under a running benchmark.
 */
import { defineConfig } from 'wxt';
import base from '../../wxt.config';

export default defineConfig({ ...base, outDir: '.tmp/bench-build' });
