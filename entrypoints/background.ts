import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/background';

// Wiring only: lib/background registers every listener synchronously.
export default defineBackground(() => startBackground());
