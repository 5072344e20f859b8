import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Listeners are registered synchronously here: MV3 wakes the worker for an event and
  // only listeners registered in the first turn receive it.
});
