import { onBeforeUnmount, onMounted, ref } from 'vue';

/** True on phone-width screens, where lists become cards and panels stack. */
export function useNarrowScreen(maxWidth = 768) {
  const narrow = ref(false);
  let query: MediaQueryList | null = null;
  const update = (): void => {
    narrow.value = query?.matches ?? false;
  };
  onMounted(() => {
    query = window.matchMedia(`(max-width: ${maxWidth}px)`);
    update();
    query.addEventListener('change', update);
  });
  onBeforeUnmount(() => query?.removeEventListener('change', update));
  return narrow;
}
