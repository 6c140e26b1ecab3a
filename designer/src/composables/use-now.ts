import { onBeforeUnmount, onMounted, ref } from 'vue';

/** The current time, refreshed each minute so "剩 N 个工作日" rolls over without a reload. */
export function useNow(intervalMs = 60_000) {
  const now = ref(new Date());
  let timer: number | undefined;
  onMounted(() => {
    timer = window.setInterval(() => {
      now.value = new Date();
    }, intervalMs);
  });
  onBeforeUnmount(() => window.clearInterval(timer));
  return now;
}
